#include "http/store_routes.hpp"

#include "catalog/sdk/ids.hpp"
#include "catalog/sdk/pagination.hpp"

namespace catalog::store {
namespace {

using sdk::Json;
using sdk::Request;
using sdk::Response;
using sdk::Transaction;

Response listOfferings(const Request& request) {
  const sdk::PageRequest page = sdk::PageRequest::from(request);
  Transaction tx(Transaction::Mode::ReadOnly, request.correlationId());
  const std::int64_t total =
      tx.query("SELECT COUNT(*) AS total FROM store_entries WHERE visible = 1")
          .front()
          .int64("total");
  Json items = Json::array();
  for (const sdk::Row& row :
       tx.query("SELECT CAST(document AS TEXT) AS document FROM store_entries WHERE visible = 1"
                " ORDER BY published_at DESC, offering_id LIMIT ? OFFSET ?",
                {page.page_size, page.offset()}))
    items.push_back(Json::parse(row.text("document")));
  return Response::ok(page.body(total, std::move(items)));
}

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

void addStoreRoutes(sdk::Plugin& plugin) {
  const sdk::Access anyone = sdk::Access::publicRoute();
  plugin.get("/api/v1/store/offerings", anyone, listOfferings);
  plugin.get("/api/v1/store/offerings/{id}", anyone, getOffering);
}

}  // namespace catalog::store
