#include "domain/currency.hpp"

namespace catalog::pricing {

const std::vector<std::string>& currencyCodes() {
  static const std::vector<std::string> codes = {"USD", "EUR", "TRY"};
  return codes;
}

std::optional<Currency> parseCurrency(std::string_view text) {
  const auto& codes = currencyCodes();
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (codes[i] == text) return static_cast<Currency>(i);
  }
  return std::nullopt;
}

const std::string& toString(Currency currency) {
  return currencyCodes()[static_cast<std::size_t>(currency)];
}

}  // namespace catalog::pricing
