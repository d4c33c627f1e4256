#pragma once

#include <Poco/Crypto/RSAKey.h>
#include <Poco/SharedPtr.h>
#include <openssl/types.h>

#include <memory>
#include <string>

#include "crypto/jwk.hpp"

namespace catalog::identity {

/// An RSA key pair that signs access tokens, with what verifiers need of it: the public key as
/// PEM and JWK, and its kid (the JWK thumbprint). Immutable; safe to share between threads.
class RsaKeyPair {
 public:
  /// The size of generated keys, and the least accepted from configuration.
  static constexpr int kBits = 2048;

  /// A new key from OpenSSL's generator.
  static RsaKeyPair generate();
  /// The key in `pem` (PKCS#8 or PKCS#1, unencrypted). Throws std::invalid_argument when it
  /// holds no RSA private key of at least kBits bits; the message never quotes the PEM.
  static RsaKeyPair fromPrivatePem(const std::string& pem);
  /// The JWK of the public key in `pem` ("BEGIN PUBLIC KEY"); throws std::invalid_argument.
  static RsaPublicJwk publicJwkOf(const std::string& pem);

  /// The private key as PKCS#8 PEM, for the key file.
  std::string privatePem() const;
  /// The public key as SubjectPublicKeyInfo PEM ("BEGIN PUBLIC KEY").
  const std::string& publicPem() const noexcept { return public_pem_; }
  const RsaPublicJwk& jwk() const noexcept { return jwk_; }
  const std::string& kid() const noexcept { return kid_; }
  /// The key as Poco::JWT::Signer wants it.
  const Poco::SharedPtr<Poco::Crypto::RSAKey>& signingKey() const noexcept { return poco_key_; }

 private:
  explicit RsaKeyPair(std::shared_ptr<EVP_PKEY> key);

  std::shared_ptr<EVP_PKEY> key_;
  std::string public_pem_;
  RsaPublicJwk jwk_;
  std::string kid_;
  Poco::SharedPtr<Poco::Crypto::RSAKey> poco_key_;
};

}  // namespace catalog::identity
