#pragma once

#include <string>
#include <vector>

#include "cache/cached_characteristic.hpp"
#include "catalog/sdk/request.hpp"
#include "catalog/sdk/services.hpp"

namespace catalog::specification {

/// Asks the characteristic context, in one call on behalf of `caller`, for those of `ids` it
/// has: the lazy load that spares a client from retrying while the characteristic's event is
/// still on its way (SRS §3.2.2 fallback). Ids it doesn't return don't exist. Throws
/// sdk::UnavailableError (503) when the context can't be reached or doesn't answer properly.
std::vector<CachedCharacteristic> loadCharacteristics(const sdk::Services& services,
                                                      const std::vector<std::string>& ids,
                                                      const sdk::Request& caller);

}  // namespace catalog::specification
