#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/price.hpp"

namespace catalog::pricing {

// The saga operations on prices (SRS §3.2.3 "Saga Participation"), each in transactions of its
// own on behalf of `correlation_id`, emitting PriceLocked / PriceUnlocked with the change. The
// HTTP routes call them, and so can an in-process saga worker. Each validates its input before
// it touches the database: sdk::ValidationError names the field ("saga_id", "price_ids").
// Prices are always written in ascending id order, so that on PostgreSQL concurrent sagas
// queue on their first common price instead of deadlocking.

/// Locks one price (`price_id` in any case) for the saga. Returns it as it is now; locking a
/// price the saga holds already changes nothing. Throws sdk::NotFoundError for an unknown or
/// malformed id and sdk::LockedError naming the holder when another saga holds it.
Price lockPrice(std::string_view correlation_id, std::string_view saga_id,
                std::string_view price_id);

/// Unlocks one price the saga holds. Throws sdk::NotFoundError for an unknown or malformed id
/// and sdk::ConflictError when the saga does not hold it.
Price unlockPrice(std::string_view correlation_id, std::string_view saga_id,
                  std::string_view price_id);

/// Locks every price of `price_ids` (1-100 UUIDs in any case; repeats count once) for the
/// saga, all or nothing, and returns them by id. When one is missing (sdk::NotFoundError, its
/// details "ids" naming every missing one) or held by another saga (sdk::LockedError naming
/// price and holder), nothing of this attempt stays locked, and what the saga held of
/// `price_ids` from an earlier attempt is released too, before the error is thrown.
std::vector<Price> lockPricesForSaga(std::string_view correlation_id, std::string_view saga_id,
                                     const std::vector<std::string>& price_ids);

/// Releases every price the saga holds (after its publication, or as its compensation) and
/// returns their ids, ascending; none when it holds none.
std::vector<std::string> releasePricesOfSaga(std::string_view correlation_id,
                                             std::string_view saga_id);

}  // namespace catalog::pricing
