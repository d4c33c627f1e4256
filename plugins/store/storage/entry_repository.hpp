#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/sdk/transaction.hpp"
#include "projection/store_entry.hpp"

namespace catalog::store {

/// A stored entry, as the saga steps and the projection need it.
struct StoredEntry {
  std::string saga_id;
  bool visible = false;
};

/// Store entries with their search facts and full-text index, in one transaction. The document
/// and the text index are where the dialects differ: SQLite keeps JSON text and an FTS5 table,
/// PostgreSQL JSONB and a weighted tsvector under a GIN index.
class EntryRepository {
 public:
  /// `dialect` is the plugin's: "sqlite" or "postgresql".
  EntryRepository(sdk::Transaction& tx, std::string dialect)
      : tx_(tx), dialect_(std::move(dialect)) {}

  /// Writes `entry` whole, replacing what was stored for its offering.
  void write(const StoreEntry& entry, const std::string& now);
  /// Removes the entry of `offering_id` and everything searches know of it.
  void erase(const std::string& offering_id);

  std::optional<StoredEntry> find(const std::string& offering_id);
  /// The offerings whose entries were built from the source entity.
  std::vector<std::string> offeringsUsing(SourceKind kind, const std::string& source_id);

 private:
  void eraseFacts(const std::string& offering_id);

  sdk::Transaction& tx_;
  std::string dialect_;
};

}  // namespace catalog::store
