#include "domain/offering.hpp"

#include <algorithm>

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/fields.hpp"
#include "catalog/sdk/pagination.hpp"

namespace catalog::offering {
namespace {

constexpr std::size_t kMaxNameLength = 200;
constexpr std::size_t kMaxDescriptionLength = 2000;
constexpr std::size_t kMaxChannelLength = 50;
constexpr std::size_t kMaxReferences = sdk::PageRequest::kMaxPageSize;

std::vector<std::string> validIds(const std::vector<std::string>& raw, const char* field) {
  if (raw.empty()) return {};
  return sdk::canonicalIds(raw, field, kMaxReferences);
}

std::vector<std::string> validChannels(const std::vector<std::string>& raw) {
  std::vector<std::string> channels;
  for (const std::string& text : raw) {
    std::string channel = sdk::boundedText(text, "sales_channels", kMaxChannelLength);
    if (std::find(channels.begin(), channels.end(), channel) == channels.end())
      channels.push_back(std::move(channel));
  }
  return channels;
}

OfferingDraft validDraft(const OfferingDraft& draft) {
  OfferingDraft valid;
  valid.name = sdk::boundedText(draft.name, "name", kMaxNameLength);
  if (draft.description.find_first_not_of(" \t") != std::string::npos)
    valid.description = sdk::boundedText(draft.description, "description", kMaxDescriptionLength);
  valid.specification_ids = validIds(draft.specification_ids, "specification_ids");
  valid.pricing_ids = validIds(draft.pricing_ids, "pricing_ids");
  valid.sales_channels = validChannels(draft.sales_channels);
  return valid;
}

bool sameDraft(const OfferingDraft& a, const OfferingDraft& b) {
  return a.name == b.name && a.description == b.description &&
         a.specification_ids == b.specification_ids && a.pricing_ids == b.pricing_ids &&
         a.sales_channels == b.sales_channels;
}

[[noreturn]] void wrongState(const Offering& offering, const std::string& action,
                             const std::string& allowed) {
  throw sdk::ConflictError("Offering is " + toString(offering.status()) + "; only " + allowed +
                               " offerings can be " + action,
                           {{"lifecycle_status", toString(offering.status())}});
}

}  // namespace

std::string toString(LifecycleStatus status) {
  switch (status) {
    case LifecycleStatus::Draft:
      return "DRAFT";
    case LifecycleStatus::Publishing:
      return "PUBLISHING";
    case LifecycleStatus::Published:
      return "PUBLISHED";
    case LifecycleStatus::Retired:
      return "RETIRED";
  }
  return "DRAFT";
}

std::optional<LifecycleStatus> parseLifecycleStatus(const std::string& text) {
  for (const LifecycleStatus status : {LifecycleStatus::Draft, LifecycleStatus::Publishing,
                                       LifecycleStatus::Published, LifecycleStatus::Retired}) {
    if (toString(status) == text) return status;
  }
  return std::nullopt;
}

Offering Offering::create(std::string id, const OfferingDraft& draft, const std::string& now) {
  Stored stored;
  stored.id = std::move(id);
  stored.draft = validDraft(draft);
  stored.version = 1;
  stored.created_at = now;
  stored.updated_at = now;
  return Offering(std::move(stored));
}

Offering Offering::restore(Stored stored) { return Offering(std::move(stored)); }

bool Offering::update(const OfferingDraft& draft, const std::string& now) {
  OfferingDraft valid = validDraft(draft);
  if (stored_.status != LifecycleStatus::Draft) {
    throw sdk::ValidationError(
        "Offering is " + toString(stored_.status) + "; only DRAFT offerings can be changed",
        {{"lifecycle_status", toString(stored_.status)}});
  }
  if (sameDraft(valid, stored_.draft)) return false;
  stored_.draft = std::move(valid);
  changed(now);
  return true;
}

std::vector<std::string> Offering::publicationGaps() const {
  std::vector<std::string> gaps;
  if (stored_.draft.specification_ids.empty()) gaps.push_back("specification_ids");
  if (stored_.draft.pricing_ids.empty()) gaps.push_back("pricing_ids");
  if (stored_.draft.sales_channels.empty()) gaps.push_back("sales_channels");
  return gaps;
}

void Offering::startPublishing(const std::string& now) {
  if (stored_.status != LifecycleStatus::Draft) wrongState(*this, "published", "DRAFT");
  const std::vector<std::string> gaps = publicationGaps();
  if (!gaps.empty()) {
    std::string listed;
    for (const std::string& gap : gaps) listed += (listed.empty() ? "" : ", ") + gap;
    throw sdk::ValidationError(
        "Offering can't be published without at least one of each: " + listed, {{"missing", gaps}});
  }
  stored_.status = LifecycleStatus::Publishing;
  stored_.saga_id.reset();
  stored_.failure_reason.reset();
  changed(now);
}

bool Offering::recordSaga(const std::string& saga_id, const std::string& now) {
  if (stored_.saga_id == saga_id) return false;
  stored_.saga_id = saga_id;
  changed(now);
  return true;
}

bool Offering::confirmPublication(const std::string& saga_id, const std::string& now) {
  if (stored_.saga_id && *stored_.saga_id != saga_id) {
    throw sdk::ConflictError("Offering is being published by another saga",
                             {{"saga_id", *stored_.saga_id}});
  }
  if (stored_.status == LifecycleStatus::Published) return false;
  if (stored_.status != LifecycleStatus::Publishing) wrongState(*this, "confirmed", "PUBLISHING");
  stored_.status = LifecycleStatus::Published;
  stored_.saga_id = saga_id;
  stored_.published_at = now;
  changed(now);
  return true;
}

bool Offering::revertToDraft(const std::string& saga_id, const std::string& reason,
                             const std::string& now) {
  // A saga that is not (or no longer) the offering's undoes nothing of it.
  if (!saga_id.empty() && stored_.saga_id && *stored_.saga_id != saga_id) return false;
  if (stored_.status == LifecycleStatus::Draft) return false;
  if (stored_.status != LifecycleStatus::Publishing) wrongState(*this, "reverted", "PUBLISHING");
  stored_.status = LifecycleStatus::Draft;
  if (!saga_id.empty()) stored_.saga_id = saga_id;
  stored_.failure_reason = reason;
  changed(now);
  return true;
}

void Offering::retire(const std::string& now) {
  if (stored_.status != LifecycleStatus::Published) wrongState(*this, "retired", "PUBLISHED");
  stored_.status = LifecycleStatus::Retired;
  stored_.retired_at = now;
  changed(now);
}

void Offering::requireDeletable() const {
  if (stored_.status == LifecycleStatus::Draft) return;
  throw sdk::ValidationError("Offering is " + toString(stored_.status) +
                                 "; only DRAFT offerings can be deleted (the others are kept)",
                             {{"lifecycle_status", toString(stored_.status)}});
}

void Offering::changed(const std::string& now) {
  ++stored_.version;
  stored_.updated_at = now;
}

}  // namespace catalog::offering
