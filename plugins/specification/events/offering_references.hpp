#pragma once

#include "catalog/sdk/references.hpp"

namespace catalog::specification {

/// Which offerings list a specification, learnt from offering events (SRS §3.2.2: a
/// specification can't be deleted while an offering references it). Every offering event
/// carries the offering's current specification_ids; a retired offering still references its
/// specifications, since it stays in the catalog.
inline sdk::ReferenceSource offeringReferences() {
  return {"product.offerings.events", "offering", "specification_ids", {}, {"OfferingDeleted"}};
}

}  // namespace catalog::specification
