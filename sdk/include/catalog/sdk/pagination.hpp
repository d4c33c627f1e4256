#pragma once

/// @file
/// Pagination, one shape for every list of the project:
/// `?page=1&page_size=20` in, `{"total", "page", "page_size", "items"}` out, optionally narrowed
/// to given ids with `?id=…&id=…` and sorted with `?sort=…&order=asc|desc`.

#include <cstdint>
#include <string>
#include <vector>

#include "catalog/sdk/json.hpp"

namespace catalog::sdk {

class Request;

/// A page of a list. page counts from 1; page_size is 1..kMaxPageSize.
struct PageRequest {
  static constexpr int kDefaultPageSize = 20;
  static constexpr int kMaxPageSize = 100;

  int page = 1;
  int page_size = kDefaultPageSize;

  /// Reads `page` and `page_size`; throws ValidationError for anything out of range.
  static PageRequest from(const Request& request);

  /// The number of rows to skip.
  std::int64_t offset() const noexcept { return static_cast<std::int64_t>(page - 1) * page_size; }
  /// The list body for `items` out of `total`.
  Json body(std::int64_t total, Json items) const;
  /// The list body for domain objects, each turned into JSON by `to_json`.
  template <typename Items, typename ToJson>
  Json body(std::int64_t total, const Items& items, ToJson to_json) const {
    Json array = Json::array();
    for (const auto& item : items) array.push_back(to_json(item));
    return body(total, std::move(array));
  }
  /// The list body for this page of `all`, a list held in memory whole.
  template <typename Item, typename ToJson>
  Json bodyOfPage(const std::vector<Item>& all, ToJson to_json) const {
    Json array = Json::array();
    const std::size_t first = static_cast<std::size_t>(offset());
    for (std::size_t i = first; i < all.size() && i < first + page_size; ++i)
      array.push_back(to_json(all[i]));
    return body(static_cast<std::int64_t>(all.size()), std::move(array));
  }
};

/// How a list is sorted: `?sort=<key>&order=asc|desc`. A route offers its keys, each with the
/// SQL expression it sorts by (never text from the request); the first is the default, and
/// `order` defaults to ascending. Ties go by id, so consecutive pages neither repeat nor skip a
/// row.
class ListOrder {
 public:
  struct Key {
    std::string name;        ///< as in ?sort=, e.g. "name"
    std::string expression;  ///< what ORDER BY sorts by, e.g. "lower(name)"
  };

  /// Throws ValidationError naming the keys offered when `sort` is another, or when `order`
  /// is neither asc nor desc; std::invalid_argument when `keys` is empty. A list narrowed with
  /// `?id=` comes in the route's own order: the sort is checked, not applied.
  static ListOrder from(const Request& request, const std::vector<Key>& keys);
  /// "ORDER BY <expression> ASC|DESC, id", for the end of a SELECT before LIMIT.
  std::string sql() const;

 private:
  ListOrder() = default;

  std::string expression_;
  bool descending_ = false;
};

/// The ids a list is narrowed to (`?id=`, repeatable, at most kMaxPageSize), canonical and
/// without repeats; empty when the list is not narrowed. Throws ValidationError naming a
/// malformed id.
std::vector<std::string> idFilter(const Request& request);

}  // namespace catalog::sdk
