#pragma once

/// @file
/// The JSON value type of the SDK. nlohmann::json is header-only, so using it in SDK signatures
/// pins a plugin to no shared library; only JSON text crosses the ABI.

#include <nlohmann/json.hpp>
#include <string>

namespace catalog::sdk {

/// A JSON value: object, array, string, number, boolean or null. Objects keep insertion order,
/// so bodies read in the order the SRS documents them.
using Json = nlohmann::ordered_json;

/// Serializes `json` compactly. Text that is not valid UTF-8 (a client's path, a stored value)
/// is replaced by U+FFFD instead of failing the whole response.
inline std::string toText(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace catalog::sdk
