#include "search/fts5_text_index.hpp"

#include <cctype>

#include "domain/characteristic_filter.hpp"

namespace catalog::store {
namespace {

// The customer's words as an FTS5 query: each word quoted (so no word is read as syntax),
// all required, the last one also as a prefix of longer words ("fib" finds "fibre").
std::string fts5Query(const std::string& words) {
  std::vector<std::string> tokens;
  std::string token;
  for (const char c : words) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || byte >= 0x80) {
      token += c;
    } else if (!token.empty()) {
      tokens.push_back(std::move(token));
      token.clear();
    }
  }
  if (!token.empty()) tokens.push_back(std::move(token));
  std::string query;
  for (std::size_t i = 0; i < tokens.size(); ++i)
    query += (i == 0 ? "\"" : " \"") + tokens[i] + (i + 1 == tokens.size() ? "\"*" : "\"");
  return query;
}

}  // namespace

// An entry keeps its text_id, the rowid of its entry_text row, for its whole life; a new entry
// takes the next one. Writers are serialized on SQLite, so MAX + 1 can't race.
void Fts5TextIndex::write(sdk::Transaction& tx, const StoreEntry& entry,
                          const std::string& now) const {
  const std::int64_t text_id =
      tx.query(
            "INSERT INTO store_entries (offering_id, saga_id, visible, document, name_key,"
            " published_at, updated_at, text_id) VALUES (?, ?, ?, ?, ?, ?, ?,"
            " (SELECT COALESCE(MAX(text_id), 0) + 1 FROM store_entries))"
            " ON CONFLICT (offering_id) DO UPDATE SET saga_id = excluded.saga_id,"
            " visible = excluded.visible, document = excluded.document,"
            " name_key = excluded.name_key, published_at = excluded.published_at,"
            " updated_at = excluded.updated_at RETURNING text_id",
            {entry.offering_id, entry.saga_id, entry.visible, sdk::toText(entry.document),
             lowerKey(entry.name), entry.published_at, now})
          .front()
          .int64("text_id");
  tx.execute("DELETE FROM entry_text WHERE rowid = ?", {text_id});
  tx.execute(
      "INSERT INTO entry_text (rowid, offering_id, name, description, characteristics)"
      " VALUES (?, ?, ?, ?, ?)",
      {text_id, entry.offering_id, entry.name, entry.description, entry.characteristicText()});
}

void Fts5TextIndex::erase(sdk::Transaction& tx, const std::string& offering_id) const {
  tx.execute(
      "DELETE FROM entry_text WHERE rowid = (SELECT text_id FROM store_entries WHERE"
      " offering_id = ?)",
      {offering_id});
  tx.execute("DELETE FROM store_entries WHERE offering_id = ?", {offering_id});
}

TextIndex::Match Fts5TextIndex::match(const std::string& words) const {
  const std::string query = fts5Query(words);
  if (query.empty()) return {"", "0 = 1", {}, "NULL"};  // no word in it: nothing matches
  return {
      " JOIN (SELECT offering_id, bm25(entry_text, 0.0, 10.0, 4.0, 2.0) AS text_rank"
      " FROM entry_text WHERE entry_text MATCH ?) t ON t.offering_id = e.offering_id",
      "1 = 1",
      {query},
      "-t.text_rank"};  // BM25: lower is better
}

}  // namespace catalog::store
