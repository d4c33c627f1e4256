#include "loader/plugin_library.hpp"

#include <Poco/File.h>
#include <Poco/Path.h>
#include <dlfcn.h>

#include <cstddef>
#include <memory>

namespace catalog::host {
namespace {

// The descriptor as ABI 1.0 knew it ended before `health`.
constexpr std::size_t kMinimumDescriptorSize = offsetof(catalog_plugin_descriptor, health);

std::string hostRange() {
  return std::to_string(CATALOG_ABI_MAJOR) + ".0–" + std::to_string(CATALOG_ABI_MAJOR) + "." +
         std::to_string(CATALOG_ABI_MINOR);
}

std::string describe(const catalog_plugin_descriptor& d, const std::string& path) {
  const std::string name = d.name != nullptr ? d.name : "?";
  const std::string version = d.version != nullptr ? d.version : "?";
  return "plugin '" + name + "' " + version + " (" + path + ")";
}

}  // namespace

decltype(catalog_plugin_descriptor::health) PluginLibrary::healthHook() const noexcept {
  if (descriptor->struct_size <
      offsetof(catalog_plugin_descriptor, health) + sizeof(catalog_plugin_descriptor::health)) {
    return nullptr;
  }
  return descriptor->health;
}

std::string findPlugin(const std::string& name, const std::vector<std::string>& directories) {
  const std::string file = "lib" + name + ".so";
  std::string searched;
  for (const std::string& directory : directories) {
    const std::string candidate =
        Poco::Path(directory).makeDirectory().setFileName(file).toString();
    if (Poco::File(candidate).exists()) return Poco::Path(candidate).absolute().toString();
    searched += (searched.empty() ? "" : ", ") + directory;
  }
  throw UnknownPlugin("unknown plugin '" + name + "': no " + file + " in " + searched +
                      " (set CATALOG_PLUGIN_PATH to add directories)");
}

PluginLibrary loadPluginLibrary(const std::string& path, const std::string& expected_name) {
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    throw PluginRefused("cannot load plugin " + path + ": " + dlerror());
  }
  // A refused library is closed again; an accepted one stays loaded for good.
  std::unique_ptr<void, int (*)(void*)> refused(handle, dlclose);
  auto* entry =
      reinterpret_cast<catalog_plugin_entry_fn>(dlsym(handle, CATALOG_PLUGIN_ENTRY_SYMBOL));
  if (entry == nullptr) {
    throw PluginRefused(path + " is not a catalog plugin: it does not export " +
                        CATALOG_PLUGIN_ENTRY_SYMBOL + "; build it with catalog_add_plugin()");
  }
  const catalog_plugin_descriptor* descriptor = entry();
  if (descriptor == nullptr) {
    throw PluginRefused(path + " is not a catalog plugin: " + CATALOG_PLUGIN_ENTRY_SYMBOL +
                        " returned no descriptor");
  }
  checkDescriptor(*descriptor, path, expected_name);
  refused.release();
  return PluginLibrary{path, descriptor};
}

void checkDescriptor(const catalog_plugin_descriptor& d, const std::string& path,
                     const std::string& expected_name) {
  // Major and minor first: a plugin of another major may lay out everything after them
  // differently, so its message reads nothing else.
  const std::string abi = std::to_string(d.abi_major) + "." + std::to_string(d.abi_minor);
  if (d.abi_major != CATALOG_ABI_MAJOR) {
    throw PluginRefused("plugin " + path + " was built for plugin ABI " + abi +
                        "; this host supports " + hostRange() + ". Rebuild it against CatalogSDK " +
                        std::to_string(CATALOG_ABI_MAJOR) + ".x.");
  }
  if (d.abi_minor > CATALOG_ABI_MINOR) {
    throw PluginRefused(describe(d, path) + " was built for plugin ABI " + abi +
                        "; this host supports " + hostRange() + ". Rebuild it against CatalogSDK " +
                        std::to_string(CATALOG_ABI_MAJOR) + "." +
                        std::to_string(CATALOG_ABI_MINOR) + " or upgrade catalogd.");
  }
  if (d.struct_size < kMinimumDescriptorSize || d.name == nullptr || d.create == nullptr ||
      d.destroy == nullptr) {
    throw PluginRefused(path + " has an incomplete plugin descriptor (ABI " + abi +
                        "); rebuild it with catalog_add_plugin()");
  }
  if (!expected_name.empty() && expected_name != d.name) {
    throw PluginRefused(describe(d, path) + " was asked for as '" + expected_name +
                        "' but declares itself '" + d.name + "'");
  }
}

}  // namespace catalog::host
