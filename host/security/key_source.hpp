#pragma once

#include <string>

#include "security/key_ring.hpp"

namespace catalog::host {

class ServiceDispatcher;
struct SecuritySettings;

/// Where this host gets the keys that sign access tokens, chosen from the settings.
struct KeySource {
  std::string description;  ///< for messages, e.g. "file /etc/catalog/jwt.pem"
  KeyRing::Fetch fetch;
  /// Files are read at start, so a wrong path stops the host; a URL or the identity context is
  /// fetched on first use, so hosts of a fleet may start in any order.
  enum class Kind { File, Url, Identity } kind;
};

/// The first configured of: public key file, JWKS file, JWKS URL; else the identity context's
/// /.well-known/jwks.json through `services` (which must outlive the fetch function).
KeySource chooseKeySource(const SecuritySettings& settings, ServiceDispatcher& services);

}  // namespace catalog::host
