#include "projection/source_entities.hpp"

#include "catalog/sdk/ids.hpp"

namespace catalog::store {
namespace {

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

const char* toString(SourceKind kind) {
  switch (kind) {
    case SourceKind::Characteristic:
      return "characteristic";
    case SourceKind::Specification:
      return "specification";
    case SourceKind::Price:
      return "price";
    case SourceKind::Offering:
      return "offering";
  }
  return "";
}

std::optional<std::string> SourceEntities::apply(SourceKind kind, const sdk::Event& event) {
  const auto id = sdk::canonicalUuid(event.payload.value("id", ""));
  if (!id) return std::nullopt;
  const bool deleted = endsWith(event.event_type, "Deleted");
  if (!store(kind, *id, event.entity_version, deleted, event.payload, event.event_id))
    return std::nullopt;
  return id;
}

void SourceEntities::replace(SourceKind kind, const sdk::Json& entity, const std::string& origin) {
  const auto id = sdk::canonicalUuid(entity.value("id", ""));
  if (!id) return;
  // An equal version is the same state: taken, so that a rebuild repairs a damaged copy.
  tx_.execute(
      "INSERT INTO source_entities (kind, id, version, deleted, data, event_id)"
      " VALUES (?, ?, ?, 0, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET"
      " version = excluded.version, deleted = 0, data = excluded.data,"
      " event_id = excluded.event_id WHERE source_entities.version <= excluded.version",
      {toString(kind), *id, entity.value("version", std::int64_t{0}), sdk::toText(entity), origin});
}

bool SourceEntities::store(SourceKind kind, const std::string& id, std::int64_t version,
                           bool deleted, const sdk::Json& data, const std::string& event_id) {
  return tx_.execute(
             "INSERT INTO source_entities (kind, id, version, deleted, data, event_id)"
             " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET"
             " version = excluded.version, deleted = excluded.deleted, data = excluded.data,"
             " event_id = excluded.event_id WHERE source_entities.version < excluded.version",
             {toString(kind), id, version, deleted ? 1 : 0, sdk::toText(data), event_id}) == 1;
}

std::optional<SourceEntity> SourceEntities::find(SourceKind kind, const std::string& id) const {
  const sdk::Rows rows =
      tx_.query("SELECT version, deleted, data FROM source_entities WHERE kind = ? AND id = ?",
                {toString(kind), id});
  if (rows.empty()) return std::nullopt;
  const sdk::Row& row = rows.front();
  return SourceEntity{id, row.int64("version"), row.int64("deleted") != 0,
                      sdk::Json::parse(row.text("data"))};
}

}  // namespace catalog::store
