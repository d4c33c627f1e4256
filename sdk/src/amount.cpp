#include "catalog/sdk/amount.hpp"

#include <stdexcept>

#include "catalog/sdk/errors.hpp"

namespace catalog::sdk {
namespace {

constexpr std::size_t kMaxIntegerDigits = 8;  // DECIMAL(10,2)
constexpr std::size_t kMaxDecimals = 2;

[[noreturn]] void invalid(std::string_view field, const std::string& message) {
  throw ValidationError(message, {{"field", std::string(field)}});
}

bool isDigits(std::string_view text) {
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return !text.empty();
}

}  // namespace

Amount Amount::parse(std::string_view text, std::string_view field) {
  const std::string name(field);
  const bool negative = !text.empty() && text.front() == '-';
  const std::string_view unsigned_text = negative ? text.substr(1) : text;
  const std::size_t dot = unsigned_text.find('.');
  std::string_view whole = unsigned_text.substr(0, dot);
  const std::string_view decimals =
      dot == std::string_view::npos ? std::string_view() : unsigned_text.substr(dot + 1);
  if (!isDigits(whole) || (dot != std::string_view::npos && !isDigits(decimals))) {
    invalid(field, name + " must be a decimal number such as \"49.99\"");
  }
  if (decimals.size() > kMaxDecimals)
    invalid(field, name + " must have at most two decimal places");

  while (whole.size() > 1 && whole.front() == '0') whole.remove_prefix(1);
  if (whole.size() > kMaxIntegerDigits) invalid(field, name + " must be at most 99999999.99");
  std::int64_t minor_units = 0;
  for (const char c : whole) minor_units = minor_units * 10 + (c - '0');
  for (std::size_t i = 0; i < kMaxDecimals; ++i) {
    minor_units = minor_units * 10 + (i < decimals.size() ? decimals[i] - '0' : 0);
  }
  if (negative || minor_units == 0) invalid(field, name + " must be positive");
  return Amount(minor_units);
}

Amount Amount::fromJson(const Json& json, std::string_view field) {
  if (json.is_string()) return parse(json.get_ref<const std::string&>(), field);
  // dump() writes the shortest text that reads back as the same double, so a client's 49.99
  // is taken as the decimal it wrote, not as 49.98999999999999843...
  if (json.is_number()) return parse(json.dump(), field);
  if (json.is_null()) invalid(field, std::string(field) + " is required");
  invalid(field, std::string(field) + " must be a decimal string such as \"49.99\" or a number");
}

Amount Amount::fromMinorUnits(std::int64_t minor_units) {
  if (minor_units < 1 || minor_units > kMaxMinorUnits) {
    throw std::invalid_argument("amount out of range: " + std::to_string(minor_units) +
                                " minor units");
  }
  return Amount(minor_units);
}

std::string Amount::toString() const {
  std::string cents = std::to_string(minor_units_ % 100);
  if (cents.size() < 2) cents.insert(0, "0");
  return std::to_string(minor_units_ / 100) + "." + cents;
}

}  // namespace catalog::sdk
