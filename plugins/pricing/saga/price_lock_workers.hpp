#pragma once

#include "catalog/sdk/plugin.hpp"

namespace catalog::pricing {

/// The pricing steps of the offering publication saga (SRS §7.1): lock-prices locks the saga's
/// `pricingIds` all or nothing, for the saga (its process instance id); a price that is missing
/// or held by another saga is a business failure (BPMN error PublicationFailed) that
/// compensates. unlock-prices releases whatever the saga holds, and succeeds when it holds
/// nothing: the saga runs it as the compensation and, once the offering is published, to
/// release the prices (they are locked only during the publication).
void addPriceLockWorkers(sdk::Plugin& plugin);

}  // namespace catalog::pricing
