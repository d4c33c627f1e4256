#pragma once

#include "catalog/sdk/events.hpp"
#include "catalog/sdk/transaction.hpp"

namespace catalog::specification {

/// SRS appendix E: what this context learns characteristics from.
inline constexpr const char* kCharacteristicTopic = "resource.characteristics.events";

/// Keeps the characteristic cache from characteristic events. A deletion also marks every
/// specification listing the characteristic invalid, with the reason, and announces it with
/// SpecificationUpdated: such a specification fails publication until it is replaced.
void onCharacteristicEvent(const sdk::Event& event, sdk::Transaction& tx);

}  // namespace catalog::specification
