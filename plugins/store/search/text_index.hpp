#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/sdk/transaction.hpp"
#include "catalog/sdk/value.hpp"
#include "projection/store_entry.hpp"

namespace catalog::store {

/// Where the store's dialects differ: how an entry's document and text are stored and how a
/// search matches words. SQLite keeps JSON text and an FTS5 table (porter stemming, BM25);
/// PostgreSQL JSONB and a weighted tsvector under a GIN index (ts_rank).
class TextIndex {
 public:
  /// How a search narrows `store_entries e` to the entries matching some words.
  struct Match {
    std::string join;                ///< appended to FROM
    std::string condition;           ///< ANDed to WHERE
    std::vector<sdk::Value> params;  ///< of join, then condition
    std::string relevance;           ///< larger is better
  };

  virtual ~TextIndex() = default;

  /// Writes the entry's store_entries row and its text, replacing what was there.
  virtual void write(sdk::Transaction& tx, const StoreEntry& entry,
                     const std::string& now) const = 0;
  /// Removes the entry's row and its text.
  virtual void erase(sdk::Transaction& tx, const std::string& offering_id) const = 0;
  /// How to match `words`, as a customer typed them.
  virtual Match match(const std::string& words) const = 0;
};

/// The index of a plugin database's dialect ("sqlite" or "postgresql").
std::unique_ptr<TextIndex> textIndexFor(const std::string& dialect);

}  // namespace catalog::store
