#include "domain/characteristic.hpp"

#include <algorithm>
#include <regex>

#include "catalog/sdk/errors.hpp"

namespace catalog::characteristic {
namespace {

constexpr std::size_t kMaxNameLength = 200;
constexpr std::size_t kMaxValueLength = 100;

[[noreturn]] void invalid(const char* field, const std::string& message, sdk::Json details = {}) {
  if (!details.is_object()) details = sdk::Json::object();
  details["field"] = field;
  throw sdk::ValidationError(message, std::move(details));
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// ASCII only, whatever the process locale says about other bytes.
bool isLetterDigitOrSpace(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ';
}

// SRS §3.2.1: 1-200 characters, letters, digits and spaces.
std::string validName(const std::string& raw) {
  const std::string name = trimmed(raw);
  if (name.empty()) invalid("name", "Characteristic name is required");
  if (name.size() > kMaxNameLength)
    invalid("name", "Characteristic name must be at most 200 characters");
  if (!std::all_of(name.begin(), name.end(), isLetterDigitOrSpace)) {
    invalid("name", "Characteristic name may contain only letters A-Z, digits and spaces");
  }
  return name;
}

UnitOfMeasure validUnit(const std::string& raw) {
  if (raw.empty()) invalid("unit_of_measure", "Unit of measure is required");
  const auto unit = parseUnitOfMeasure(raw);
  if (!unit) {
    invalid("unit_of_measure", "Invalid unit of measure '" + raw + "'",
            {{"allowed", unitOfMeasureNames()}});
  }
  return *unit;
}

std::string validValue(const std::string& raw, UnitOfMeasure unit) {
  static const std::regex number(R"(-?[0-9]+(\.[0-9]+)?)");
  const std::string value = trimmed(raw);
  if (value.empty()) invalid("value", "Characteristic value is required");
  if (value.size() > kMaxValueLength)
    invalid("value", "Characteristic value must be at most 100 characters");
  if (isMeasurable(unit) && !std::regex_match(value, number)) {
    invalid("value", "Value '" + value + "' must be numeric for unit " + toString(unit),
            {{"unit_of_measure", toString(unit)}});
  }
  return value;
}

}  // namespace

Characteristic Characteristic::create(std::string id, const CharacteristicSpec& spec,
                                      const std::string& now) {
  Characteristic c;
  c.assign(spec);
  c.id_ = std::move(id);
  c.version_ = 1;
  c.created_at_ = now;
  c.updated_at_ = now;
  return c;
}

Characteristic Characteristic::restore(std::string id, std::string name, std::string value,
                                       UnitOfMeasure unit, std::int64_t version,
                                       std::string created_at, std::string updated_at) {
  Characteristic c;
  c.id_ = std::move(id);
  c.name_ = std::move(name);
  c.value_ = std::move(value);
  c.unit_ = unit;
  c.version_ = version;
  c.created_at_ = std::move(created_at);
  c.updated_at_ = std::move(updated_at);
  return c;
}

bool Characteristic::update(const CharacteristicSpec& spec, const std::string& now) {
  Characteristic changed = *this;
  changed.assign(spec);
  if (changed.sameAs(*this)) return false;
  *this = std::move(changed);
  ++version_;
  updated_at_ = now;
  return true;
}

bool Characteristic::sameAs(const Characteristic& other) const {
  return name_ == other.name_ && value_ == other.value_ && unit_ == other.unit_;
}

void Characteristic::assign(const CharacteristicSpec& spec) {
  // Name first, then unit, so the value can be checked against the unit.
  std::string name = validName(spec.name);
  const UnitOfMeasure unit = validUnit(spec.unit_of_measure);
  std::string value = validValue(spec.value, unit);
  name_ = std::move(name);
  unit_ = unit;
  value_ = std::move(value);
}

}  // namespace catalog::characteristic
