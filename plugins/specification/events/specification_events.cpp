#include "events/specification_events.hpp"

namespace catalog::specification {

sdk::Json toJson(const Specification& s) {
  sdk::Json reasons = sdk::Json::array();
  for (const InvalidReason& r : s.invalidReasons())
    reasons.push_back({{"characteristic_id", r.characteristic_id}, {"reason", r.reason}});
  return {{"id", s.id()},
          {"name", s.name()},
          {"characteristic_ids", s.characteristicIds()},
          {"valid", s.valid()},
          {"invalid_reasons", std::move(reasons)},
          {"version", s.version()},
          {"created_at", s.createdAt()},
          {"updated_at", s.updatedAt()}};
}

sdk::NewEvent specificationCreated(const Specification& s) {
  return {kSpecificationTopic, "SpecificationCreated", s.version(), toJson(s)};
}

sdk::NewEvent specificationUpdated(const Specification& s) {
  return {kSpecificationTopic, "SpecificationUpdated", s.version(), toJson(s)};
}

sdk::NewEvent specificationDeleted(const Specification& s) {
  return {kSpecificationTopic,
          "SpecificationDeleted",
          s.deletionVersion(),
          {{"id", s.id()}, {"name", s.name()}}};
}

}  // namespace catalog::specification
