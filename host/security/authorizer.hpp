#pragma once

#include <Poco/Logger.h>

#include <string>
#include <string_view>

#include "security/token_verifier.hpp"

namespace catalog::host {

struct Route;

/// The rank of a role a route may require: USER 1 < ADMIN 2; 0 for anything else.
int roleRank(std::string_view role) noexcept;

/// The outcome of checking a request against its route's access policy.
struct Authorization {
  int status = 0;  ///< 0 when allowed; otherwise 401, 403 or 503
  std::string code;
  std::string message;
  std::string challenge;    ///< the WWW-Authenticate value for 401 and 403
  VerifiedToken principal;  ///< empty subject when anonymous
  std::string token;        ///< the bearer token the principal came from

  bool allowed() const noexcept { return status == 0; }
};

/// Applies the routes' access policies (SRS §4.4) before any handler runs, for requests from
/// clients and for service calls alike: in this host nothing is trusted that its own verifier
/// did not check. Thread-safe.
class Authorizer {
 public:
  Authorizer(const TokenVerifier& verifier, Poco::Logger& logger);

  /// Checks a request's Authorization header value (empty when absent).
  Authorization authorizeHeader(const Route& route, std::string_view authorization,
                                const std::string& correlation_id) const;
  /// For the front door (ABI ingress_set), which can't know the policy of the route behind
  /// it: the token's user when the Authorization header carries a valid bearer token, else
  /// anonymous but with the raw token kept, so that the route behind decides what a bad token
  /// means (a public one ignores it, others refuse it and say why). Never refuses.
  Authorization identify(std::string_view authorization, const std::string& correlation_id) const;
  /// Checks a bare bearer token (empty when none), as service calls carry it.
  Authorization authorizeToken(const Route& route, std::string_view token,
                               const std::string& correlation_id) const;

 private:
  const TokenVerifier& verifier_;
  Poco::Logger& logger_;
};

}  // namespace catalog::host
