#pragma once

#include "catalog/sdk/plugin.hpp"

namespace catalog::characteristic {

/// Registers POST/GET/PUT/DELETE /api/v1/characteristics[/{id}] on `plugin` (SRS §3.2.1).
/// Reads need any valid token; changes need ADMIN (SRS §4.4.2).
void addCharacteristicRoutes(sdk::Plugin& plugin);

}  // namespace catalog::characteristic
