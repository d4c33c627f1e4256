#include "domain/measure.hpp"

#include <strings.h>

#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace catalog::store {
namespace {

struct Unit {
  const char* name;
  const char* dimension;
  double factor;  // base units per one of this unit
};

// Months and years are calendar units of their own: a month has no fixed number of days.
constexpr std::array<Unit, 17> kUnits = {{{"Mbps", "data rate", 1e6},
                                          {"Gbps", "data rate", 1e9},
                                          {"MB", "data size", 1e6},
                                          {"GB", "data size", 1e9},
                                          {"TB", "data size", 1e12},
                                          {"GHz", "frequency", 1e9},
                                          {"Volt", "voltage", 1},
                                          {"Watt", "power", 1},
                                          {"Meter", "length", 1},
                                          {"Percent", "ratio", 1},
                                          {"Seconds", "duration", 1},
                                          {"Minutes", "duration", 60},
                                          {"Hours", "duration", 3600},
                                          {"Days", "duration", 86400},
                                          {"Months", "calendar period", 1},
                                          {"Years", "calendar period", 12},
                                          {"Unit", "count", 1}}};

const Unit* findUnit(std::string_view name) {
  for (const Unit& unit : kUnits) {
    if (name.size() == std::char_traits<char>::length(unit.name) &&
        strncasecmp(name.data(), unit.name, name.size()) == 0)
      return &unit;
  }
  return nullptr;
}

}  // namespace

std::optional<std::string> canonicalUnit(std::string_view unit) {
  const Unit* found = findUnit(unit);
  if (found == nullptr) return std::nullopt;
  return std::string(found->name);
}

std::optional<double> decimalOf(std::string_view value) {
  if (value.empty()) return std::nullopt;
  // Plain decimals only: strtod would also take "inf", "nan" and hexadecimal.
  for (const char c : value) {
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+'))
      return std::nullopt;
  }
  const std::string text(value);
  char* end = nullptr;
  const double number = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(number)) return std::nullopt;
  return number;
}

std::optional<Measure> measureOf(std::string_view value, std::string_view unit) {
  const Unit* found = findUnit(unit);
  const auto number = decimalOf(value);
  if (found == nullptr || !number) return std::nullopt;
  return Measure{found->dimension, *number * found->factor};
}

const std::string& measurableUnitList() {
  static const std::string list = [] {
    std::string names;
    for (const Unit& unit : kUnits) names += (names.empty() ? "" : ", ") + std::string(unit.name);
    return names;
  }();
  return list;
}

}  // namespace catalog::store
