#pragma once

#include "catalog/sdk/events.hpp"
#include "domain/characteristic.hpp"

namespace catalog::characteristic {

/// SRS appendix E.
inline constexpr const char* kCharacteristicTopic = "resource.characteristics.events";

/// The JSON of a characteristic, in API and event payloads alike (SRS §8.2, §8.3).
sdk::Json toJson(const Characteristic& characteristic);

sdk::NewEvent characteristicCreated(const Characteristic& characteristic);
sdk::NewEvent characteristicUpdated(const Characteristic& characteristic);
sdk::NewEvent characteristicDeleted(const Characteristic& characteristic);

}  // namespace catalog::characteristic
