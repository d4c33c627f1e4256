#pragma once

/// @file
/// Typed SQL values: query parameters in, result cells out.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace catalog::sdk {

/// A SQL parameter or cell: null, integer, real or text. Text carries UUIDs, timestamps
/// (ISO-8601 UTC) and exact decimals, which keeps SQL portable between SQLite and PostgreSQL.
class Value {
 public:
  Value() = default;
  Value(std::nullopt_t) {}
  Value(int value) : value_(static_cast<std::int64_t>(value)) {}
  Value(std::int64_t value) : value_(value) {}
  Value(double value) : value_(value) {}
  Value(bool value) : value_(static_cast<std::int64_t>(value ? 1 : 0)) {}
  Value(std::string value) : value_(std::move(value)) {}
  Value(const char* value) : value_(std::string(value)) {}
  template <typename T>
  Value(const std::optional<T>& value) {
    if (value) *this = Value(*value);
  }

  bool isNull() const noexcept { return std::holds_alternative<std::monostate>(value_); }
  /// The value as text (numbers are formatted); throws std::logic_error when null.
  std::string text() const;
  /// The value as an integer (text is parsed); throws std::logic_error when null or not one.
  std::int64_t int64() const;
  /// The value as a real number (text is parsed); throws std::logic_error when null or not one.
  double real() const;

  const std::variant<std::monostate, std::int64_t, double, std::string>& raw() const noexcept {
    return value_;
  }

 private:
  std::variant<std::monostate, std::int64_t, double, std::string> value_;
};

}  // namespace catalog::sdk
