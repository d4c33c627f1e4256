#pragma once

/// @file
/// Exact money amounts, as prices hold them and every context that reads prices parses them.

#include <cstdint>
#include <string>
#include <string_view>

#include "catalog/sdk/json.hpp"

namespace catalog::sdk {

/// An amount of money, e.g. the value of a price: a positive exact decimal with two decimal places,
/// at most 99999999.99 (SRS §3.2.3, §8.1 DECIMAL(10,2)). Held as an integer number of minor units
/// (cents), never as a binary float. Immutable; cheap to copy.
class Amount {
 public:
  /// The largest amount, 99999999.99, in minor units.
  static constexpr std::int64_t kMaxMinorUnits = 9'999'999'999;

  /// Parses decimal text: digits, optionally a '.' and one or two decimals ("50", "49.9",
  /// "49.99"); no sign, exponent, spaces or bare '.'. Throws sdk::ValidationError with details
  /// {"field": field} when the text is malformed, has more than two decimals, is not positive
  /// or exceeds the maximum.
  static Amount parse(std::string_view text, std::string_view field = "value");
  /// A JSON string parsed as by parse(), or a JSON number parsed from its shortest round-trip
  /// text (49.99 → "49.99", 1e2 → "100.0"). Throws sdk::ValidationError naming `field` for
  /// anything else, null included.
  static Amount fromJson(const sdk::Json& json, std::string_view field = "value");
  /// An amount as stored. Throws std::invalid_argument when not in 1..kMaxMinorUnits, which
  /// only a corrupted row can be.
  static Amount fromMinorUnits(std::int64_t minor_units);

  /// The amount in minor units: 5000 for 50.00.
  std::int64_t minorUnits() const noexcept { return minor_units_; }
  /// The amount with exactly two decimals: "50.00".
  std::string toString() const;

  bool operator==(const Amount& other) const noexcept { return minor_units_ == other.minor_units_; }
  bool operator!=(const Amount& other) const noexcept { return !(*this == other); }

 private:
  explicit Amount(std::int64_t minor_units) : minor_units_(minor_units) {}

  std::int64_t minor_units_;
};

}  // namespace catalog::sdk
