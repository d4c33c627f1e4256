#pragma once

#include "catalog/sdk/plugin.hpp"

namespace catalog::identity {

/// Registers user management, all ADMIN only (SRS §4.4.2):
///   POST   /api/v1/auth/users                 {username, password, role} → 201, 409 duplicate
///   GET    /api/v1/auth/users                 ?page&page_size
///   GET    /api/v1/auth/users/{id}
///   PUT    /api/v1/auth/users/{id}/password   {password} → 204; revokes refresh tokens
///   DELETE /api/v1/auth/users/{id}            204; 409 for the last ADMIN
void addUserRoutes(sdk::Plugin& plugin);

}  // namespace catalog::identity
