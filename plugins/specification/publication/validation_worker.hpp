#pragma once

#include "catalog/sdk/plugin.hpp"

namespace catalog::specification {

/// The saga's validate-specifications step (SRS §7.1): completes with `validationResult` true
/// when every one of the saga's `specificationIds` exists and is valid, else false with the
/// problems as `failureReason` (the saga's gateway then compensates).
void addValidationWorker(sdk::Plugin& plugin);

}  // namespace catalog::specification
