#pragma once

/// @file
/// Reading fields of a JSON request body with SRS-style errors: a missing or mistyped field is
/// a ValidationError whose details name the field.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/sdk/json.hpp"

namespace catalog::sdk {

/// The string `field` of `body`; throws ValidationError when absent, null or not a string.
std::string requireString(const Json& body, std::string_view field);
/// The string `field`, or nullopt when absent or null; throws when present but not a string.
std::optional<std::string> optionalString(const Json& body, std::string_view field);
/// The integer `field`; throws ValidationError when absent or not an integer.
std::int64_t requireInteger(const Json& body, std::string_view field);
/// The array of strings `field`, or nullopt when absent or null; throws when malformed.
std::optional<std::vector<std::string>> optionalStringArray(const Json& body,
                                                            std::string_view field);

/// `raw` as a name or label: surrounding spaces and tabs trimmed, then 1..`max_chars`
/// characters (UTF-8 code points) and no control characters. Throws ValidationError naming
/// `field`.
std::string boundedText(std::string_view raw, std::string_view field, std::size_t max_chars);

}  // namespace catalog::sdk
