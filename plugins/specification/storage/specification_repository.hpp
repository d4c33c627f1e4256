#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/sdk/pagination.hpp"
#include "catalog/sdk/transaction.hpp"
#include "domain/specification.hpp"

namespace catalog::specification {

/// Specifications in the plugin's database, within a caller's transaction. A specification is
/// a row plus its ordered characteristic ids and its invalid reasons in child tables, which
/// both dialects index (SRS §8.1 keeps an array; a child table is portable and searchable).
class SpecificationRepository {
 public:
  explicit SpecificationRepository(sdk::Transaction& tx) : tx_(tx) {}

  std::optional<Specification> find(const std::string& id);
  /// Those of `ids` that exist, by name.
  std::vector<Specification> findAll(const std::vector<std::string>& ids);
  /// Those listing the characteristic `characteristic_id`.
  std::vector<Specification> listing(const std::string& characteristic_id);
  /// The id of a specification with this name (case-insensitive), if any.
  std::optional<std::string> idOfName(const std::string& name);
  /// Throws sdk::ConflictError when the name is taken after all (a concurrent insert).
  void insert(const Specification& specification);
  /// Writes `specification` if the stored version is still `expected_version`; false if not.
  bool update(const Specification& specification, std::int64_t expected_version);
  bool remove(const std::string& id);
  std::int64_t count();
  /// A page, by name.
  std::vector<Specification> list(std::int64_t offset, std::int64_t limit,
                                  const sdk::ListOrder& order);

 private:
  std::vector<Specification> withChildren(const sdk::Rows& rows);
  void insertChildren(const Specification& specification);
  void removeChildren(const std::string& id);

  sdk::Transaction& tx_;
};

}  // namespace catalog::specification
