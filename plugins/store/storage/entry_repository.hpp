#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/sdk/transaction.hpp"
#include "projection/store_entry.hpp"
#include "search/text_index.hpp"

namespace catalog::store {

/// A stored entry, as the saga steps and the projection need it.
struct StoredEntry {
  std::string saga_id;
  bool visible = false;
};

/// Store entries with their search facts, in one transaction; the document and its words go
/// through the dialect's TextIndex.
class EntryRepository {
 public:
  EntryRepository(sdk::Transaction& tx, const TextIndex& text) : tx_(tx), text_(text) {}

  /// Writes `entry` whole, replacing what was stored for its offering.
  void write(const StoreEntry& entry, const std::string& now);
  /// Removes the entry of `offering_id` and everything searches know of it.
  void erase(const std::string& offering_id);

  std::optional<StoredEntry> find(const std::string& offering_id);
  /// Locks the entry of `offering_id` until the transaction ends, so that two refreshes of it
  /// (from events of different contexts) run one after the other and the second reads what the
  /// first committed; false when there is no entry.
  bool lock(const std::string& offering_id);
  /// The offerings whose entries were built from the source entity.
  std::vector<std::string> offeringsUsing(SourceKind kind, const std::string& source_id);

 private:
  void eraseFacts(const std::string& offering_id);

  sdk::Transaction& tx_;
  const TextIndex& text_;
};

}  // namespace catalog::store
