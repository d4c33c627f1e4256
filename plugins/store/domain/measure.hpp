#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace catalog::store {

/// A quantity in the base unit of its dimension, so that values in different units of one
/// dimension compare: 1 Gbps is 1000000000 bit/s, as is 1000 Mbps.
struct Measure {
  std::string dimension;  ///< "data rate", "data size", "duration", …
  double base_value = 0;
};

/// The units of the SRS enum (Mbps, Gbps, MB, GB, TB, GHz, Volt, Watt, Meter, Percent, Seconds,
/// Minutes, Hours, Days, Months, Years, Unit) by name, any case; "None" and unknown names are
/// not measurable. The canonical spelling, or nullopt.
std::optional<std::string> canonicalUnit(std::string_view unit);

/// A plain decimal number ("50", "-2.5"); nullopt for anything else ("inf", "1e3", "0x10").
std::optional<double> decimalOf(std::string_view value);

/// `value` in `unit` as a Measure; nullopt when the unit is not measurable or the value is not
/// a finite decimal number.
std::optional<Measure> measureOf(std::string_view value, std::string_view unit);

/// The measurable unit names, for messages.
const std::string& measurableUnitList();

}  // namespace catalog::store
