#include "locks/price_locks.hpp"

#include <algorithm>
#include <map>

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/fields.hpp"
#include "catalog/sdk/ids.hpp"
#include "catalog/sdk/log.hpp"
#include "catalog/sdk/pagination.hpp"
#include "catalog/sdk/transaction.hpp"
#include "domain/saga_id.hpp"
#include "events/price_events.hpp"
#include "storage/price_repository.hpp"

namespace catalog::pricing {
namespace {

using sdk::Transaction;

constexpr std::size_t kMaxPricesPerLock = sdk::PageRequest::kMaxPageSize;

// Canonical, without repeats, ascending: the order every multi-price write follows.
std::vector<std::string> lockOrder(const std::vector<std::string>& raw_ids) {
  std::vector<std::string> ids = sdk::canonicalIds(raw_ids, "price_ids", kMaxPricesPerLock);
  std::sort(ids.begin(), ids.end());
  return ids;
}

// The prices of `ids` that exist, by id (a std::map iterates in ascending id order).
std::map<std::string, Price> byId(PriceRepository& repository,
                                  const std::vector<std::string>& ids) {
  std::map<std::string, Price> found;
  for (Price& price : repository.findAll(ids)) found.emplace(price.id(), std::move(price));
  return found;
}

void requireAllFound(const std::vector<std::string>& ids,
                     const std::map<std::string, Price>& found) {
  std::vector<std::string> missing;
  std::string listed;
  for (const std::string& id : ids) {
    if (found.count(id) != 0) continue;
    missing.push_back(id);
    listed += (listed.empty() ? "" : ", ") + id;
  }
  if (missing.empty()) return;
  throw sdk::NotFoundError(
      (missing.size() == 1 ? "Price " + listed : "Prices " + listed) + " not found",
      {{"ids", missing}});
}

// Locks `price` (as read in this transaction) for the saga: compare-and-set on its version.
Price lockOne(Transaction& tx, PriceRepository& repository, Price price, const std::string& saga_id,
              const std::string& now) {
  const std::int64_t read_version = price.version();
  if (!price.lockFor(saga_id, now)) return price;
  if (!repository.update(price, read_version)) {
    const auto current = repository.find(price.id());
    if (current && current->isHeldBy(saga_id)) return *current;  // the saga's own retry won
    throwOvertaken(price.id(), current, read_version);
  }
  tx.emit(priceLocked(price));
  return price;
}

// Unlocks `price` if the saga holds it; false when it does not, or no longer does.
bool releaseOne(Transaction& tx, PriceRepository& repository, Price price,
                const std::string& saga_id, const std::string& now) {
  if (!price.isHeldBy(saga_id)) return false;
  const std::int64_t read_version = price.version();
  price.unlockFor(saga_id, now);
  // Only the holder changes a held price: a lost compare-and-set means it was released since.
  if (!repository.update(price, read_version)) return false;
  tx.emit(priceUnlocked(price));
  return true;
}

std::vector<Price> lockAll(std::string_view correlation_id, const std::string& saga_id,
                           const std::vector<std::string>& ids) {
  Transaction tx(Transaction::Mode::ReadWrite, correlation_id);
  PriceRepository repository(tx);
  std::map<std::string, Price> found = byId(repository, ids);
  requireAllFound(ids, found);
  const std::string now = sdk::utcNow();
  std::vector<Price> locked;
  for (auto& [id, price] : found) {
    locked.push_back(lockOne(tx, repository, std::move(price), saga_id, now));
  }
  tx.commit();
  return locked;
}

void releaseHeld(std::string_view correlation_id, const std::string& saga_id,
                 const std::vector<std::string>& ids) {
  Transaction tx(Transaction::Mode::ReadWrite, correlation_id);
  PriceRepository repository(tx);
  const std::string now = sdk::utcNow();
  for (auto& [id, price] : byId(repository, ids)) {
    releaseOne(tx, repository, std::move(price), saga_id, now);
  }
  tx.commit();
}

// After a failed multi-price lock: a partial lock left behind is what deadlocked sagas in the
// system this one replaces. Failing here too must not hide the first error; the saga's
// compensation (releasePricesOfSaga) will release them.
void releaseAfterFailedAttempt(std::string_view correlation_id, const std::string& saga_id,
                               const std::vector<std::string>& ids) {
  try {
    releaseHeld(correlation_id, saga_id, ids);
  } catch (const std::exception& e) {
    sdk::Logger(std::string(correlation_id))
        .warning("could not release the prices of saga " + saga_id +
                 " after its failed lock: " + e.what());
  }
}

}  // namespace

Price lockPrice(std::string_view correlation_id, std::string_view saga_id,
                std::string_view price_id) {
  const std::string saga = validSagaId(saga_id);
  Transaction tx(Transaction::Mode::ReadWrite, correlation_id);
  PriceRepository repository(tx);
  Price price = lockOne(tx, repository, repository.require(price_id), saga, sdk::utcNow());
  tx.commit();
  return price;
}

Price unlockPrice(std::string_view correlation_id, std::string_view saga_id,
                  std::string_view price_id) {
  const std::string saga = validSagaId(saga_id);
  Transaction tx(Transaction::Mode::ReadWrite, correlation_id);
  PriceRepository repository(tx);
  Price price = repository.require(price_id);
  const std::int64_t read_version = price.version();
  price.unlockFor(saga, sdk::utcNow());
  if (!repository.update(price, read_version)) {
    const auto current = repository.find(price.id());
    if (!current) sdk::throwNotFound("price", price.id());
    current->requireHeldBy(saga);
    sdk::throwStaleVersion("price", read_version, current->version());
  }
  tx.emit(priceUnlocked(price));
  tx.commit();
  return price;
}

std::vector<Price> lockPricesForSaga(std::string_view correlation_id, std::string_view saga_id,
                                     const std::vector<std::string>& price_ids) {
  const std::string saga = validSagaId(saga_id);
  const std::vector<std::string> ids = lockOrder(price_ids);
  try {
    return lockAll(correlation_id, saga, ids);  // rolled back when it throws
  } catch (const std::exception&) {
    releaseAfterFailedAttempt(correlation_id, saga, ids);
    throw;
  }
}

std::vector<std::string> releasePricesOfSaga(std::string_view correlation_id,
                                             std::string_view saga_id) {
  const std::string saga = validSagaId(saga_id);
  Transaction tx(Transaction::Mode::ReadWrite, correlation_id);
  PriceRepository repository(tx);
  const std::string now = sdk::utcNow();
  std::vector<std::string> released;
  for (Price& price : repository.heldBy(saga)) {
    const std::string id = price.id();
    if (releaseOne(tx, repository, std::move(price), saga, now)) released.push_back(id);
  }
  tx.commit();
  return released;
}

}  // namespace catalog::pricing
