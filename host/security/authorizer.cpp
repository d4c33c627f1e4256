#include "security/authorizer.hpp"

#include <strings.h>

#include <optional>

#include "http/router.hpp"
#include "observability/log.hpp"

namespace catalog::host {
namespace {

constexpr std::string_view kBearer = "Bearer ";

Authorization refuse(int status, const char* code, std::string message, std::string challenge) {
  Authorization result;
  result.status = status;
  result.code = code;
  result.message = std::move(message);
  result.challenge = std::move(challenge);
  return result;
}

Authorization unauthorized(const std::string& reason) {
  return refuse(
      401, "UNAUTHORIZED", "Invalid bearer token: " + reason,
      R"(Bearer realm="catalog", error="invalid_token", error_description=")" + reason + "\"");
}

// The token of a "Bearer <token>" header value; nullopt for any other scheme.
std::optional<std::string_view> bearerToken(std::string_view authorization) {
  const bool bearer = authorization.size() > kBearer.size() &&
                      strncasecmp(authorization.data(), kBearer.data(), kBearer.size()) == 0;
  if (!bearer) return std::nullopt;
  std::string_view token = authorization.substr(kBearer.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  return token;
}

}  // namespace

int roleRank(std::string_view role) noexcept {
  if (role == "USER") return 1;
  if (role == "ADMIN") return 2;
  return 0;
}

Authorizer::Authorizer(const TokenVerifier& verifier, Poco::Logger& logger)
    : verifier_(verifier), logger_(logger) {}

Authorization Authorizer::authorizeHeader(const Route& route, std::string_view authorization,
                                          const std::string& correlation_id) const {
  if (authorization.empty()) return authorizeToken(route, {}, correlation_id);
  const auto token = bearerToken(authorization);
  if (!token) {
    if (route.access == CATALOG_ACCESS_PUBLIC) return {};
    return unauthorized("the Authorization header must be a Bearer token");
  }
  return authorizeToken(route, *token, correlation_id);
}

Authorization Authorizer::identify(std::string_view authorization,
                                   const std::string& correlation_id) const {
  if (authorization.empty()) return {};
  Route any;
  any.access = CATALOG_ACCESS_AUTHENTICATED;
  any.method = "*";
  any.pattern = "(front door)";
  Authorization result = authorizeHeader(any, authorization, correlation_id);
  if (result.allowed()) return result;
  Authorization anonymous;
  anonymous.token = std::string(bearerToken(authorization).value_or(""));
  return anonymous;
}

Authorization Authorizer::authorizeToken(const Route& route, std::string_view token,
                                         const std::string& correlation_id) const {
  const bool open = route.access == CATALOG_ACCESS_PUBLIC;
  if (token.empty()) {
    if (open) return {};
    return refuse(401, "UNAUTHORIZED", "Authentication required: send a Bearer token",
                  R"(Bearer realm="catalog")");
  }
  Authorization result;
  try {
    result.principal = verifier_.verify(token);
    result.token = std::string(token);
  } catch (const TokenRejected& e) {
    // On a public route a bad token is ignored, not refused: the caller gets what anyone gets.
    if (open) return {};
    log(logger_, Poco::Message::PRIO_INFORMATION, correlation_id,
        "rejected token for " + route.method + " " + route.pattern + ": " + e.what());
    return unauthorized(e.what());
  } catch (const KeysUnavailable& e) {
    if (open) return {};
    log(logger_, Poco::Message::PRIO_WARNING, correlation_id, e.what());
    return refuse(503, "SERVICE_UNAVAILABLE", "Cannot verify tokens right now; retry later", {});
  }
  if (route.access == CATALOG_ACCESS_ROLE &&
      roleRank(result.principal.role) < roleRank(route.role)) {
    return refuse(403, "FORBIDDEN", "This operation requires the " + route.role + " role",
                  R"(Bearer realm="catalog", error="insufficient_scope")");
  }
  return result;
}

}  // namespace catalog::host
