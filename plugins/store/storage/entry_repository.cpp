#include "storage/entry_repository.hpp"

#include "domain/characteristic_filter.hpp"

namespace catalog::store {
void EntryRepository::write(const StoreEntry& entry, const std::string& now) {
  const std::string& id = entry.offering_id;
  text_.write(tx_, entry, now);
  eraseFacts(id);
  for (const EntryPrice& price : entry.prices) {
    tx_.execute(
        "INSERT INTO entry_prices (offering_id, price_id, value_cents, currency)"
        " VALUES (?, ?, ?, ?)",
        {id, price.price_id, price.value_cents, price.currency});
  }
  for (const EntryCharacteristic& c : entry.characteristics) {
    // One row per characteristic, even when two specifications share it.
    tx_.execute(
        "INSERT INTO entry_characteristics (offering_id, characteristic_id, name, name_key,"
        " value, value_key, unit, number, dimension, base_value)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        {id, c.id, c.name, lowerKey(c.name), c.value, lowerKey(c.value), c.unit, c.number,
         c.measure ? sdk::Value(c.measure->dimension) : sdk::Value(),
         c.measure ? sdk::Value(c.measure->base_value) : sdk::Value()});
  }
  for (const std::string& channel : entry.channels) {
    tx_.execute(
        "INSERT INTO entry_channels (offering_id, channel) VALUES (?, ?)"
        " ON CONFLICT DO NOTHING",
        {id, channel});
  }
  for (const auto& [kind, source_id] : entry.sources) {
    tx_.execute(
        "INSERT INTO entry_sources (kind, source_id, offering_id) VALUES (?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        {toString(kind), source_id, id});
  }
}

void EntryRepository::erase(const std::string& offering_id) {
  text_.erase(tx_, offering_id);
  eraseFacts(offering_id);
}

void EntryRepository::eraseFacts(const std::string& offering_id) {
  for (const char* table : {"entry_prices", "entry_characteristics", "entry_channels"})
    tx_.execute(std::string("DELETE FROM ") + table + " WHERE offering_id = ?", {offering_id});
  tx_.execute("DELETE FROM entry_sources WHERE offering_id = ?", {offering_id});
}

std::optional<StoredEntry> EntryRepository::find(const std::string& offering_id) {
  const sdk::Rows rows =
      tx_.query("SELECT saga_id, visible FROM store_entries WHERE offering_id = ?", {offering_id});
  if (rows.empty()) return std::nullopt;
  return StoredEntry{rows.front().text("saga_id"), rows.front().int64("visible") != 0};
}

bool EntryRepository::lock(const std::string& offering_id) {
  // A write takes the row lock on PostgreSQL (SQLite's writers are serialized anyway).
  return tx_.execute("UPDATE store_entries SET updated_at = updated_at WHERE offering_id = ?",
                     {offering_id}) == 1;
}

std::vector<std::string> EntryRepository::offeringsUsing(SourceKind kind,
                                                         const std::string& source_id) {
  std::vector<std::string> ids;
  for (const sdk::Row& row :
       tx_.query("SELECT offering_id FROM entry_sources WHERE kind = ? AND source_id = ?",
                 {toString(kind), source_id}))
    ids.push_back(row.text("offering_id"));
  return ids;
}

}  // namespace catalog::store
