#pragma once

#include <string>
#include <vector>

#include "catalog/sdk/transaction.hpp"

namespace catalog::specification {

/// Why one specification can't be published.
struct PublicationProblem {
  std::string specification_id;
  std::string reason;
};

/// The publication saga's validate-specifications step (SRS §7.1): every one of `ids` must
/// exist and be valid. Returns what stands in the way, every problem at once; empty when the
/// specifications may be published. `ids` must be canonical UUIDs (sdk::canonicalUuid).
std::vector<PublicationProblem> publicationProblems(sdk::Transaction& tx,
                                                    const std::vector<std::string>& ids);

}  // namespace catalog::specification
