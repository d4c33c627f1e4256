#include "events/characteristic_events_handler.hpp"

#include "cache/characteristic_cache.hpp"
#include "catalog/sdk/ids.hpp"
#include "events/specification_events.hpp"
#include "storage/specification_repository.hpp"

namespace catalog::specification {
namespace {

void invalidateListing(sdk::Transaction& tx, const std::string& characteristic_id,
                       const std::string& name) {
  const std::string reason =
      "Characteristic '" + name + "' (" + characteristic_id + ") was deleted";
  SpecificationRepository repository(tx);
  for (Specification specification : repository.listing(characteristic_id)) {
    const std::int64_t stored_version = specification.version();
    if (!specification.characteristicDeleted(characteristic_id, reason, sdk::utcNow())) continue;
    // The delivery transaction serializes with the plugin's writers, so the version holds; if
    // it did not, throwing makes the host deliver the event again.
    if (!repository.update(specification, stored_version))
      throw std::runtime_error("specification " + specification.id() + " changed concurrently");
    tx.emit(specificationUpdated(specification));
  }
}

}  // namespace

void onCharacteristicEvent(const sdk::Event& event, sdk::Transaction& tx) {
  const sdk::Json& p = event.payload;
  const auto id = sdk::canonicalUuid(p.value("id", ""));
  if (!id) return;  // not about a characteristic we could ever be asked for
  CharacteristicCache cache(tx);
  if (event.event_type == "CharacteristicCreated" || event.event_type == "CharacteristicUpdated") {
    cache.remember({*id, p.value("name", ""), p.value("value", ""), p.value("unit_of_measure", ""),
                    event.entity_version, false});
  } else if (event.event_type == "CharacteristicDeleted") {
    const std::string name = p.value("name", "");
    if (cache.forget(*id, name, event.entity_version)) invalidateListing(tx, *id, name);
  }
}

}  // namespace catalog::specification
