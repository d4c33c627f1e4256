#include "catalog/sdk/fields.hpp"

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
  if (!value->is_number_integer()) invalid(field, "must be an integer");
  return value->get<std::int64_t>();
}

std::optional<std::vector<std::string>> optionalStringArray(const Json& body, std::string_view field) {
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

}  // namespace catalog::sdk
