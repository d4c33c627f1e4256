#pragma once

/// @file
/// The host a plugin is loaded into, as the SDK sees it. Plugins rarely use this directly: the
/// Plugin base class, Request, Transaction and Services reach the host through it.

#include <string>
#include <string_view>

#include "catalog/abi.h"

namespace catalog::sdk {

/// A view of a std::string_view as the ABI's borrowed string.
inline catalog_str toAbi(std::string_view text) noexcept { return {text.data(), text.size()}; }

/// A copy of an ABI string; an absent string becomes empty.
inline std::string fromAbi(catalog_str text) {
  return text.data == nullptr ? std::string() : std::string(text.data, text.size);
}

/// The host API table and this plugin's context. One plugin lives in each shared library, so
/// the SDK keeps them in one place, set when the host creates the plugin.
struct Host {
  const catalog_host_api* api = nullptr;
  catalog_plugin_context* context = nullptr;
};

/// This plugin's host. Valid from the constructor of the plugin class until it is destroyed.
const Host& host();

namespace detail {
/// Set by the CATALOG_PLUGIN glue before the plugin is constructed.
void setHost(const catalog_host_api* api, catalog_plugin_context* context);
/// Throws the typed error matching a failed host call (see errors.hpp).
[[noreturn]] void throwHostError(const catalog_error& error);
}  // namespace detail

}  // namespace catalog::sdk
