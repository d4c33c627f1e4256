#pragma once

#include "catalog/sdk/plugin.hpp"

namespace catalog::pricing {

/// Registers the saga's lock routes on `plugin` (SRS §3.2.3), all for ADMIN:
/// POST /api/v1/prices/{id}/lock and /unlock with {"saga_id"}; POST /api/v1/prices/locks with
/// {"saga_id", "price_ids"} (all or nothing); DELETE /api/v1/prices/locks/{saga_id} (releases
/// everything the saga holds).
void addPriceLockRoutes(sdk::Plugin& plugin);

}  // namespace catalog::pricing
