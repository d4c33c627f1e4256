#pragma once

#include <chrono>
#include <string>

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/metrics.hpp"
#include "catalog/sdk/request.hpp"
#include "domain/login_throttle.hpp"
#include "tokens/access_token_issuer.hpp"

namespace catalog::identity {

/// What a successful grant returns (RFC 6749 §5.1).
struct TokenPair {
  std::string access_token;
  std::string refresh_token;
  std::chrono::seconds expires_in;
};

/// 429 TOO_MANY_REQUESTS: too many failed logins; the SDK has no typed error for it. Carries
/// the seconds to put in Retry-After.
class LoginThrottled : public sdk::Error {
 public:
  explicit LoginThrottled(std::chrono::seconds retry_after);
  std::chrono::seconds retryAfter() const noexcept { return retry_after_; }

 private:
  std::chrono::seconds retry_after_;
};

/// The two ways to get tokens.
///
/// Password grant: throttled per username and client address before any bcrypt work; an
/// unknown username costs one bcrypt too and fails with the same message as a wrong password.
///
/// Refresh grant: refresh tokens are single use. Each login starts a family; each refresh marks
/// its token used and hands out a successor in the same family. A used token presented again
/// means two parties hold it — the client and a thief — and which one is which can't be told, so
/// the whole family is revoked: the thief's successor (or the client's) stops working too, and
/// the user has to log in again.
class TokenGrants {
 public:
  TokenGrants(AccessTokenIssuer& issuer, LoginThrottle& throttle,
              std::chrono::seconds refresh_token_lifetime)
      : issuer_(issuer), throttle_(throttle), refresh_token_lifetime_(refresh_token_lifetime) {}

  /// RFC 6749 §4.3. Throws LoginThrottled or sdk::UnauthorizedError.
  TokenPair passwordGrant(const std::string& username, const std::string& password,
                          const sdk::Request& request);
  /// RFC 6749 §6. Throws sdk::UnauthorizedError for an unknown, expired, revoked or reused
  /// token, or a deleted user.
  TokenPair refreshGrant(const std::string& refresh_token, const sdk::Request& request);

 private:
  const AccessTokenIssuer& issuer_;
  LoginThrottle& throttle_;
  const std::chrono::seconds refresh_token_lifetime_;
  // A burst of these is someone guessing passwords; the alert rules watch it.
  sdk::Counter login_failures_{"login_failures_total",
                               "Password logins refused: invalid_credentials, or throttled after "
                               "too many of those.",
                               {"reason"}};
};

}  // namespace catalog::identity
