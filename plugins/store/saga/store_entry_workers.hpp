#pragma once

#include "catalog/sdk/plugin.hpp"
#include "search/text_index.hpp"

namespace catalog::store {

/// The publication saga's store steps: create-store-entry builds the offering's entry from the
/// store's copies (not visible until the offering is PUBLISHED; while a copy it needs is still
/// on its way the step fails and is retried with back-off), delete-store-entry removes the
/// entry this saga created.
void addStoreEntryWorkers(sdk::Plugin& plugin, const TextIndex& text);

}  // namespace catalog::store
