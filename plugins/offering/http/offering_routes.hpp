#pragma once

#include "catalog/sdk/plugin.hpp"

namespace catalog::offering {

/// Registers POST/GET/PUT/DELETE /api/v1/offerings[/{id}] (SRS §3.2.4): any valid token
/// reads; USER and ADMIN manage drafts (SRS §4.4.2).
void addOfferingRoutes(sdk::Plugin& plugin);

}  // namespace catalog::offering
