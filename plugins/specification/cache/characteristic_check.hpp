#pragma once

#include <string>
#include <vector>

#include "cache/characteristic_cache.hpp"
#include "catalog/sdk/request.hpp"
#include "catalog/sdk/services.hpp"

namespace catalog::specification {

/// Checks that a specification's characteristics exist, against the local cache and without a
/// synchronous call unless the cache has never heard of one (SRS §3.2.2). Two steps, so that
/// no database transaction is open while another context is being asked:
///
///   CharacteristicCheck::cacheUncached(services, ids, request);   // no transaction open
///   Transaction tx(...); CharacteristicCache cache(tx);
///   CharacteristicCheck::requireExisting(cache, ids);             // 400 names unknown ids
class CharacteristicCheck {
 public:
  /// Loads, in one call to the characteristic context, the ids the cache has no entry for, and
  /// caches them at once, so they stay known whatever becomes of the request. Throws
  /// sdk::UnavailableError (503) when that context can't be reached.
  static void cacheUncached(const sdk::Services& services, const std::vector<std::string>& ids,
                            const sdk::Request& caller);
  /// Throws sdk::ValidationError naming every id of `ids` that is not a characteristic (never
  /// existed, or deleted).
  static void requireExisting(CharacteristicCache& cache, const std::vector<std::string>& ids);
};

}  // namespace catalog::specification
