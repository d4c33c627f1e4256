#pragma once

#include "catalog/sdk/references.hpp"

namespace catalog::pricing {

/// Which offerings list a price, learnt from offering events (SRS §3.2.3: a price referenced
/// by offerings can't be deleted). Every offering event carrying `pricing_ids` sets the list,
/// whatever its type (created, updated, published…); OfferingDeleted drops it.
inline sdk::ReferenceSource offeringReferences() {
  return {"product.offerings.events", "offering", "pricing_ids", {}, {"OfferingDeleted"}};
}

}  // namespace catalog::pricing
