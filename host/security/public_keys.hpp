#pragma once

#include <Poco/Crypto/RSAKey.h>
#include <Poco/SharedPtr.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace catalog::host {

/// A key that may sign access tokens. An empty kid matches any token: a single key configured
/// as PEM is trusted whatever kid a token names (RFC 7515 makes kid a hint, not an identity).
struct PublicKey {
  std::string kid;
  Poco::SharedPtr<Poco::Crypto::RSAKey> key;
};

/// Keys that can't be read.
class MalformedKeys : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Reads either one PEM public key or a JWKS document (RFC 7517), taking its RSA signing keys
/// (`"kty":"RSA"`, `use` absent or "sig", `alg` absent or "RS256") and ignoring the others.
/// Throws MalformedKeys when the text is neither or holds no usable key.
std::vector<PublicKey> parsePublicKeys(const std::string& text);

}  // namespace catalog::host
