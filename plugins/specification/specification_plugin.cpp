// The specification bounded context (SRS §3.2.2): routes, the characteristic cache fed by
// characteristic events, the offering references that guard deletion, and the publication
// saga's validation step.
#include "catalog/sdk/plugin.hpp"
#include "catalog/sdk/references.hpp"
#include "events/characteristic_events_handler.hpp"
#include "events/offering_references.hpp"
#include "http/specification_routes.hpp"
#include "publication/validation_worker.hpp"

namespace catalog::specification {

class SpecificationPlugin : public sdk::Plugin {
 public:
  SpecificationPlugin() {
    addSpecificationRoutes(*this);
    addValidationWorker(*this);
    subscribe(kCharacteristicTopic, "characteristic-cache", onCharacteristicEvent);
    sdk::References::track(*this, offeringReferences());
  }
};

}  // namespace catalog::specification

CATALOG_PLUGIN(catalog::specification::SpecificationPlugin, "specification", CATALOG_PLUGIN_VERSION)
