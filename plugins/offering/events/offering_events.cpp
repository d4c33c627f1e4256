#include "events/offering_events.hpp"

namespace catalog::offering {
namespace {

sdk::Json optional(const std::optional<std::string>& text) {
  return text ? sdk::Json(*text) : sdk::Json();
}

}  // namespace

sdk::Json toJson(const Offering& o) {
  const Offering::Stored& s = o.stored();
  return {{"id", s.id},
          {"name", s.draft.name},
          {"description", s.draft.description},
          {"specification_ids", s.draft.specification_ids},
          {"pricing_ids", s.draft.pricing_ids},
          {"sales_channels", s.draft.sales_channels},
          {"lifecycle_status", toString(s.status)},
          {"saga_id", optional(s.saga_id)},
          {"failure_reason", optional(s.failure_reason)},
          {"published_at", optional(s.published_at)},
          {"retired_at", optional(s.retired_at)},
          {"version", s.version},
          {"created_at", s.created_at},
          {"updated_at", s.updated_at}};
}

sdk::NewEvent offeringEvent(const std::string& type, const Offering& o) {
  return {kOfferingTopic, type, o.version(), toJson(o)};
}

sdk::NewEvent offeringDeleted(const Offering& o) {
  return {
      kOfferingTopic, "OfferingDeleted", o.deletionVersion(), {{"id", o.id()}, {"name", o.name()}}};
}

}  // namespace catalog::offering
