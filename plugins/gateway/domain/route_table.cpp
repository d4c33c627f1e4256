#include "domain/route_table.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "catalog/sdk/settings.hpp"

namespace catalog::gateway {
RouteTable RouteTable::defaults() {
  RouteTable table;
  table.add("/api/v1/auth", "identity");
  table.add("/.well-known", "identity");
  table.add("/api/v1/characteristics", "characteristic");
  table.add("/api/v1/specifications", "specification");
  table.add("/api/v1/prices", "pricing");
  table.add("/api/v1/offerings", "offering");
  table.add("/api/v1/store", "store");
  table.add("/engine-rest", "engine");
  return table;
}

void RouteTable::add(std::string prefix, const std::string& service) {
  if (prefix.size() < 2 || prefix.front() != '/' || prefix.back() == '/')
    throw std::invalid_argument("route prefix '" + prefix +
                                "' must start with '/' and not end with one");
  if (service.empty())
    throw std::invalid_argument("route prefix '" + prefix + "' names no service");
  const auto same = [&prefix](const Entry& e) { return e.prefix == prefix; };
  entries_.erase(std::remove_if(entries_.begin(), entries_.end(), same), entries_.end());
  entries_.push_back({std::move(prefix), service});
  // Longest first, so that the first match is the most specific.
  std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    return a.prefix.size() > b.prefix.size();
  });
}

void RouteTable::addAll(const std::string& list) {
  for (const std::string& entry : sdk::settingList(list)) {
    const std::size_t equals = entry.find('=');
    if (equals == std::string::npos)
      throw std::invalid_argument("route '" + entry + "' must read prefix=service");
    add(sdk::trimmed(entry.substr(0, equals)), sdk::trimmed(entry.substr(equals + 1)));
  }
}

std::optional<std::string> RouteTable::serviceFor(std::string_view path) const {
  for (const Entry& entry : entries_) {
    const std::string_view prefix = entry.prefix;
    if (path.substr(0, prefix.size()) != prefix) continue;
    if (path.size() == prefix.size() || path[prefix.size()] == '/') return entry.service;
  }
  return std::nullopt;
}

std::vector<std::string> RouteTable::services() const {
  std::set<std::string> names;
  for (const Entry& entry : entries_) names.insert(entry.service);
  return {names.begin(), names.end()};
}

}  // namespace catalog::gateway
