#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/sdk/pagination.hpp"
#include "catalog/sdk/transaction.hpp"
#include "domain/characteristic.hpp"

namespace catalog::characteristic {

/// Characteristics in the plugin's database, within a caller's transaction.
class CharacteristicRepository {
 public:
  explicit CharacteristicRepository(sdk::Transaction& tx) : tx_(tx) {}

  std::optional<Characteristic> find(const std::string& id);
  /// Those of `ids` that exist, by name.
  std::vector<Characteristic> findAll(const std::vector<std::string>& ids);
  /// The id of another characteristic with this name (case-insensitive), if any.
  std::optional<std::string> idOfName(const std::string& name);
  /// Throws sdk::ConflictError when the name is taken after all (a concurrent insert).
  void insert(const Characteristic& characteristic);
  /// Writes `characteristic` if the stored version is still `expected_version`; false if not.
  bool update(const Characteristic& characteristic, std::int64_t expected_version);
  bool remove(const std::string& id);
  std::int64_t count();
  /// A page, by name.
  std::vector<Characteristic> list(std::int64_t offset, std::int64_t limit,
                                   const sdk::ListOrder& order);

 private:
  sdk::Transaction& tx_;
};

}  // namespace catalog::characteristic
