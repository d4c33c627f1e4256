#include "search/offering_search.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

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

// The sort key of an entry `e`, with its parameters.
std::pair<std::string, Params> sortKey(const SearchCriteria& c,
                                       const std::optional<TextIndex::Match>& match) {
  switch (c.sort) {
    case SearchCriteria::Sort::Relevance:  // only with words to match (SearchCriteria)
      return {match->relevance, {}};
    case SearchCriteria::Sort::Price: {
      std::string key =
          "(SELECT MIN(p2.value_cents) FROM entry_prices p2 WHERE p2.offering_id = e.offering_id";
      Params params;
      if (c.currency) {
        key += " AND p2.currency = ?";
        params.emplace_back(*c.currency);
      }
      return {key + ")", params};
    }
    case SearchCriteria::Sort::Name:
      return {"e.name_key", {}};
    case SearchCriteria::Sort::PublishedAt:
      return {"e.published_at", {}};
  }
  return {"e.published_at", {}};
}

// The page and the number of matches in one pass over them: the window counts every match
// before LIMIT keeps the page, and only the page's documents are read.
Json page(sdk::Transaction& tx, const Selection& s, const SearchCriteria& c,
          const std::optional<TextIndex::Match>& match) {
  auto [key, params] = sortKey(c, match);
  append(params, s.params);
  params.emplace_back(c.page.page_size);
  params.emplace_back(c.page.offset());
  const std::string direction = c.descending ? " DESC" : " ASC";
  const sdk::Rows rows = tx.query(
      "SELECT CAST(d.document AS TEXT) AS document, m.total AS total FROM (SELECT e.offering_id"
      " AS id, " +
          key + " AS sort_key, COUNT(*) OVER () AS total" + s.from_where + " ORDER BY sort_key" +
          direction +
          ", e.offering_id LIMIT ? OFFSET ?) m JOIN store_entries d ON d.offering_id"
          " = m.id ORDER BY m.sort_key" +
          direction + ", m.id",
      params);
  Json items = Json::array();
  for (const sdk::Row& row : rows) items.push_back(Json::parse(row.text("document")));
  // Past the last page nothing comes back to carry the total: count on its own.
  const std::int64_t total =
      !rows.empty() ? rows.front().int64("total")
      : c.page.page == 1
          ? 0
          : tx.query("SELECT COUNT(*) AS total" + s.from_where, s.params).front().int64("total");
  return c.page.body(total, std::move(items));
}

// Each entry counts once per currency, by its lowest price in it.
Json priceRanges(const std::vector<std::pair<std::string, std::int64_t>>& lowest_prices) {
  std::map<std::string, std::array<std::int64_t, kRangeStarts.size()>> counts;
  for (const auto& [currency, cents] : lowest_prices) {
    const std::int64_t units = cents / 100;
    std::size_t range = kRangeStarts.size() - 1;
    while (range > 0 && units < kRangeStarts[range]) --range;
    ++counts[currency][range];
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

struct CharacteristicValue {
  std::string name_key, name, value, unit;
  std::int64_t count;
};

// By name, then the most frequent value first.
Json characteristicValues(std::vector<CharacteristicValue> values) {
  std::sort(values.begin(), values.end(), [](const auto& a, const auto& b) {
    return std::tie(a.name_key, b.count, a.value) < std::tie(b.name_key, a.count, b.value);
  });
  Json names = Json::array();
  const std::string* current = nullptr;
  for (const CharacteristicValue& v : values) {
    if (current == nullptr || *current != v.name_key)
      names.push_back({{"name", v.name}, {"values", Json::array()}});
    current = &v.name_key;
    names.back()["values"].push_back({{"value", v.value}, {"unit", v.unit}, {"count", v.count}});
  }
  return names;
}

// Both facets over every match, which the database finds once for the two.
Json facets(sdk::Transaction& tx, const Selection& s, const SearchCriteria& c) {
  Params params = s.params;
  std::string prices =
      "SELECT 'price' AS facet, p.currency AS name_key, CAST(NULL AS TEXT) AS name,"
      " CAST(NULL AS TEXT) AS value, CAST(NULL AS TEXT) AS unit, MIN(p.value_cents) AS n"
      " FROM entry_prices p WHERE p.offering_id IN (SELECT offering_id FROM matched)";
  if (c.currency) {
    prices += " AND p.currency = ?";
    params.emplace_back(*c.currency);
  }
  std::vector<std::pair<std::string, std::int64_t>> lowest_prices;
  std::vector<CharacteristicValue> values;
  for (const sdk::Row& row :
       tx.query("WITH matched AS MATERIALIZED (SELECT e.offering_id AS offering_id" + s.from_where +
                    ") " + prices +
                    " GROUP BY p.offering_id, p.currency UNION ALL"
                    " SELECT 'characteristic', c.name_key, MIN(c.name), MIN(c.value), c.unit,"
                    " COUNT(DISTINCT c.offering_id) FROM entry_characteristics c"
                    " WHERE c.offering_id IN (SELECT offering_id FROM matched)"
                    " GROUP BY c.name_key, c.value_key, c.unit",
                params)) {
    if (row.text("facet") == "price") {
      lowest_prices.emplace_back(row.text("name_key"), row.int64("n"));
    } else {
      values.push_back({row.text("name_key"), row.text("name"), row.text("value"), row.text("unit"),
                        row.int64("n")});
    }
  }
  return {{"price_ranges", priceRanges(lowest_prices)},
          {"characteristics", characteristicValues(std::move(values))}};
}

}  // namespace

Json searchOfferings(sdk::Transaction& tx, const TextIndex& text, const SearchCriteria& c) {
  std::optional<TextIndex::Match> match;
  const Selection s = select(text, c, match);
  Json body = page(tx, s, c, match);
  body["facets"] = facets(tx, s, c);
  return body;
}

}  // namespace catalog::store
