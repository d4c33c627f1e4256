#include "domain/unit_of_measure.hpp"

namespace catalog::characteristic {

const std::vector<std::string>& unitOfMeasureNames() {
  static const std::vector<std::string> names = {
      "Mbps",    "Gbps",    "MB",      "GB",    "TB",   "GHz",    "Volt",  "Watt", "Meter",
      "Percent", "Seconds", "Minutes", "Hours", "Days", "Months", "Years", "Unit", "None"};
  return names;
}

std::optional<UnitOfMeasure> parseUnitOfMeasure(std::string_view text) {
  const auto& names = unitOfMeasureNames();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == text) return static_cast<UnitOfMeasure>(i);
  }
  return std::nullopt;
}

const std::string& toString(UnitOfMeasure unit) {
  return unitOfMeasureNames()[static_cast<std::size_t>(unit)];
}

bool isMeasurable(UnitOfMeasure unit) { return unit != UnitOfMeasure::None; }

}  // namespace catalog::characteristic
