#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace catalog::characteristic {

/// The units of SRS §3.2.1, spelled exactly as there.
enum class UnitOfMeasure {
  Mbps,
  Gbps,
  MB,
  GB,
  TB,
  GHz,
  Volt,
  Watt,
  Meter,
  Percent,
  Seconds,
  Minutes,
  Hours,
  Days,
  Months,
  Years,
  Unit,
  None
};

/// The unit spelled `text` (case-sensitive), or nullopt.
std::optional<UnitOfMeasure> parseUnitOfMeasure(std::string_view text);
/// The unit's spelling.
const std::string& toString(UnitOfMeasure unit);
/// Every spelling, in SRS order.
const std::vector<std::string>& unitOfMeasureNames();
/// Whether values in this unit must be numeric: every unit but None.
bool isMeasurable(UnitOfMeasure unit);

}  // namespace catalog::characteristic
