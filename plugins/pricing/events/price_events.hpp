#pragma once

#include "catalog/sdk/events.hpp"
#include "domain/price.hpp"

namespace catalog::pricing {

/// SRS appendix E.
inline constexpr const char* kPricingTopic = "commercial.pricing.events";

/// The JSON of a price, in API and event payloads alike: the value as a string with two
/// decimals ("50.00"), `locked` and the holding saga (null when unlocked).
sdk::Json toJson(const Price& price);

/// Each carries the price as toJson() and its new version.
sdk::NewEvent priceCreated(const Price& price);
sdk::NewEvent priceUpdated(const Price& price);
sdk::NewEvent priceLocked(const Price& price);
sdk::NewEvent priceUnlocked(const Price& price);
/// Carries {"id", "name"} and deletionVersion().
sdk::NewEvent priceDeleted(const Price& price);

}  // namespace catalog::pricing
