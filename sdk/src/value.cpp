#include "catalog/sdk/value.hpp"

#include <charconv>
#include <cstdlib>
#include <stdexcept>

namespace catalog::sdk {

std::string Value::text() const {
  if (const auto* s = std::get_if<std::string>(&value_)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&value_)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&value_)) return std::to_string(*d);
  throw std::logic_error("value is null");
}

std::int64_t Value::int64() const {
  if (const auto* i = std::get_if<std::int64_t>(&value_)) return *i;
  if (const auto* d = std::get_if<double>(&value_)) return static_cast<std::int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&value_)) {
    std::int64_t result = 0;
    const auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), result);
    if (ec == std::errc() && end == s->data() + s->size()) return result;
    throw std::logic_error("value is not an integer: " + *s);
  }
  throw std::logic_error("value is null");
}

double Value::real() const {
  if (const auto* d = std::get_if<double>(&value_)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&value_)) return static_cast<double>(*i);
  if (const auto* s = std::get_if<std::string>(&value_)) {
    char* end = nullptr;
    const double result = std::strtod(s->c_str(), &end);
    if (!s->empty() && end == s->c_str() + s->size()) return result;
    throw std::logic_error("value is not a number: " + *s);
  }
  throw std::logic_error("value is null");
}

}  // namespace catalog::sdk
