#pragma once

#include "catalog/sdk/plugin.hpp"

namespace catalog::pricing {

/// Registers POST/GET/PUT/DELETE /api/v1/prices[/{id}] on `plugin` (SRS §3.2.3). Reads need
/// any valid token; changes need ADMIN (SRS §4.4.2).
void addPriceRoutes(sdk::Plugin& plugin);

}  // namespace catalog::pricing
