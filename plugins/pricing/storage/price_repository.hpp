#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/sdk/pagination.hpp"
#include "catalog/sdk/transaction.hpp"
#include "domain/price.hpp"

namespace catalog::pricing {

/// Prices in the plugin's database, within a caller's transaction. Writes are compare-and-set
/// on the version, so a change computed from a read that another transaction has since
/// overtaken writes nothing and the caller can answer from what is there now.
class PriceRepository {
 public:
  explicit PriceRepository(sdk::Transaction& tx) : tx_(tx) {}

  /// The price with this (canonical) id, if any.
  std::optional<Price> find(const std::string& id);
  /// The price a client names by `raw_id` (any case). Throws sdk::NotFoundError when the id is
  /// malformed or unknown.
  Price require(std::string_view raw_id);
  /// Those of `ids` (canonical) that exist, by name.
  std::vector<Price> findAll(const std::vector<std::string>& ids);
  /// Every price `saga_id` holds, by id.
  std::vector<Price> heldBy(const std::string& saga_id);
  /// The id of the price with this name (case-insensitive), if any.
  std::optional<std::string> idOfName(const std::string& name);
  /// Throws sdk::ConflictError when the name is taken after all (a concurrent insert).
  void insert(const Price& price);
  /// Writes `price` if the stored version is still `expected_version`; false if not. Throws
  /// sdk::ConflictError when its new name is taken after all.
  bool update(const Price& price, std::int64_t expected_version);
  /// Deletes the price if the stored version is still `expected_version`; false if not.
  bool remove(const std::string& id, std::int64_t expected_version);
  /// How many prices there are.
  std::int64_t count();
  /// A page, by name.
  std::vector<Price> list(std::int64_t offset, std::int64_t limit, const sdk::ListOrder& order);

 private:
  sdk::Transaction& tx_;
};

}  // namespace catalog::pricing
