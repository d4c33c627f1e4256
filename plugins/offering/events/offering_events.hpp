#pragma once

#include <string>

#include "catalog/sdk/events.hpp"
#include "domain/offering.hpp"

namespace catalog::offering {

/// SRS appendix E.
inline constexpr const char* kOfferingTopic = "product.offerings.events";

/// The JSON of an offering, in API and event payloads alike. Every event but OfferingDeleted
/// carries it whole, so subscribers (specification and pricing references, the store) always
/// see the current specification_ids and pricing_ids.
sdk::Json toJson(const Offering& offering);

/// OfferingCreated, OfferingUpdated, OfferingPublicationInitiated, OfferingPublished,
/// OfferingPublicationFailed or OfferingRetired, at the offering's version.
sdk::NewEvent offeringEvent(const std::string& type, const Offering& offering);
sdk::NewEvent offeringDeleted(const Offering& offering);

}  // namespace catalog::offering
