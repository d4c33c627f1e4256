#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace catalog::pricing {

/// The ISO 4217 currencies a price may be in (SRS §3.2.3).
enum class Currency { USD, EUR, TRY };

/// The currency whose code is `text` (exact, upper case), or nullopt.
std::optional<Currency> parseCurrency(std::string_view text);
/// The currency's ISO 4217 code.
const std::string& toString(Currency currency);
/// Every code, in SRS order.
const std::vector<std::string>& currencyCodes();

}  // namespace catalog::pricing
