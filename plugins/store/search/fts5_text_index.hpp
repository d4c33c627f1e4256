#pragma once

#include "search/text_index.hpp"

namespace catalog::store {

/// SQLite: the document as JSON text, the words in the FTS5 table entry_text (porter
/// stemming), ranked by BM25 with the name weighing most.
class Fts5TextIndex final : public TextIndex {
 public:
  void write(sdk::Transaction& tx, const StoreEntry& entry, const std::string& now) const override;
  void erase(sdk::Transaction& tx, const std::string& offering_id) const override;
  Match match(const std::string& words) const override;
};

}  // namespace catalog::store
