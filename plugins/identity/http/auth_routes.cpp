#include "http/auth_routes.hpp"

#include "http/grant_request.hpp"

namespace catalog::identity {
namespace {

using sdk::Request;
using sdk::Response;

// RFC 6749 §5.1: token responses must not be cached.
Response tokenResponse(const TokenPair& pair) {
  return Response::ok({{"access_token", pair.access_token},
                       {"token_type", "Bearer"},
                       {"expires_in", pair.expires_in.count()},
                       {"refresh_token", pair.refresh_token}})
      .header("Cache-Control", "no-store")
      .header("Pragma", "no-cache");
}

Response throttled(const LoginThrottled& error, const Request& request) {
  return Response(error.status(), sdk::errorBody(error.code(), error.what(), error.details(),
                                                 request.correlationId()))
      .header("Retry-After", std::to_string(error.retryAfter().count()));
}

Response login(TokenGrants& grants, const Request& request) {
  const GrantRequest grant = GrantRequest::from(request);
  grant.requireGrantType("password");
  const std::string username = grant.require("username");
  const std::string password = grant.require("password");
  try {
    return tokenResponse(grants.passwordGrant(username, password, request));
  } catch (const LoginThrottled& error) {
    return throttled(error, request);
  }
}

Response refresh(TokenGrants& grants, const Request& request) {
  const GrantRequest grant = GrantRequest::from(request);
  grant.requireGrantType("refresh_token");
  return tokenResponse(grants.refreshGrant(grant.require("refresh_token"), request));
}

}  // namespace

void addAuthRoutes(sdk::Plugin& plugin, TokenGrants& grants) {
  const sdk::Access anyone = sdk::Access::publicRoute();
  plugin.post("/api/v1/auth/login", anyone,
              [&grants](const Request& request) { return login(grants, request); });
  plugin.post("/api/v1/auth/refresh", anyone,
              [&grants](const Request& request) { return refresh(grants, request); });
}

}  // namespace catalog::identity
