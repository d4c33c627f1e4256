#pragma once

#include "catalog/sdk/plugin.hpp"
#include "search/text_index.hpp"

namespace catalog::store {

/// POST /api/v1/store/rebuild (ADMIN), for recovery: asks the source contexts for every
/// PUBLISHED offering and the specifications, characteristics and prices they use (on behalf of
/// the admin who asked), takes their current state into the copies, rebuilds every published
/// offering's entry and drops entries whose offering is neither published nor publishing.
/// Answers what it did: {"offerings", "specifications", "characteristics", "prices",
/// "removed", "skipped"}.
void addReadModelRebuild(sdk::Plugin& plugin, const TextIndex& text);

}  // namespace catalog::store
