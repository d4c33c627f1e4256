#pragma once

#include "catalog/sdk/plugin.hpp"
#include "tokens/token_grants.hpp"

namespace catalog::identity {

/// Registers the public token endpoints (SRS §3.2.6, RFC 6749 §4.3 and §6):
///   POST /api/v1/auth/login    {"username","password"} or grant_type=password form
///   POST /api/v1/auth/refresh  {"refresh_token"} or grant_type=refresh_token form
/// Both answer {"access_token","token_type":"Bearer","expires_in","refresh_token"}, not cached.
/// `grants` must outlive the plugin's routes.
void addAuthRoutes(sdk::Plugin& plugin, TokenGrants& grants);

}  // namespace catalog::identity
