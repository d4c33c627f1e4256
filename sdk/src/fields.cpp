#include "catalog/sdk/fields.hpp"

#include <Poco/TextIterator.h>
#include <Poco/UTF8Encoding.h>

#include <algorithm>
#include <cstdint>

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/ids.hpp"

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

std::vector<std::string> canonicalIds(const std::vector<std::string>& raw, std::string_view field,
                                      std::size_t max_count) {
  if (raw.empty() || raw.size() > max_count) {
    throw ValidationError(
        std::string(field) + " must list 1 to " + std::to_string(max_count) + " ids",
        {{"field", std::string(field)}, {"count", raw.size()}});
  }
  std::vector<std::string> ids;
  for (const std::string& text : raw) {
    const auto id = canonicalUuid(text);
    if (!id) {
      throw ValidationError(std::string(field) + ": '" + text + "' is not a UUID",
                            {{"field", std::string(field)}, {"value", text}});
    }
    if (std::find(ids.begin(), ids.end(), *id) == ids.end()) ids.push_back(*id);
  }
  return ids;
}

std::vector<std::string> requireIdArray(const Json& body, std::string_view field,
                                        std::size_t max_count) {
  auto raw = optionalStringArray(body, field);
  if (!raw) invalid(field, "is required");
  return canonicalIds(*raw, field, max_count);
}

std::string boundedText(std::string_view raw, std::string_view field, std::size_t max_chars) {
  const std::size_t first = raw.find_first_not_of(" \t");
  if (first == std::string_view::npos) invalid(field, "is required");
  const std::string text(raw.substr(first, raw.find_last_not_of(" \t") - first + 1));
  // Text also comes from path parameters, which no JSON parser has checked.
  const Poco::UTF8Encoding utf8;
  std::size_t chars = 0;
  for (Poco::TextIterator it(text, utf8), end(text); it != end; ++it, ++chars) {
    const int c = *it;
    if (c < 0) invalid(field, "must be valid UTF-8");
    if (c < 0x20 || c == 0x7f) invalid(field, "must not contain control characters");
  }
  if (chars > max_chars)
    invalid(field, "must be at most " + std::to_string(max_chars) + " characters");
  return text;
}

}  // namespace catalog::sdk
