#pragma once

#include <map>
#include <string>
#include <vector>

#include "cache/cached_characteristic.hpp"
#include "catalog/sdk/transaction.hpp"

namespace catalog::specification {

/// The local copy of characteristics (SRS §8.1 cached_characteristics), within a caller's
/// transaction. Kept by version, so redelivered, reordered or lazily loaded copies converge on
/// the newest; a deletion stays as a tombstone so nothing older brings the characteristic back.
class CharacteristicCache {
 public:
  explicit CharacteristicCache(sdk::Transaction& tx) : tx_(tx) {}

  /// The cached entries of `ids` (tombstones included), by id; ids never heard of are absent.
  std::map<std::string, CachedCharacteristic> find(const std::vector<std::string>& ids);
  /// Stores `characteristic` unless a copy of the same or a newer version is held; true if
  /// stored.
  bool remember(const CachedCharacteristic& characteristic);
  /// Records the deletion at `entity_version` unless something newer is held, keeping the last
  /// known value and unit; true if recorded.
  bool forget(const std::string& id, const std::string& name, std::int64_t entity_version);

 private:
  sdk::Transaction& tx_;
};

}  // namespace catalog::specification
