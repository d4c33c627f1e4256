#include "catalog/sdk/references.hpp"

#include <algorithm>

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/events.hpp"
#include "catalog/sdk/plugin.hpp"
#include "catalog/sdk/transaction.hpp"

namespace catalog::sdk {
namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The version already applied for a referrer, or -1.
std::int64_t appliedVersion(Transaction& tx, const std::string& referrer, const std::string& id) {
  const Rows rows = tx.query(
      "SELECT entity_version FROM catalog_reference_versions WHERE referrer = ? AND referrer_id = "
      "?",
      {referrer, id});
  return rows.empty() ? -1 : rows[0].int64("entity_version");
}

}  // namespace

void References::track(Plugin& plugin, ReferenceSource source) {
  const std::string consumer = "references." + source.referrer;
  const std::string topic = source.topic;
  plugin.subscribe(topic, consumer,
                   [source = std::move(source)](const Event& event, Transaction& tx) {
                     apply(source, event, tx);
                   });
}

void References::apply(const ReferenceSource& source, const Event& event, Transaction& tx) {
  const bool sets = source.set_events.empty() ? event.payload.contains(source.field)
                                              : contains(source.set_events, event.event_type);
  if (!sets && !contains(source.drop_events, event.event_type)) return;
  const std::string id = event.payload.value("id", "");
  if (id.empty()) return;

  const std::int64_t applied = appliedVersion(tx, source.referrer, id);
  if (event.entity_version <= applied) return;  // stale or redelivered

  tx.execute("DELETE FROM catalog_references WHERE referrer = ? AND referrer_id = ?",
             {source.referrer, id});
  if (sets) {
    const Json& targets =
        event.payload.contains(source.field) ? event.payload[source.field] : Json::array();
    for (const Json& target : targets) {
      if (!target.is_string()) continue;
      tx.execute(
          "INSERT INTO catalog_references (referrer, referrer_id, target_id) VALUES (?, ?, ?) "
          "ON CONFLICT DO NOTHING",
          {source.referrer, id, target.get<std::string>()});
    }
  }
  if (applied < 0) {
    tx.execute(
        "INSERT INTO catalog_reference_versions (referrer, referrer_id, entity_version) "
        "VALUES (?, ?, ?)",
        {source.referrer, id, event.entity_version});
  } else {
    tx.execute(
        "UPDATE catalog_reference_versions SET entity_version = ? "
        "WHERE referrer = ? AND referrer_id = ?",
        {event.entity_version, source.referrer, id});
  }
}

std::vector<Referrer> References::referrers(Transaction& tx, std::string_view target_id) {
  const Rows rows = tx.query(
      "SELECT referrer, referrer_id FROM catalog_references WHERE target_id = ? "
      "ORDER BY referrer, referrer_id",
      {std::string(target_id)});
  std::vector<Referrer> result;
  for (const Row& row : rows) result.push_back({row.text("referrer"), row.text("referrer_id")});
  return result;
}

void References::requireUnreferenced(Transaction& tx, std::string_view what,
                                     std::string_view target_id) {
  const std::vector<Referrer> found = referrers(tx, target_id);
  if (found.empty()) return;
  Json details = Json::object();
  std::string kinds;
  for (const Referrer& referrer : found) {
    Json& ids = details[referrer.type + "_ids"];
    if (ids.empty()) kinds += (kinds.empty() ? "" : " and ") + referrer.type + "(s)";
    ids.push_back(referrer.id);
  }
  throw ConflictError(std::string(what) + " is referenced by " + std::to_string(found.size()) +
                          " " + kinds + " and cannot be deleted",
                      std::move(details));
}

}  // namespace catalog::sdk
