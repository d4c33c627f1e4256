#pragma once

#include "catalog/sdk/plugin.hpp"

namespace catalog::specification {

/// Registers POST/GET/PUT/DELETE /api/v1/specifications[/{id}] and
/// POST /api/v1/specifications/validation on `plugin` (SRS §3.2.2). Reads need any valid
/// token; changes need ADMIN (SRS §4.4.2).
void addSpecificationRoutes(sdk::Plugin& plugin);

}  // namespace catalog::specification
