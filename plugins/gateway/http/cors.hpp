#pragma once

#include <string>
#include <vector>

#include "catalog/sdk/request.hpp"
#include "catalog/sdk/response.hpp"

namespace catalog::gateway {

/// Cross-origin access for browser apps served elsewhere (SRS §3.2.7): the origins of
/// gateway.cors.allowedOrigins ("*" for any) may call the API with a token. None by default:
/// the web UI the gateway serves itself is same-origin.
class CorsPolicy {
 public:
  explicit CorsPolicy(std::vector<std::string> allowed_origins);

  /// An OPTIONS request with Origin and Access-Control-Request-Method.
  static bool isPreflight(const sdk::Request& request);
  /// The answer to a preflight: 204 with what the origin may do, or 403 for another origin.
  sdk::Response preflight(const sdk::Request& request) const;
  /// Lets an allowed origin read `response` (and its X-Correlation-ID and Retry-After).
  void allowRead(const sdk::Request& request, sdk::Response& response) const;

 private:
  bool allows(const std::string& origin) const;

  std::vector<std::string> origins_;
};

}  // namespace catalog::gateway
