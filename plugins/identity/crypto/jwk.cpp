#include "crypto/jwk.hpp"

#include "crypto/base64url.hpp"
#include "crypto/sha256.hpp"

namespace catalog::identity {

std::string jwkThumbprint(const RsaPublicJwk& jwk) {
  // RFC 7638 §3.2: the required members only, in lexicographic order, without whitespace. The
  // values are base64url, so nothing needs escaping.
  return base64url(sha256(R"({"e":")" + jwk.e + R"(","kty":"RSA","n":")" + jwk.n + R"("})"));
}

sdk::Json toJson(const RsaPublicJwk& jwk, const std::string& kid) {
  return {{"kty", "RSA"}, {"use", "sig"}, {"alg", "RS256"},
          {"kid", kid},   {"n", jwk.n},   {"e", jwk.e}};
}

}  // namespace catalog::identity
