#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "crypto/rsa_key_pair.hpp"
#include "domain/user.hpp"

namespace catalog::identity {

/// Issues access tokens (SRS §3.2.6): RS256 JWTs with header {"alg","typ","kid"} and claims
/// sub, username, role, iat, exp, iss, aud and jti, signed with the current key. The key can be
/// replaced while tokens are being issued (rotation). Thread-safe.
class AccessTokenIssuer {
 public:
  struct Options {
    std::string issuer;
    std::string audience;
    std::chrono::seconds lifetime;
  };

  explicit AccessTokenIssuer(Options options) : options_(std::move(options)) {}

  /// Signs with `key` from now on.
  void use(std::shared_ptr<const RsaKeyPair> key);
  /// The key in use; nullptr before the first use().
  std::shared_ptr<const RsaKeyPair> currentKey() const;

  /// A signed token for `user`, valid for lifetime() from now. Throws std::logic_error before a
  /// key is in use.
  std::string issue(const User& user) const;
  std::chrono::seconds lifetime() const noexcept { return options_.lifetime; }

 private:
  const Options options_;
  mutable std::mutex mutex_;
  std::shared_ptr<const RsaKeyPair> key_;
};

}  // namespace catalog::identity
