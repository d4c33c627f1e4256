// The pricing bounded context (SRS §3.2.3): price routes, the saga's lock routes and workers,
// and the offering references that guard deletion.
#include "catalog/sdk/plugin.hpp"
#include "catalog/sdk/references.hpp"
#include "events/offering_references.hpp"
#include "http/lock_routes.hpp"
#include "http/price_routes.hpp"
#include "saga/price_lock_workers.hpp"

namespace catalog::pricing {

class PricingPlugin : public sdk::Plugin {
 public:
  PricingPlugin() {
    addPriceRoutes(*this);
    addPriceLockRoutes(*this);
    addPriceLockWorkers(*this);
    sdk::References::track(*this, offeringReferences());
  }
};

}  // namespace catalog::pricing

CATALOG_PLUGIN(catalog::pricing::PricingPlugin, "pricing", CATALOG_PLUGIN_VERSION)
