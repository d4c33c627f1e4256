#pragma once

#include "catalog/sdk/plugin.hpp"
#include "search/text_index.hpp"

namespace catalog::store {

/// The customer-facing store (public, SRS §3.2.5): published offerings one by one, and searched
/// (GET /api/v1/store/search; GET /api/v1/store/offerings takes the same parameters, and
/// without any lists them all, newest first).
void addStoreRoutes(sdk::Plugin& plugin, const TextIndex& text);

}  // namespace catalog::store
