#include "http/cors.hpp"

#include <algorithm>

#include "catalog/sdk/errors.hpp"

namespace catalog::gateway {
namespace {

constexpr const char* kMethods = "GET, POST, PUT, DELETE, OPTIONS";
constexpr const char* kRequestHeaders =
    "Authorization, Content-Type, X-Correlation-ID, traceparent, tracestate, b3";
constexpr const char* kMaxAgeSeconds = "600";

}  // namespace

CorsPolicy::CorsPolicy(std::vector<std::string> allowed_origins)
    : origins_(std::move(allowed_origins)) {}

bool CorsPolicy::isPreflight(const sdk::Request& request) {
  return request.method() == "OPTIONS" && request.header("Origin") &&
         request.header("Access-Control-Request-Method");
}

sdk::Response CorsPolicy::preflight(const sdk::Request& request) const {
  const std::string origin = request.header("Origin").value_or("");
  if (!allows(origin)) {
    return sdk::Response(403,
                         sdk::errorBody("FORBIDDEN",
                                        "Cross-origin requests from " + origin + " are not allowed",
                                        {{"origin", origin}}, request.correlationId()))
        .header("Vary", "Origin");
  }
  sdk::Response response = sdk::Response::noContent();
  response.header("Access-Control-Allow-Origin", origin)
      .header("Access-Control-Allow-Methods", kMethods)
      .header("Access-Control-Allow-Headers", kRequestHeaders)
      .header("Access-Control-Max-Age", kMaxAgeSeconds)
      .header("Vary", "Origin");
  return response;
}

void CorsPolicy::allowRead(const sdk::Request& request, sdk::Response& response) const {
  const auto origin = request.header("Origin");
  if (!origin || !allows(*origin)) return;
  response.header("Access-Control-Allow-Origin", *origin)
      .header("Access-Control-Expose-Headers", "X-Correlation-ID, Retry-After")
      .header("Vary", "Origin");
}

bool CorsPolicy::allows(const std::string& origin) const {
  if (origin.empty()) return false;
  return std::any_of(origins_.begin(), origins_.end(),
                     [&origin](const std::string& o) { return o == "*" || o == origin; });
}

}  // namespace catalog::gateway
