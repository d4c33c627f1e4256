#pragma once

#include <cstdint>
#include <string>

namespace catalog::specification {

/// What this context knows of a characteristic, from the characteristic context's events or a
/// lazy load: enough to validate references and to expand a specification (SRS §3.2.2).
struct CachedCharacteristic {
  std::string id;
  std::string name;
  std::string value;
  std::string unit_of_measure;
  /// The characteristic's version this copy is of; older copies never replace newer ones.
  std::int64_t entity_version = 0;
  bool deleted = false;
};

}  // namespace catalog::specification
