#include "domain/specification.hpp"

#include <algorithm>

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/fields.hpp"
#include "catalog/sdk/ids.hpp"

namespace catalog::specification {
namespace {

constexpr std::size_t kMaxNameLength = 200;

// SRS §3.2.2: at least one characteristic, each a UUID, each once. Ids are kept canonical (lower
// case) so that they compare as text in every store.
std::vector<std::string> validCharacteristicIds(const std::vector<std::string>& raw) {
  if (raw.empty()) {
    throw sdk::ValidationError("A specification needs at least one characteristic",
                               {{"field", "characteristic_ids"}});
  }
  std::vector<std::string> ids;
  sdk::Json malformed = sdk::Json::array();
  sdk::Json repeated = sdk::Json::array();
  for (const std::string& text : raw) {
    const auto id = sdk::canonicalUuid(text);
    if (!id) {
      malformed.push_back(text);
    } else if (std::find(ids.begin(), ids.end(), *id) != ids.end()) {
      repeated.push_back(*id);
    } else {
      ids.push_back(*id);
    }
  }
  if (!malformed.empty()) {
    throw sdk::ValidationError("characteristic_ids must be UUIDs",
                               {{"field", "characteristic_ids"}, {"invalid_ids", malformed}});
  }
  if (!repeated.empty()) {
    throw sdk::ValidationError("characteristic_ids lists a characteristic more than once",
                               {{"field", "characteristic_ids"}, {"repeated_ids", repeated}});
  }
  return ids;
}

}  // namespace

Specification Specification::create(std::string id, const SpecificationDraft& draft,
                                    const std::string& now) {
  Specification s;
  s.assign(draft);
  s.id_ = std::move(id);
  s.version_ = 1;
  s.created_at_ = now;
  s.updated_at_ = now;
  return s;
}

Specification Specification::restore(std::string id, std::string name,
                                     std::vector<std::string> characteristic_ids,
                                     std::vector<InvalidReason> invalid_reasons,
                                     std::int64_t version, std::string created_at,
                                     std::string updated_at) {
  Specification s;
  s.id_ = std::move(id);
  s.name_ = std::move(name);
  s.characteristic_ids_ = std::move(characteristic_ids);
  s.invalid_reasons_ = std::move(invalid_reasons);
  s.version_ = version;
  s.created_at_ = std::move(created_at);
  s.updated_at_ = std::move(updated_at);
  return s;
}

bool Specification::update(const SpecificationDraft& draft, const std::string& now) {
  Specification changed = *this;
  changed.assign(draft);
  changed.invalid_reasons_.clear();
  if (changed.name_ == name_ && changed.characteristic_ids_ == characteristic_ids_ && valid())
    return false;
  *this = std::move(changed);
  touch(now);
  return true;
}

bool Specification::characteristicDeleted(const std::string& characteristic_id,
                                          const std::string& reason, const std::string& now) {
  const auto listed =
      std::find(characteristic_ids_.begin(), characteristic_ids_.end(), characteristic_id);
  const auto known = std::find_if(
      invalid_reasons_.begin(), invalid_reasons_.end(),
      [&](const InvalidReason& r) { return r.characteristic_id == characteristic_id; });
  if (listed == characteristic_ids_.end() || known != invalid_reasons_.end()) return false;
  invalid_reasons_.push_back({characteristic_id, reason});
  touch(now);
  return true;
}

void Specification::assign(const SpecificationDraft& draft) {
  std::string name = sdk::boundedText(draft.name, "name", kMaxNameLength);
  characteristic_ids_ = validCharacteristicIds(draft.characteristic_ids);
  name_ = std::move(name);
}

void Specification::touch(const std::string& now) {
  ++version_;
  updated_at_ = now;
}

}  // namespace catalog::specification
