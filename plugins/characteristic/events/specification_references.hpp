#pragma once

#include "catalog/sdk/references.hpp"

namespace catalog::characteristic {

/// Which specifications list a characteristic, learnt from specification events (SRS §3.2.1:
/// a characteristic can't be deleted while a specification references it).
inline sdk::ReferenceSource specificationReferences() {
  return {"resource.specifications.events",
          "specification",
          "characteristic_ids",
          {"SpecificationCreated", "SpecificationUpdated"},
          {"SpecificationDeleted"}};
}

}  // namespace catalog::characteristic
