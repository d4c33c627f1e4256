#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "catalog/abi.h"

namespace catalog::host {

/// The host refused a plugin file; what() is the one line an operator needs.
class PluginRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// No plugin of that name was found. Always fatal: a typo in the plugin list is no plugin
/// to skip.
class UnknownPlugin : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A plugin shared library, loaded and checked. Never unloaded: a reload is a restart.
struct PluginLibrary {
  std::string path;
  const catalog_plugin_descriptor* descriptor = nullptr;

  /// The descriptor's health hook, when the plugin's ABI minor has it and it is set.
  decltype(catalog_plugin_descriptor::health) healthHook() const noexcept;
};

/// The plugin file for `name`: lib<name>.so in the first of `directories` that has it.
/// Throws UnknownPlugin listing the directories searched.
std::string findPlugin(const std::string& name, const std::vector<std::string>& directories);

/// dlopens `path` (RTLD_NOW | RTLD_LOCAL) and reads its descriptor, refusing a file that is not
/// a plugin, was built for another ABI major or a newer minor, or names another context than
/// `expected_name` (when not empty). Throws PluginRefused.
PluginLibrary loadPluginLibrary(const std::string& path, const std::string& expected_name);

/// The checks of loadPluginLibrary on a descriptor already in hand.
void checkDescriptor(const catalog_plugin_descriptor& descriptor, const std::string& path,
                     const std::string& expected_name);

}  // namespace catalog::host
