#pragma once

/// @file
/// The JSON value type of the SDK. nlohmann::json is header-only, so using it in SDK signatures
/// pins a plugin to no shared library; only JSON text crosses the ABI.

#include <nlohmann/json.hpp>

namespace catalog::sdk {

/// A JSON value: object, array, string, number, boolean or null. Objects keep insertion order,
/// so bodies read in the order the SRS documents them.
using Json = nlohmann::ordered_json;

}  // namespace catalog::sdk
