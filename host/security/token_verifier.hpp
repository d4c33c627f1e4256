#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>

#include "security/key_ring.hpp"
#include "security/verified_token.hpp"
#include "security/verified_token_cache.hpp"

namespace catalog::host {

/// A token that must not be accepted; the message says why, never echoing the token.
class TokenRejected : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Verifies access tokens as the identity plugin issues them (SRS §3.2.6): compact JWS, RS256
/// only — the header's algorithm is never trusted to choose the check, so `none` and HS256
/// signed with the public key are refused — a key from the ring, and the claims iss, aud, exp,
/// nbf, iat, sub and role. Thread-safe.
class TokenVerifier {
 public:
  struct Expectations {
    std::string issuer;
    std::string audience;
    std::chrono::seconds clock_skew{30};
  };

  TokenVerifier(KeyRing& keys, Expectations expectations);

  /// Throws TokenRejected, or KeysUnavailable when no key can be obtained to decide.
  VerifiedToken verify(std::string_view token) const;

 private:
  KeyRing& keys_;
  const Expectations expect_;
  mutable VerifiedTokenCache verified_;
};

}  // namespace catalog::host
