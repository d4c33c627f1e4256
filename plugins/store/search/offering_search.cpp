#include "search/offering_search.hpp"

#include <array>
#include <map>

namespace catalog::store {
namespace {

using sdk::Json;
using Params = std::vector<sdk::Value>;

// The price ranges of the facets, in whole currency units; the last is open-ended.
constexpr std::array<std::int64_t, 6> kRangeStarts = {0, 50, 100, 200, 500, 1000};

// SQL selecting the matching entries' rows from `store_entries e`, with its parameters.
struct Selection {
  std::string from_where;
  Params params;
};

void append(Params& to, const Params& more) { to.insert(to.end(), more.begin(), more.end()); }

// Each filter is an uncorrelated IN (…): the database reads the few matching rows once through
// their index, where a correlated EXISTS had SQLite scan that index again for every candidate.
std::string characteristicCondition(const CharacteristicFilter& f, Params& params) {
  std::string sql =
      "e.offering_id IN (SELECT c.offering_id FROM entry_characteristics c WHERE c.name_key = ?";
  params.emplace_back(f.name_key);
  const std::string op = sqlOperator(f.op);
  if (f.measure) {
    sql += " AND c.dimension = ? AND c.base_value " + op + " ?";
    params.emplace_back(f.measure->dimension);
    params.emplace_back(f.measure->base_value);
  } else if (f.number) {
    sql += " AND c.number " + op + " ?";
    params.emplace_back(*f.number);
  } else {
    sql += " AND c.value_key " + op + " ?";
    params.emplace_back(lowerKey(f.value));
  }
  return sql + ")";
}

std::string priceCondition(const SearchCriteria& c, Params& params) {
  std::string sql = "e.offering_id IN (SELECT p.offering_id FROM entry_prices p WHERE 1 = 1";
  if (c.currency) {
    sql += " AND p.currency = ?";
    params.emplace_back(*c.currency);
  }
  if (c.min_cents) {
    sql += " AND p.value_cents >= ?";
    params.emplace_back(*c.min_cents);
  }
  if (c.max_cents) {
    sql += " AND p.value_cents <= ?";
    params.emplace_back(*c.max_cents);
  }
  return sql + ")";
}

Selection select(const TextIndex& text, const SearchCriteria& c,
                 std::optional<TextIndex::Match>& match) {
  Selection s{" FROM store_entries e", {}};
  std::string where = " WHERE e.visible = 1";
  Params where_params;
  if (c.text) {
    match = text.match(*c.text);
    s.from_where += match->join;
    where += " AND " + match->condition;
    append(s.params, match->params);
  }
  if (c.min_cents || c.max_cents || c.currency) where += " AND " + priceCondition(c, where_params);
  if (c.channel) {
    where +=
        " AND e.offering_id IN (SELECT ch.offering_id FROM entry_channels ch WHERE ch.channel = ?)";
    where_params.emplace_back(*c.channel);
  }
  if (!c.characteristics.empty()) {
    std::string any;
    for (const CharacteristicFilter& filter : c.characteristics) {
      if (!any.empty()) any += c.any_characteristic ? " OR " : " AND ";
      any += characteristicCondition(filter, where_params);
    }
    where += " AND (" + any + ")";
  }
  s.from_where += where;
  append(s.params, where_params);
  return s;
}

std::string orderBy(const SearchCriteria& c, const std::optional<TextIndex::Match>& match,
                    Params& params) {
  std::string key;
  switch (c.sort) {
    case SearchCriteria::Sort::Relevance:  // only with words to match (SearchCriteria)
      key = match->relevance;
      break;
    case SearchCriteria::Sort::Price:
      key = "(SELECT MIN(p2.value_cents) FROM entry_prices p2 WHERE p2.offering_id = e.offering_id";
      if (c.currency) {
        key += " AND p2.currency = ?";
        params.emplace_back(*c.currency);
      }
      key += ")";
      break;
    case SearchCriteria::Sort::Name:
      key = "e.name_key";
      break;
    case SearchCriteria::Sort::PublishedAt:
      key = "e.published_at";
      break;
  }
  return " ORDER BY " + key + (c.descending ? " DESC" : " ASC") + ", e.offering_id";
}

Json priceRanges(sdk::Transaction& tx, const Selection& s, const SearchCriteria& c) {
  // Each entry counts once per currency, by its lowest price in it.
  std::map<std::string, std::array<std::int64_t, kRangeStarts.size()>> counts;
  Params params = s.params;
  std::string sql =
      "SELECT p.currency AS currency, MIN(p.value_cents) AS lowest FROM entry_prices p"
      " WHERE p.offering_id IN (SELECT e.offering_id" +
      s.from_where + ")";
  if (c.currency) {
    sql += " AND p.currency = ?";
    params.emplace_back(*c.currency);
  }
  for (const sdk::Row& row : tx.query(sql + " GROUP BY p.offering_id, p.currency", params)) {
    const std::int64_t units = row.int64("lowest") / 100;
    std::size_t range = kRangeStarts.size() - 1;
    while (range > 0 && units < kRangeStarts[range]) --range;
    ++counts[row.text("currency")][range];
  }
  Json ranges = Json::array();
  for (const auto& [currency, by_range] : counts) {
    for (std::size_t i = 0; i < kRangeStarts.size(); ++i) {
      if (by_range[i] == 0) continue;
      const bool last = i + 1 == kRangeStarts.size();
      const std::string from = std::to_string(kRangeStarts[i]);
      ranges.push_back(
          {{"currency", currency},
           {"range", last ? from + "+" : from + "-" + std::to_string(kRangeStarts[i + 1])},
           {"min", from + ".00"},
           {"max", last ? Json() : Json(std::to_string(kRangeStarts[i + 1]) + ".00")},
           {"count", by_range[i]}});
    }
  }
  return ranges;
}

Json characteristicValues(sdk::Transaction& tx, const Selection& s) {
  Json names = Json::array();
  for (const sdk::Row& row :
       tx.query("SELECT c.name_key AS name_key, MIN(c.name) AS name, MIN(c.value) AS value,"
                " c.unit AS unit, COUNT(DISTINCT c.offering_id) AS n FROM entry_characteristics c"
                " WHERE c.offering_id IN (SELECT e.offering_id" +
                    s.from_where +
                    ")"
                    " GROUP BY c.name_key, c.value_key, c.unit ORDER BY c.name_key, n DESC, value",
                s.params)) {
    if (names.empty() || names.back()["name_key"] != row.text("name_key"))
      names.push_back({{"name_key", row.text("name_key")},
                       {"name", row.text("name")},
                       {"values", Json::array()}});
    names.back()["values"].push_back(
        {{"value", row.text("value")}, {"unit", row.text("unit")}, {"count", row.int64("n")}});
  }
  for (Json& name : names) name.erase("name_key");
  return names;
}

}  // namespace

Json searchOfferings(sdk::Transaction& tx, const TextIndex& text, const SearchCriteria& c) {
  std::optional<TextIndex::Match> match;
  const Selection s = select(text, c, match);
  const std::int64_t total =
      tx.query("SELECT COUNT(*) AS total" + s.from_where, s.params).front().int64("total");
  Params params = s.params;
  const std::string order = orderBy(c, match, params);
  params.emplace_back(c.page.page_size);
  params.emplace_back(c.page.offset());
  Json items = Json::array();
  for (const sdk::Row& row : tx.query("SELECT CAST(e.document AS TEXT) AS document" + s.from_where +
                                          order + " LIMIT ? OFFSET ?",
                                      params))
    items.push_back(Json::parse(row.text("document")));
  Json body = c.page.body(total, std::move(items));
  body["facets"] = {{"price_ranges", priceRanges(tx, s, c)},
                    {"characteristics", characteristicValues(tx, s)}};
  return body;
}

}  // namespace catalog::store
