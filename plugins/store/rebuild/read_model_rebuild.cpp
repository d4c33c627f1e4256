#include "rebuild/read_model_rebuild.hpp"

#include <set>

#include "catalog/sdk/ids.hpp"
#include "catalog/sdk/service_lists.hpp"
#include "projection/store_entry.hpp"
#include "storage/entry_repository.hpp"

namespace catalog::store {
namespace {

using sdk::Json;
using sdk::Request;
using sdk::Transaction;

// The ids listed under `field` by any of `entities`, once each.
std::vector<std::string> idsListed(const std::vector<Json>& entities, const char* field) {
  std::set<std::string> ids;
  for (const Json& entity : entities)
    for (const Json& id : entity.value(field, Json::array()))
      if (id.is_string()) ids.insert(id.get<std::string>());
  return {ids.begin(), ids.end()};
}

Json rebuild(const sdk::Plugin& plugin, const TextIndex& text, const Request& request) {
  const sdk::Services& services = plugin.services();
  // Everything is fetched before the transaction opens: no lock is held across the calls.
  const std::vector<Json> offerings = sdk::listAll(services, "offering", "/api/v1/offerings",
                                                   {{"lifecycle_status", "PUBLISHED"}}, request);
  const std::vector<Json> specifications =
      sdk::listByIds(services, "specification", "/api/v1/specifications",
                     idsListed(offerings, "specification_ids"), request);
  const std::vector<Json> characteristics =
      sdk::listByIds(services, "characteristic", "/api/v1/characteristics",
                     idsListed(specifications, "characteristic_ids"), request);
  const std::vector<Json> prices = sdk::listByIds(services, "pricing", "/api/v1/prices",
                                                  idsListed(offerings, "pricing_ids"), request);

  Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
  SourceEntities copies(tx);
  const std::string origin = "rebuild:" + request.correlationId();
  const std::pair<SourceKind, const std::vector<Json>*> fetched[] = {
      {SourceKind::Offering, &offerings},
      {SourceKind::Specification, &specifications},
      {SourceKind::Characteristic, &characteristics},
      {SourceKind::Price, &prices}};
  for (const auto& [kind, entities] : fetched)
    for (const Json& entity : *entities) copies.replace(kind, entity, origin);

  EntryRepository entries(tx, text);
  std::set<std::string> published;
  Json skipped = Json::array();
  const std::string now = sdk::utcNow();
  for (const Json& offering : offerings) {
    const std::string id = offering.value("id", "");
    published.insert(id);
    const Json saga = offering.value("saga_id", Json());
    try {
      entries.write(buildEntry(copies, id, saga.is_string() ? saga.get<std::string>() : origin),
                    now);
    } catch (const SourceMissing& e) {
      skipped.push_back({{"offering_id", id}, {"reason", e.what()}});
    }
  }
  std::int64_t removed = 0;
  for (const sdk::Row& row : tx.query("SELECT offering_id FROM store_entries")) {
    const std::string id = row.text("offering_id");
    if (published.count(id) != 0) continue;
    const auto copy = copies.find(SourceKind::Offering, id);
    if (copy && !copy->deleted && copy->data.value("lifecycle_status", "") == "PUBLISHING")
      continue;  // its saga is still at work
    entries.erase(id);
    ++removed;
  }
  tx.commit();
  return {{"offerings", offerings.size()},
          {"specifications", specifications.size()},
          {"characteristics", characteristics.size()},
          {"prices", prices.size()},
          {"removed", removed},
          {"skipped", std::move(skipped)}};
}

}  // namespace

void addReadModelRebuild(sdk::Plugin& plugin, const TextIndex& text) {
  plugin.post("/api/v1/store/rebuild", sdk::Access::role("ADMIN"),
              [&plugin, &text](const Request& request) {
                return sdk::Response::ok(rebuild(plugin, text, request));
              });
}

}  // namespace catalog::store
