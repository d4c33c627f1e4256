#include "security/public_keys.hpp"

#include <Poco/Crypto/EVPPKey.h>
#include <Poco/Exception.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>
#include <sstream>

#include "catalog/sdk/json.hpp"
#include "security/base64url.hpp"

namespace catalog::host {
namespace {

using sdk::Json;

// NIST SP 800-131A: shorter RSA keys are no longer acceptable for signatures.
constexpr int kMinimumBits = 2048;

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using BigNum = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using ParamBuilder = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;
using KeyContext = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;

BigNum bigNum(const std::string& base64url) {
  const std::optional<std::string> decoded = decodeBase64Url(base64url);
  if (!decoded || decoded->empty()) throw MalformedKeys("invalid base64url in JWK");
  const std::string& bytes = *decoded;
  return BigNum(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()), nullptr));
}

// OpenSSL 3 builds an RSA public key from its modulus and exponent through parameters; Poco
// 1.11 has no constructor for that, but takes the resulting EVP_PKEY.
Poco::SharedPtr<Poco::Crypto::RSAKey> rsaKey(const std::string& n, const std::string& e) {
  const BigNum modulus = bigNum(n);
  const BigNum exponent = bigNum(e);
  const ParamBuilder builder(OSSL_PARAM_BLD_new());
  if (!modulus || !exponent || !builder ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, modulus.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, exponent.get()) != 1) {
    throw MalformedKeys("invalid RSA JWK");
  }
  const Params params(OSSL_PARAM_BLD_to_param(builder.get()));
  const KeyContext context(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* key = nullptr;
  if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1 ||
      EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    throw MalformedKeys("invalid RSA JWK");
  }
  const Poco::Crypto::EVPPKey copy(key);  // duplicates the key
  EVP_PKEY_free(key);
  return new Poco::Crypto::RSAKey(copy);
}

std::vector<PublicKey> fromJwks(const Json& jwks) {
  if (!jwks.is_object() || !jwks.contains("keys") || !jwks["keys"].is_array())
    throw MalformedKeys("JWKS has no \"keys\" array");
  std::vector<PublicKey> keys;
  for (const Json& jwk : jwks["keys"]) {
    if (!jwk.is_object() || jwk.value("kty", "") != "RSA" || jwk.value("use", "sig") != "sig" ||
        jwk.value("alg", "RS256") != "RS256") {
      continue;
    }
    const std::string kid = jwk.value("kid", "");
    if (kid.empty()) throw MalformedKeys("JWK without kid");
    keys.push_back({kid, rsaKey(jwk.value("n", ""), jwk.value("e", ""))});
  }
  return keys;
}

}  // namespace

std::vector<PublicKey> parsePublicKeys(const std::string& text) {
  std::vector<PublicKey> keys;
  if (text.find("-----BEGIN") != std::string::npos) {
    try {
      std::istringstream pem(text);
      keys.push_back({"", new Poco::Crypto::RSAKey(&pem)});
    } catch (const Poco::Exception& e) {
      throw MalformedKeys("unreadable PEM public key: " + e.displayText());
    }
  } else {
    const Json jwks = Json::parse(text, nullptr, false);
    if (jwks.is_discarded()) throw MalformedKeys("neither a PEM public key nor JSON");
    keys = fromJwks(jwks);
  }
  if (keys.empty()) throw MalformedKeys("no RS256 signing key");
  for (const PublicKey& key : keys) {
    if (key.key->size() * 8 < kMinimumBits)
      throw MalformedKeys("RSA key shorter than " + std::to_string(kMinimumBits) + " bits");
  }
  return keys;
}

}  // namespace catalog::host
