// A plugin built with catalog_add_plugin exports catalog_plugin_entry and nothing else, so the
// SDK and the plugin's own code compiled into it can never bind to another plugin's copies.
#include <cppunit/extensions/HelperMacros.h>
#include <dlfcn.h>
#include <sys/wait.h>

#include <cstdio>
#include <set>
#include <sstream>
#include <string>

#include "catalog/abi.h"

namespace catalog::host {
namespace {

std::string characteristicPlugin() {
  return std::string(CATALOG_BINARY_DIR) + "/lib/catalog/plugins/libcharacteristic.so";
}

std::string fixture(const std::string& name) {
  return std::string(CATALOG_FIXTURE_DIR) + "/lib" + name + ".so";
}

// The names of the dynamic symbols `library` defines, as `nm -D --defined-only` lists them.
std::set<std::string> exportedSymbols(const std::string& library) {
  const std::string command = std::string(CATALOG_NM) + " -D --defined-only '" + library + "'";
  FILE* pipe = popen(command.c_str(), "r");
  CPPUNIT_ASSERT_MESSAGE("cannot run " + command, pipe != nullptr);
  std::string output;
  char buffer[4096];
  while (const std::size_t count = std::fread(buffer, 1, sizeof buffer, pipe))
    output.append(buffer, count);
  const int status = pclose(pipe);
  CPPUNIT_ASSERT_MESSAGE(command + " failed:\n" + output,
                         WIFEXITED(status) && WEXITSTATUS(status) == 0);

  // Lines are "<address> <type> <name>".
  std::set<std::string> names;
  std::istringstream lines(output);
  std::string address;
  std::string type;
  std::string name;
  while (lines >> address >> type >> name) names.insert(name);
  return names;
}

void assertExportsOnlyEntry(const std::string& library) {
  const std::set<std::string> expected = {CATALOG_PLUGIN_ENTRY_SYMBOL};
  const std::set<std::string> actual = exportedSymbols(library);
  std::string listed;
  for (const std::string& name : actual) listed += " " + name;
  CPPUNIT_ASSERT_MESSAGE(library + " exports:" + listed, actual == expected);
}

}  // namespace

class PluginExportsTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(PluginExportsTest);
  CPPUNIT_TEST(testSdkPluginExportsOnlyEntry);
  CPPUNIT_TEST(testPluginsWithClashingNamesExportOnlyEntry);
  CPPUNIT_TEST(testHandWrittenPluginExportsOnlyEntry);
  CPPUNIT_TEST(testSdkFunctionIsNotReachableThroughDlsym);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testSdkPluginExportsOnlyEntry() { assertExportsOnlyEntry(characteristicPlugin()); }

  void testPluginsWithClashingNamesExportOnlyEntry() {
    assertExportsOnlyEntry(fixture("abi_clash_a"));
    assertExportsOnlyEntry(fixture("abi_clash_b"));
  }

  void testHandWrittenPluginExportsOnlyEntry() {
    assertExportsOnlyEntry(fixture("abi_older_minor"));
  }

  // catalog::sdk::host() is defined in every plugin and holds that plugin's host API and
  // context; another library resolving it would reach the wrong plugin's context.
  void testSdkFunctionIsNotReachableThroughDlsym() {
    void* handle = dlopen(characteristicPlugin().c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) CPPUNIT_FAIL(dlerror());
    CPPUNIT_ASSERT(dlsym(handle, CATALOG_PLUGIN_ENTRY_SYMBOL) != nullptr);
    CPPUNIT_ASSERT(dlsym(handle, "_ZN7catalog3sdk4hostEv") == nullptr);
    dlclose(handle);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PluginExportsTest);

}  // namespace catalog::host
