// The loader's ABI checks on real plugin files (test/fixtures/abi): what it accepts, and the one
// line it refuses the rest with.
#include "loader/plugin_library.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <cstddef>
#include <string>

namespace catalog::host {
namespace {

std::string fixture(const std::string& name) {
  return std::string(CATALOG_FIXTURE_DIR) + "/lib" + name + ".so";
}

std::string characteristicPlugin() {
  return std::string(CATALOG_BINARY_DIR) + "/lib/catalog/plugins/libcharacteristic.so";
}

// The message loadPluginLibrary refuses `name`'s fixture with; fails the test when it loads.
std::string refusalOf(const std::string& name) {
  try {
    loadPluginLibrary(fixture(name), name);
  } catch (const PluginRefused& e) {
    return e.what();
  }
  CPPUNIT_FAIL(name + " was loaded but should have been refused");
  return {};
}

void assertContains(const std::string& text, const std::string& part) {
  CPPUNIT_ASSERT_MESSAGE("'" + part + "' is missing from: " + text,
                         text.find(part) != std::string::npos);
}

std::string version(int major, int minor) {
  return std::to_string(major) + "." + std::to_string(minor);
}

// What this host accepts, e.g. "1.0–1.1".
std::string hostRange() {
  return version(CATALOG_ABI_MAJOR, 0) + "–" + version(CATALOG_ABI_MAJOR, CATALOG_ABI_MINOR);
}

}  // namespace

class PluginLibraryTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(PluginLibraryTest);
  CPPUNIT_TEST(testOlderMinorPluginIsLoaded);
  CPPUNIT_TEST(testOlderMinorPluginHasNoHealthHook);
  CPPUNIT_TEST(testCurrentMinorPluginHasHealthHook);
  CPPUNIT_TEST(testNextMajorPluginIsRefused);
  CPPUNIT_TEST(testNextMajorWithAnotherLayoutIsRefusedWithoutReadingIt);
  CPPUNIT_TEST(testNewerMinorPluginIsRefusedWithUpgradeAdvice);
  CPPUNIT_TEST(testSharedLibraryWithoutEntryIsNotAPlugin);
  CPPUNIT_TEST(testPluginDeclaringAnotherNameIsRefused);
  CPPUNIT_TEST(testDescriptorShorterThanOneZeroIsRefused);
  CPPUNIT_TEST(testUnknownPluginNameListsDirectoriesSearched);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testOlderMinorPluginIsLoaded() {
    const PluginLibrary library = loadPluginLibrary(fixture("abi_older_minor"), "abi_older_minor");
    CPPUNIT_ASSERT_EQUAL(std::string("abi_older_minor"), std::string(library.descriptor->name));
    CPPUNIT_ASSERT_EQUAL(0, static_cast<int>(library.descriptor->abi_minor));
  }

  // The fixture's bytes past its 1.0 struct_size point at a hook; the host must not take it.
  void testOlderMinorPluginHasNoHealthHook() {
    const PluginLibrary library = loadPluginLibrary(fixture("abi_older_minor"), "abi_older_minor");
    CPPUNIT_ASSERT_EQUAL(static_cast<std::size_t>(offsetof(catalog_plugin_descriptor, health)),
                         static_cast<std::size_t>(library.descriptor->struct_size));
    CPPUNIT_ASSERT(library.healthHook() == nullptr);
  }

  void testCurrentMinorPluginHasHealthHook() {
    const PluginLibrary library = loadPluginLibrary(characteristicPlugin(), "characteristic");
    CPPUNIT_ASSERT(library.healthHook() != nullptr);
  }

  void testNextMajorPluginIsRefused() {
    const std::string message = refusalOf("abi_next_major");
    assertContains(message, fixture("abi_next_major"));
    assertContains(message, "plugin ABI " + version(CATALOG_ABI_MAJOR + 1, 0) + ";");
    assertContains(message, "this host supports " + hostRange());
    assertContains(message,
                   "Rebuild it against CatalogSDK " + std::to_string(CATALOG_ABI_MAJOR) + ".x.");
  }

  void testNextMajorWithAnotherLayoutIsRefusedWithoutReadingIt() {
    // Reading its "name" would dereference address 1 and crash the host.
    const std::string message = refusalOf("abi_next_major_layout");
    assertContains(message, "plugin " + fixture("abi_next_major_layout") +
                                " was built for plugin ABI " + version(CATALOG_ABI_MAJOR + 1, 0));
    assertContains(message, "this host supports " + hostRange());
  }

  void testNewerMinorPluginIsRefusedWithUpgradeAdvice() {
    const std::string message = refusalOf("abi_newer_minor");
    assertContains(message, fixture("abi_newer_minor"));
    assertContains(message,
                   "plugin ABI " + version(CATALOG_ABI_MAJOR, CATALOG_ABI_MINOR + 1) + ";");
    assertContains(message, "this host supports " + hostRange());
    assertContains(message, "Rebuild it against CatalogSDK " +
                                version(CATALOG_ABI_MAJOR, CATALOG_ABI_MINOR) +
                                " or upgrade catalogd.");
  }

  void testSharedLibraryWithoutEntryIsNotAPlugin() {
    const std::string message = refusalOf("abi_not_a_plugin");
    assertContains(message, fixture("abi_not_a_plugin") + " is not a catalog plugin");
    assertContains(message, CATALOG_PLUGIN_ENTRY_SYMBOL);
  }

  void testPluginDeclaringAnotherNameIsRefused() {
    const std::string message = refusalOf("abi_wrong_name");
    assertContains(message, fixture("abi_wrong_name"));
    assertContains(message, "asked for as 'abi_wrong_name' but declares itself 'abi_someone_else'");
  }

  void testDescriptorShorterThanOneZeroIsRefused() {
    catalog_plugin_descriptor descriptor{};
    descriptor.struct_size = offsetof(catalog_plugin_descriptor, name);
    descriptor.abi_major = CATALOG_ABI_MAJOR;
    descriptor.abi_minor = 0;
    try {
      checkDescriptor(descriptor, "/plugins/libtruncated.so", "truncated");
      CPPUNIT_FAIL("a descriptor without name and hooks was accepted");
    } catch (const PluginRefused& e) {
      assertContains(e.what(), "/plugins/libtruncated.so has an incomplete plugin descriptor");
    }
  }

  void testUnknownPluginNameListsDirectoriesSearched() {
    try {
      findPlugin("nonexistent", {CATALOG_FIXTURE_DIR, "/nowhere"});
      CPPUNIT_FAIL("a plugin that exists nowhere was found");
    } catch (const UnknownPlugin& e) {
      assertContains(e.what(), "unknown plugin 'nonexistent': no libnonexistent.so in " +
                                   std::string(CATALOG_FIXTURE_DIR) + ", /nowhere");
    }
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PluginLibraryTest);

}  // namespace catalog::host
