#pragma once

#include "search/text_index.hpp"

namespace catalog::store {

/// PostgreSQL: the document as JSONB, the words in a weighted tsvector (name A, description
/// B, characteristics C) under a GIN index, matched with websearch_to_tsquery, ranked by ts_rank.
class TsvectorTextIndex final : public TextIndex {
 public:
  void write(sdk::Transaction& tx, const StoreEntry& entry, const std::string& now) const override;
  void erase(sdk::Transaction& tx, const std::string& offering_id) const override;
  Match match(const std::string& words) const override;
};

}  // namespace catalog::store
