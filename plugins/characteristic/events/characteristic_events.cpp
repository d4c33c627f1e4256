#include "events/characteristic_events.hpp"

namespace catalog::characteristic {

sdk::Json toJson(const Characteristic& c) {
  return {{"id", c.id()},
          {"name", c.name()},
          {"value", c.value()},
          {"unit_of_measure", toString(c.unit())},
          {"version", c.version()},
          {"created_at", c.createdAt()},
          {"updated_at", c.updatedAt()}};
}

sdk::NewEvent characteristicCreated(const Characteristic& c) {
  return {kCharacteristicTopic, "CharacteristicCreated", c.version(), toJson(c)};
}

sdk::NewEvent characteristicUpdated(const Characteristic& c) {
  return {kCharacteristicTopic, "CharacteristicUpdated", c.version(), toJson(c)};
}

sdk::NewEvent characteristicDeleted(const Characteristic& c) {
  return {kCharacteristicTopic,
          "CharacteristicDeleted",
          c.deletionVersion(),
          {{"id", c.id()}, {"name", c.name()}}};
}

}  // namespace catalog::characteristic
