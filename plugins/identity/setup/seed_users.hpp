#pragma once

#include <vector>

#include "catalog/sdk/log.hpp"
#include "identity_settings.hpp"

namespace catalog::identity {

/// Creates the configured users (identity.seedUsers, meant for demo profiles) that don't exist
/// yet. Existing users — their passwords included — are left alone. Logs each user created,
/// without its password.
void seedUsers(const std::vector<SeedUser>& users, const sdk::Logger& log);

}  // namespace catalog::identity
