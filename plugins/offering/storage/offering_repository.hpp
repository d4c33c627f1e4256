#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/sdk/pagination.hpp"
#include "catalog/sdk/transaction.hpp"
#include "domain/offering.hpp"

namespace catalog::offering {

/// Offerings in the plugin's database, within a caller's transaction: a row plus the ids and
/// channels it lists, in order, in a child table.
class OfferingRepository {
 public:
  explicit OfferingRepository(sdk::Transaction& tx) : tx_(tx) {}

  std::optional<Offering> find(const std::string& id);
  /// Those of `ids` that exist, by name.
  std::vector<Offering> findAll(const std::vector<std::string>& ids);
  /// Offerings in `status` whose saga never got recorded (a publication cut short).
  std::vector<Offering> publishingWithoutSaga();
  void insert(const Offering& offering);
  /// Writes `offering` if the stored version is still `expected_version`; false if not.
  bool update(const Offering& offering, std::int64_t expected_version);
  bool remove(const std::string& id, std::int64_t expected_version);
  std::int64_t count(std::optional<LifecycleStatus> status);
  /// A page, by name, optionally of one lifecycle status.
  std::vector<Offering> list(std::optional<LifecycleStatus> status, std::int64_t offset,
                             std::int64_t limit, const sdk::ListOrder& order);

 private:
  std::vector<Offering> withItems(const sdk::Rows& rows);
  void insertItems(const Offering& offering);

  sdk::Transaction& tx_;
};

}  // namespace catalog::offering
