#pragma once

#include <string>

#include "catalog/sdk/log.hpp"

namespace catalog::identity {

/// The environment variable that sets the first admin's password.
constexpr const char* kAdminPasswordVariable = "CATALOG_ADMIN_PASSWORD";
/// Where a generated first-admin password is written, inside the data directory.
constexpr const char* kInitialAdminPasswordFileName = "initial-admin-password";

/// Makes sure the catalog can be administered, without a default password. When no ADMIN
/// exists, creates the user "admin" with the password in CATALOG_ADMIN_PASSWORD or, when that
/// is unset, a generated one written to <data_dir>/initial-admin-password (mode 0600)
/// before the user is committed — so no crash can leave an admin whose password nobody knows.
/// Logs where the password is, never the password. An admin created meanwhile by another
/// instance is accepted. Throws std::invalid_argument for an unacceptable CATALOG_ADMIN_PASSWORD
/// and std::runtime_error when "admin" is taken by a non-admin.
void ensureAnAdmin(const std::string& data_dir, const sdk::Logger& log);

}  // namespace catalog::identity
