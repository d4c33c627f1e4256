#include "cache/characteristic_cache.hpp"

#include "catalog/sdk/ids.hpp"

namespace catalog::specification {

std::map<std::string, CachedCharacteristic> CharacteristicCache::find(
    const std::vector<std::string>& ids) {
  std::map<std::string, CachedCharacteristic> found;
  if (ids.empty()) return found;
  const std::vector<sdk::Value> params(ids.begin(), ids.end());
  const sdk::Rows rows = tx_.query(
      "SELECT id, name, value, unit_of_measure, entity_version, deleted_at"
      " FROM cached_characteristics WHERE id IN (" +
          sdk::placeholders(ids.size()) + ")",
      params);
  for (const sdk::Row& row : rows) {
    CachedCharacteristic c{row.text("id"),
                           row.text("name"),
                           row.text("value"),
                           row.text("unit_of_measure"),
                           row.int64("entity_version"),
                           row.optionalText("deleted_at").has_value()};
    found.emplace(c.id, std::move(c));
  }
  return found;
}

bool CharacteristicCache::remember(const CachedCharacteristic& c) {
  return tx_.execute(
             "INSERT INTO cached_characteristics"
             " (id, name, value, unit_of_measure, entity_version, deleted_at, cached_at)"
             " VALUES (?, ?, ?, ?, ?, NULL, ?)"
             " ON CONFLICT (id) DO UPDATE SET name = excluded.name, value = excluded.value,"
             " unit_of_measure = excluded.unit_of_measure,"
             " entity_version = excluded.entity_version, deleted_at = NULL,"
             " cached_at = excluded.cached_at"
             " WHERE cached_characteristics.entity_version < excluded.entity_version",
             {c.id, c.name, c.value, c.unit_of_measure, c.entity_version, sdk::utcNow()}) == 1;
}

bool CharacteristicCache::forget(const std::string& id, const std::string& name,
                                 std::int64_t entity_version) {
  const std::string now = sdk::utcNow();
  return tx_.execute(
             "INSERT INTO cached_characteristics"
             " (id, name, value, unit_of_measure, entity_version, deleted_at, cached_at)"
             " VALUES (?, ?, '', '', ?, ?, ?)"
             " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
             " entity_version = excluded.entity_version, deleted_at = excluded.deleted_at,"
             " cached_at = excluded.cached_at"
             " WHERE cached_characteristics.entity_version < excluded.entity_version",
             {id, name, entity_version, now, now}) == 1;
}

}  // namespace catalog::specification
