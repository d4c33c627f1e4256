#include "catalog/sdk/fields.hpp"

#include <cstdint>

#include "catalog/sdk/errors.hpp"

namespace catalog::sdk {
namespace {

const Json* find(const Json& body, std::string_view field) {
  const auto it = body.find(std::string(field));
  return it == body.end() || it->is_null() ? nullptr : &*it;
}

[[noreturn]] void invalid(std::string_view field, const std::string& problem) {
  throw ValidationError(std::string(field) + " " + problem, {{"field", std::string(field)}});
}

}  // namespace

std::string requireString(const Json& body, std::string_view field) {
  auto value = optionalString(body, field);
  if (!value) invalid(field, "is required");
  return *value;
}

std::optional<std::string> optionalString(const Json& body, std::string_view field) {
  const Json* value = find(body, field);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) invalid(field, "must be a string");
  return value->get<std::string>();
}

std::int64_t requireInteger(const Json& body, std::string_view field) {
  const Json* value = find(body, field);
  if (value == nullptr) invalid(field, "is required");
  const bool fits = value->is_number_integer() &&
                    (!value->is_number_unsigned() ||
                     value->get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX));
  if (!fits)
    invalid(field, "must be an integer from " + std::to_string(INT64_MIN) + " to " +
                       std::to_string(INT64_MAX));
  return value->get<std::int64_t>();
}

std::optional<std::vector<std::string>> optionalStringArray(const Json& body,
                                                            std::string_view field) {
  const Json* value = find(body, field);
  if (value == nullptr) return std::nullopt;
  if (!value->is_array()) invalid(field, "must be an array of strings");
  std::vector<std::string> items;
  for (const Json& item : *value) {
    if (!item.is_string()) invalid(field, "must be an array of strings");
    items.push_back(item.get<std::string>());
  }
  return items;
}

std::string boundedText(std::string_view raw, std::string_view field, std::size_t max_chars) {
  const std::size_t first = raw.find_first_not_of(" \t");
  if (first == std::string_view::npos) invalid(field, "is required");
  const std::string_view text = raw.substr(first, raw.find_last_not_of(" \t") - first + 1);
  std::size_t chars = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) invalid(field, "must not contain control characters");
    if ((byte & 0xc0) != 0x80) ++chars;  // continuation bytes don't start a character
  }
  if (chars > max_chars)
    invalid(field, "must be at most " + std::to_string(max_chars) + " characters");
  return std::string(text);
}

}  // namespace catalog::sdk
