#pragma once

#include <chrono>
#include <map>
#include <string>

namespace catalog::test {

/// Signs access tokens the way the identity plugin does (RS256, kid = RFC 7638 thumbprint), with
/// an RSA key the test owns, so tests can make every good and bad token there is. A host trusts
/// it through hostEnv(); an identity plugin signs with the same key through identityEnv().
class TestIssuer {
 public:
  struct Claims {
    std::string subject = "5f0c1f9e-0000-4000-8000-000000000001";
    std::string username = "tester";
    std::string role = "ADMIN";
    std::string issuer = "catalog-identity";
    std::string audience = "catalog-api";
    std::chrono::seconds issued_ago{0};     ///< iat = now - issued_ago
    std::chrono::seconds lifetime{3600};    ///< exp = iat + lifetime
    std::chrono::seconds not_before_in{0};  ///< nbf = now + not_before_in when non-zero
  };

  /// One key per test binary, generated on first use.
  static const TestIssuer& instance();

  /// A valid RS256 token with these claims.
  std::string token(const Claims& claims) const;
  /// A valid token for `role` with default claims.
  std::string token(const std::string& role) const;
  /// {"Authorization": "Bearer <token(role)>"}.
  std::map<std::string, std::string> bearer(const std::string& role) const;
  /// The same claims, signed by a key nobody trusts but carrying this issuer's kid.
  std::string tokenSignedByStranger(const Claims& claims) const;
  /// The same claims with "alg": "none" and an empty signature.
  std::string unsignedToken(const Claims& claims) const;
  /// HS256 over the token with the public key's PEM as the HMAC secret (algorithm confusion).
  std::string hs256WithPublicKey(const Claims& claims) const;
  /// A valid token whose payload was then changed (role raised to ADMIN, signature kept).
  std::string tampered(const Claims& claims) const;
  /// A valid signature, but the header names a kid the issuer never published.
  std::string tokenWithUnknownKid(const Claims& claims) const;

  /// The JWKS document publishing this issuer's public key under kid().
  std::string jwks() const;

  const std::string& kid() const noexcept { return kid_; }
  const std::string& publicKeyFile() const noexcept { return public_key_file_; }
  const std::string& privateKeyFile() const noexcept { return private_key_file_; }
  /// Environment that makes a catalogd trust this issuer's public key file.
  std::map<std::string, std::string> hostEnv() const;
  /// Environment that makes an identity plugin sign with this issuer's key.
  std::map<std::string, std::string> identityEnv() const;

 private:
  TestIssuer();

  std::string directory_;
  std::string public_key_file_;
  std::string private_key_file_;
  std::string stranger_key_file_;
  std::string kid_;
};

}  // namespace catalog::test
