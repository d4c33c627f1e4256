#include "events/price_events.hpp"

namespace catalog::pricing {
namespace {

sdk::NewEvent priceEvent(const char* type, const Price& price) {
  return {kPricingTopic, type, price.version(), toJson(price)};
}

}  // namespace

sdk::Json toJson(const Price& p) {
  const auto& holder = p.lockedBySagaId();
  return {{"id", p.id()},
          {"name", p.name()},
          {"value", p.value().toString()},
          {"unit", p.unit()},
          {"currency", toString(p.currency())},
          {"locked", p.isLocked()},
          {"locked_by_saga_id", holder ? sdk::Json(*holder) : sdk::Json()},
          {"version", p.version()},
          {"created_at", p.createdAt()},
          {"updated_at", p.updatedAt()}};
}

sdk::NewEvent priceCreated(const Price& price) { return priceEvent("PriceCreated", price); }

sdk::NewEvent priceUpdated(const Price& price) { return priceEvent("PriceUpdated", price); }

sdk::NewEvent priceLocked(const Price& price) { return priceEvent("PriceLocked", price); }

sdk::NewEvent priceUnlocked(const Price& price) { return priceEvent("PriceUnlocked", price); }

sdk::NewEvent priceDeleted(const Price& price) {
  return {kPricingTopic,
          "PriceDeleted",
          price.deletionVersion(),
          {{"id", price.id()}, {"name", price.name()}}};
}

}  // namespace catalog::pricing
