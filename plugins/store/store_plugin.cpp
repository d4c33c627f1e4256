// The store context (SRS §3.2.5), the read side of the catalog: copies of the characteristics,
// specifications, prices and offerings other contexts own, kept from their events; store
// entries built from them by the publication saga and kept in step as they change; and the
// public routes customers browse.
#include "catalog/sdk/plugin.hpp"
#include "http/store_routes.hpp"
#include "projection/projector.hpp"
#include "rebuild/read_model_rebuild.hpp"
#include "saga/store_entry_workers.hpp"
#include "search/text_index.hpp"

namespace catalog::store {

class StorePlugin : public sdk::Plugin {
 public:
  StorePlugin() : text_(textIndexFor(dialect())) {
    addStoreRoutes(*this, *text_);
    addStoreEntryWorkers(*this, *text_);
    addReadModelRebuild(*this, *text_);
    const std::pair<const char*, SourceKind> sources[] = {
        {"resource.characteristics.events", SourceKind::Characteristic},
        {"resource.specifications.events", SourceKind::Specification},
        {"commercial.pricing.events", SourceKind::Price},
        {"product.offerings.events", SourceKind::Offering}};
    for (const auto& [topic, kind] : sources) {
      subscribe(topic, std::string(toString(kind)) + "-copies",
                [this, kind = kind](const sdk::Event& event, sdk::Transaction& tx) {
                  Projector(tx, *text_, sdk::Logger(event.correlation_id)).onEvent(kind, event);
                });
    }
  }

 private:
  std::unique_ptr<TextIndex> text_;
};

}  // namespace catalog::store

CATALOG_PLUGIN(catalog::store::StorePlugin, "store", CATALOG_PLUGIN_VERSION)
