#pragma once

/// @file
/// Calls to other bounded contexts by name. The host dispatches in process when the target
/// plugin is loaded in this host and over HTTP otherwise, so plugins never know the topology.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/sdk/json.hpp"

namespace catalog::sdk {

class Request;

/// A request to another context.
struct ServiceRequest {
  std::string method = "GET";
  std::string path;  ///< e.g. "/api/v1/characteristics/0b8f…"
  std::vector<std::pair<std::string, std::string>> query;
  Json body;  ///< sent when not null
};

/// Its answer. An HTTP error status is an answer, not an exception.
struct ServiceResponse {
  int status = 0;
  Json body;  ///< null when the body was empty or not JSON
};

/// Header name → value pairs, in order.
using Headers = std::vector<std::pair<std::string, std::string>>;

/// Another context's whole answer, as a gateway passes it on.
struct ForwardedResponse {
  int status = 0;
  Headers headers;
  std::string body;
};

/// Whether a header belongs to one HTTP hop rather than to the request or answer (RFC 9110
/// §7.6.1, with Host and Content-Length): whoever passes a message on sets its own.
bool isHopByHopHeader(std::string_view name) noexcept;

/// Calls services. Throws UnavailableError when the context can't be reached.
class Services {
 public:
  /// Where `service` is: loaded in this host (calls stay in process), reached over HTTP, or
  /// nowhere (calls fail).
  enum class Location { Nowhere, Local, Remote };
  Location location(std::string_view service) const;
  /// Sends `incoming` on to `service` as it came (method, path, query, body, correlation id
  /// and bearer token) but with `headers` instead of its own, and returns the whole answer.
  ForwardedResponse forward(std::string_view service, const Request& incoming,
                            const Headers& headers) const;
  /// Calls on behalf of `caller`, forwarding its correlation id and bearer token.
  ServiceResponse call(std::string_view service, const ServiceRequest& request,
                       const Request& caller) const;
  /// Calls from background work, with a correlation id and no caller token.
  ServiceResponse call(std::string_view service, const ServiceRequest& request,
                       std::string_view correlation_id) const;
};

}  // namespace catalog::sdk
