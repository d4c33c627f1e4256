#include "catalog/sdk/pagination.hpp"

#include <charconv>
#include <stdexcept>
#include <string>

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/fields.hpp"
#include "catalog/sdk/request.hpp"

namespace catalog::sdk {
namespace {

int readBounded(const Request& request, const char* name, int fallback, int max) {
  const auto text = request.query(name);
  if (!text) return fallback;
  int value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  const bool whole = ec == std::errc() && end == text->data() + text->size();
  if (!whole || value < 1 || value > max) {
    throw ValidationError(
        std::string(name) + " must be an integer from 1 to " + std::to_string(max),
        {{"field", name}, {"value", *text}});
  }
  return value;
}

}  // namespace

PageRequest PageRequest::from(const Request& request) {
  PageRequest page;
  page.page = readBounded(request, "page", 1, 1000000);
  page.page_size = readBounded(request, "page_size", kDefaultPageSize, kMaxPageSize);
  return page;
}

Json PageRequest::body(std::int64_t total, Json items) const {
  return {{"total", total}, {"page", page}, {"page_size", page_size}, {"items", std::move(items)}};
}

ListOrder ListOrder::from(const Request& request, const std::vector<Key>& keys) {
  if (keys.empty()) throw std::invalid_argument("a list needs at least one sort key");
  ListOrder order;
  const std::string sort = request.query("sort").value_or(keys.front().name);
  std::string offered;
  for (const Key& key : keys) {
    offered += (offered.empty() ? "" : ", ") + key.name;
    if (key.name == sort) order.expression_ = key.expression;
  }
  if (order.expression_.empty()) {
    throw ValidationError("sort must be one of " + offered + ", not '" + sort + "'",
                          {{"field", "sort"}});
  }
  const std::string direction = request.query("order").value_or("asc");
  if (direction != "asc" && direction != "desc") {
    throw ValidationError("order must be asc or desc, not '" + direction + "'",
                          {{"field", "order"}});
  }
  order.descending_ = direction == "desc";
  return order;
}

std::string ListOrder::sql() const {
  return "ORDER BY " + expression_ + (descending_ ? " DESC" : " ASC") + ", id";
}

std::vector<std::string> idFilter(const Request& request) {
  const std::vector<std::string> raw = request.queryAll("id");
  if (raw.empty()) return {};
  return canonicalIds(raw, "id", PageRequest::kMaxPageSize);
}

}  // namespace catalog::sdk
