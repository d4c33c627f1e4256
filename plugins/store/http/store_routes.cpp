#include "http/store_routes.hpp"

#include "catalog/sdk/ids.hpp"
#include "search/offering_search.hpp"

namespace catalog::store {
namespace {

using sdk::Json;
using sdk::Request;
using sdk::Response;
using sdk::Transaction;

Response getOffering(const Request& request) {
  const std::string raw = request.param("id");
  const auto id = sdk::canonicalUuid(raw);
  Transaction tx(Transaction::Mode::ReadOnly, request.correlationId());
  const sdk::Rows rows = id ? tx.query(
                                  "SELECT CAST(document AS TEXT) AS document FROM store_entries"
                                  " WHERE offering_id = ? AND visible = 1",
                                  {*id})
                            : sdk::Rows();
  if (rows.empty()) sdk::throwNotFound("Offering", raw);
  return Response::ok(Json::parse(rows.front().text("document")));
}

}  // namespace

void addStoreRoutes(sdk::Plugin& plugin, const TextIndex& text) {
  const sdk::Access anyone = sdk::Access::publicRoute();
  const auto search = [&text](const Request& request) {
    const SearchCriteria criteria = SearchCriteria::from(request);
    Transaction tx(Transaction::Mode::ReadOnly, request.correlationId());
    return Response::ok(searchOfferings(tx, text, criteria));
  };
  plugin.get("/api/v1/store/offerings", anyone, search);
  plugin.get("/api/v1/store/search", anyone, search);
  plugin.get("/api/v1/store/offerings/{id}", anyone, getOffering);
}

}  // namespace catalog::store
