#pragma once

#include <string>
#include <string_view>

namespace catalog::pricing {

/// The id of a saga that locks prices: surrounding spaces and tabs trimmed, then 1-100
/// characters of well-formed UTF-8 without control characters (it may come from a URL path,
/// as any bytes). Returns it, or throws sdk::ValidationError with details {"field": field}.
std::string validSagaId(std::string_view raw, std::string_view field = "saga_id");

}  // namespace catalog::pricing
