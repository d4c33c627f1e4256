#pragma once

#include <string>

#include "catalog/sdk/json.hpp"

namespace catalog::identity {

/// The public part of an RSA key as a JWK (RFC 7517/7518 §6.3.1): modulus and exponent as
/// unsigned big-endian integers in base64url without padding.
struct RsaPublicJwk {
  std::string n;
  std::string e;
};

/// The RFC 7638 thumbprint: base64url(SHA-256 of {"e":…,"kty":"RSA","n":…}). A function of the
/// key alone, so the same key always gets the same kid, in every instance and after restarts.
std::string jwkThumbprint(const RsaPublicJwk& jwk);

/// {"kty":"RSA","use":"sig","alg":"RS256","kid":…,"n":…,"e":…}, one entry of a JWKS.
sdk::Json toJson(const RsaPublicJwk& jwk, const std::string& kid);

}  // namespace catalog::identity
