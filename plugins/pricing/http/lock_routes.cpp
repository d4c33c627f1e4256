// The saga's lock routes (SRS §3.2.3 "Saga Participation"): thin over locks/price_locks, which
// an in-process saga worker calls directly.
#include "http/lock_routes.hpp"

#include "catalog/sdk/fields.hpp"
#include "catalog/sdk/pagination.hpp"
#include "events/price_events.hpp"
#include "locks/price_locks.hpp"

namespace catalog::pricing {
namespace {

using sdk::Request;
using sdk::Response;

std::string sagaIdOf(const Request& request) {
  return sdk::requireString(request.bodyObject(), "saga_id");
}

std::vector<std::string> priceIdsOf(const Request& request) {
  return sdk::requireIdArray(request.bodyObject(), "price_ids", sdk::PageRequest::kMaxPageSize);
}

Response lock(const Request& request) {
  return Response::ok(
      toJson(lockPrice(request.correlationId(), sagaIdOf(request), request.param("id"))));
}

Response unlock(const Request& request) {
  return Response::ok(
      toJson(unlockPrice(request.correlationId(), sagaIdOf(request), request.param("id"))));
}

Response lockForSaga(const Request& request) {
  const std::string saga_id = sagaIdOf(request);
  sdk::Json prices = sdk::Json::array();
  for (const Price& price :
       lockPricesForSaga(request.correlationId(), saga_id, priceIdsOf(request)))
    prices.push_back(toJson(price));
  return Response::ok({{"saga_id", saga_id}, {"prices", std::move(prices)}});
}

Response releaseOfSaga(const Request& request) {
  const std::string saga_id = request.param("saga_id");
  return Response::ok(
      {{"saga_id", saga_id}, {"released", releasePricesOfSaga(request.correlationId(), saga_id)}});
}

}  // namespace

void addPriceLockRoutes(sdk::Plugin& plugin) {
  const sdk::Access admin = sdk::Access::role("ADMIN");
  plugin.post("/api/v1/prices/{id}/lock", admin, lock);
  plugin.post("/api/v1/prices/{id}/unlock", admin, unlock);
  plugin.post("/api/v1/prices/locks", admin, lockForSaga);
  plugin.del("/api/v1/prices/locks/{saga_id}", admin, releaseOfSaga);
}

}  // namespace catalog::pricing
