#pragma once

#include <chrono>
#include <mutex>
#include <string>

#include "catalog/sdk/json.hpp"
#include "tokens/access_token_issuer.hpp"
#include "tokens/signing_key_source.hpp"

namespace catalog::identity {

/// The life of signing keys: which one signs, which ones verifiers may still meet, rotation.
///
/// Every key that signed is recorded in signing_keys. At start the current key becomes the only
/// unretired one; the others are retired then. The JWKS lists the current key and the keys
/// retired less than an access-token lifetime (plus a minute of clock skew) ago, so a token
/// signed just before a rotation or restart with another key still verifies until it expires.
/// Thread-safe.
class SigningKeys {
 public:
  SigningKeys(SigningKeySource source, AccessTokenIssuer& issuer)
      : source_(std::move(source)), issuer_(issuer) {}

  /// Loads (or generates) the key, records it as current and signs with it. For start().
  void activate();
  /// Replaces a generated key: the new key is written to the key file, recorded as current,
  /// then used; returns its kid. Throws sdk::ConflictError when the key comes from
  /// configuration (it rotates by changing the configuration).
  std::string rotate(const std::string& correlation_id);
  /// {"keys": [...]}: the JWKS verifiers fetch (RFC 7517 §5).
  sdk::Json jwks(const std::string& correlation_id) const;
  /// The current public key as PEM.
  std::string currentPublicPem() const;

 private:
  void record(const RsaKeyPair& key, const std::string& correlation_id) const;

  const SigningKeySource source_;
  AccessTokenIssuer& issuer_;
  std::mutex rotation_mutex_;  // one rotation at a time: file, record and switch stay in step
};

}  // namespace catalog::identity
