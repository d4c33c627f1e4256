#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/abi.h"

namespace catalog::host {

class LoadedPlugin;

/// A route as a plugin registered it.
struct Route {
  LoadedPlugin* plugin = nullptr;
  std::string method;
  std::string pattern;
  catalog_access access = CATALOG_ACCESS_AUTHENTICATED;
  std::string role;
  catalog_http_handler_fn handler = nullptr;
  void* user_data = nullptr;
};

/// Maps method + path to a route. Routes are added while plugins are created and only read
/// afterwards, so lookups need no lock.
class Router {
 public:
  enum class Outcome { Found, NotFound, MethodNotAllowed };

  struct Match {
    Outcome outcome = Outcome::NotFound;
    const Route* route = nullptr;
    std::vector<std::pair<std::string, std::string>> params;  ///< decoded captures
    std::vector<std::string> allowed;                         ///< for 405
  };

  /// Throws std::invalid_argument for a malformed pattern or one that clashes with a route
  /// already registered (same method, same shape).
  void add(Route route);
  /// Finds the route for `path` as it came on the wire (still percent-encoded, so an encoded
  /// '/' stays inside its segment); captures are decoded once. When `only` is set, among that
  /// plugin's routes. Throws std::invalid_argument for malformed percent-encoding.
  Match match(std::string_view method, std::string_view path,
              const LoadedPlugin* only = nullptr) const;
  const std::vector<Route>& routes() const noexcept { return routes_; }

  /// Makes `front` the host's front door (ABI ingress_set): the route of every request no
  /// host path and none of its own plugin's routes answer. Its method and pattern are unused.
  /// Throws std::invalid_argument when a plugin already holds it.
  void setIngress(Route front);
  /// The front door, or null when no plugin took it.
  const Route* ingress() const noexcept { return ingress_ ? &*ingress_ : nullptr; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{name}" marks a capture
    std::size_t route;
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
  std::optional<Route> ingress_;
};

}  // namespace catalog::host
