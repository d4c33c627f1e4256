#pragma once

#include "catalog/sdk/plugin.hpp"

namespace catalog::offering {

/// Registers POST /api/v1/offerings/{id}/publish and /retire (ADMIN, SRS §4.4.2) and
/// GET /api/v1/offerings/{id}/publication (any valid token).
void addPublicationRoutes(sdk::Plugin& plugin);

}  // namespace catalog::offering
