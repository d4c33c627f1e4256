#pragma once

#include <string>

#include "catalog/sdk/entities.hpp"
#include "storage/offering_repository.hpp"

namespace catalog::offering {

inline constexpr const char* kOfferingWhat = "offering";

/// The offering a path names, or 404.
inline Offering existingOffering(OfferingRepository& repository, const std::string& raw_id) {
  return sdk::requireFound(kOfferingWhat, raw_id,
                           [&](const std::string& id) { return repository.find(id); });
}

}  // namespace catalog::offering
