// The characteristic bounded context (SRS §3.2.1): routes, and the specification references
// that guard deletion.
#include "catalog/sdk/plugin.hpp"
#include "catalog/sdk/references.hpp"
#include "events/specification_references.hpp"
#include "http/characteristic_routes.hpp"

namespace catalog::characteristic {

class CharacteristicPlugin : public sdk::Plugin {
 public:
  CharacteristicPlugin() {
    addCharacteristicRoutes(*this);
    sdk::References::track(*this, specificationReferences());
  }
};

}  // namespace catalog::characteristic

CATALOG_PLUGIN(catalog::characteristic::CharacteristicPlugin, "characteristic",
               CATALOG_PLUGIN_VERSION)
