#pragma once

#include "catalog/sdk/events.hpp"
#include "domain/specification.hpp"

namespace catalog::specification {

/// SRS appendix E.
inline constexpr const char* kSpecificationTopic = "resource.specifications.events";

/// The JSON of a specification in event payloads and lists: its characteristic ids (SRS §8.2)
/// and whether it may be published, with the reasons when not.
sdk::Json toJson(const Specification& specification);

sdk::NewEvent specificationCreated(const Specification& specification);
/// Carries the full current list of characteristic ids (SRS §3.2.2).
sdk::NewEvent specificationUpdated(const Specification& specification);
sdk::NewEvent specificationDeleted(const Specification& specification);

}  // namespace catalog::specification
