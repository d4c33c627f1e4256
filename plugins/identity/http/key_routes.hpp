#pragma once

#include "catalog/sdk/plugin.hpp"
#include "tokens/signing_keys.hpp"

namespace catalog::identity {

/// Registers the key endpoints:
///   GET  /api/v1/auth/public-key     public  the current public key, PEM (SRS §3.2.6)
///   GET  /.well-known/jwks.json      public  every key a valid token may name (RFC 7517)
///   POST /api/v1/auth/keys/rotate    ADMIN   a new generated key; 409 for a configured one
/// `keys` must outlive the plugin's routes.
void addKeyRoutes(sdk::Plugin& plugin, SigningKeys& keys);

}  // namespace catalog::identity
