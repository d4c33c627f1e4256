#include "search/tsvector_text_index.hpp"

#include "domain/characteristic_filter.hpp"

namespace catalog::store {

void TsvectorTextIndex::write(sdk::Transaction& tx, const StoreEntry& entry,
                              const std::string& now) const {
  tx.execute(
      "INSERT INTO store_entries (offering_id, saga_id, visible, document, name_key,"
      " published_at, updated_at, search_vector) VALUES (?, ?, ?, CAST(? AS JSONB), ?, ?, ?,"
      " setweight(to_tsvector('english', ?), 'A') || setweight(to_tsvector('english', ?), 'B')"
      " || setweight(to_tsvector('english', ?), 'C'))"
      " ON CONFLICT (offering_id) DO UPDATE SET saga_id = excluded.saga_id,"
      " visible = excluded.visible, document = excluded.document, name_key = excluded.name_key,"
      " published_at = excluded.published_at, updated_at = excluded.updated_at,"
      " search_vector = excluded.search_vector",
      {entry.offering_id, entry.saga_id, entry.visible, sdk::toText(entry.document),
       lowerKey(entry.name), entry.published_at, now, entry.name, entry.description,
       entry.characteristicText()});
}

void TsvectorTextIndex::erase(sdk::Transaction& tx, const std::string& offering_id) const {
  tx.execute("DELETE FROM store_entries WHERE offering_id = ?", {offering_id});
}

TextIndex::Match TsvectorTextIndex::match(const std::string& words) const {
  return {" CROSS JOIN websearch_to_tsquery('english', ?) AS query",
          "e.search_vector @@ query",
          {words},
          "ts_rank(e.search_vector, query)"};
}

}  // namespace catalog::store
