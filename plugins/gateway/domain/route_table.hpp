#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace catalog::gateway {

/// Which context answers which paths (SRS §3.2.7 routing rules): a prefix routes itself and
/// everything below it, whole segments only (/api/v1/prices, not /api/v1/pricesX); the longest
/// matching prefix wins.
class RouteTable {
 public:
  /// The SRS rules, identity's /.well-known keys, and /engine-rest to the workflow engine.
  static RouteTable defaults();

  /// Routes `prefix` to `service`, replacing an earlier route of the same prefix. Throws
  /// std::invalid_argument when the prefix does not start with '/' or ends with one.
  void add(std::string prefix, const std::string& service);
  /// Adds the routes of a "prefix=service, …" list (gateway.routes). Throws
  /// std::invalid_argument naming an entry that is not prefix=service.
  void addAll(const std::string& list);

  /// The service of `path`, or nullopt when no prefix matches.
  std::optional<std::string> serviceFor(std::string_view path) const;
  /// Every service routed to, once each, in name order.
  std::vector<std::string> services() const;

 private:
  struct Entry {
    std::string prefix;
    std::string service;
  };
  std::vector<Entry> entries_;
};

}  // namespace catalog::gateway
