#pragma once

#include "catalog/sdk/plugin.hpp"

namespace catalog::store {

/// The customer-facing store (public, SRS §3.2.5): published offerings, paged and one by one.
void addStoreRoutes(sdk::Plugin& plugin);

}  // namespace catalog::store
