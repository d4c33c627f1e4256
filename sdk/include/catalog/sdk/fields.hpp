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

/// `raw` as ids: 1..`max_count` UUIDs in any case, made canonical, repeats dropped, in the
/// order first seen. Throws ValidationError naming `field` and the offending value.
std::vector<std::string> canonicalIds(const std::vector<std::string>& raw, std::string_view field,
                                      std::size_t max_count);
/// The array `field` of `body` as canonicalIds(); throws ValidationError when it is absent or
/// not an array of strings.
std::vector<std::string> requireIdArray(const Json& body, std::string_view field,
                                        std::size_t max_count);

/// `raw` as a name or label: surrounding spaces and tabs trimmed, then valid UTF-8 of
/// 1..`max_chars` characters (code points) and no control characters. Throws ValidationError
/// naming `field`.
std::string boundedText(std::string_view raw, std::string_view field, std::size_t max_chars);

}  // namespace catalog::sdk
