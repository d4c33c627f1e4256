// The install as a third party meets it: `cmake --install` lays out catalogd, its plugins, its
// configuration and the SDK package; a plugin built out of tree with find_package(CatalogSDK)
// loads into the installed catalogd, which finds its own plugins and config with no settings.
#include <Poco/File.h>
#include <cppunit/extensions/HelperMacros.h>

#include <cstdlib>

#include "support/catalogd_process.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {
namespace {

void run(const std::string& command, const TempDir& dir) {
  const std::string log = dir.file("commands.log");
  const int status = std::system((command + " >> " + log + " 2>&1").c_str());
  std::string output;
  if (status != 0) {
    std::FILE* file = std::fopen(log.c_str(), "r");
    char buffer[4096];
    while (file != nullptr && std::fgets(buffer, sizeof(buffer), file) != nullptr) output += buffer;
    if (file != nullptr) std::fclose(file);
  }
  CPPUNIT_ASSERT_EQUAL_MESSAGE(command + "\n" + output, 0, status);
}

}  // namespace

class InstallTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(InstallTest);
  CPPUNIT_TEST(testOutOfTreePluginLoadsIntoTheInstalledHost);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testOutOfTreePluginLoadsIntoTheInstalledHost() {
    TempDir dir;
    const std::string prefix = dir.file("prefix");
    run("cmake --install " CATALOG_BINARY_DIR " --prefix " + prefix, dir);
    for (const char* installed : {"bin/catalogd", "lib/catalog/plugins/libcharacteristic.so",
                                  "etc/catalog/catalog.properties", "include/catalog/abi.h"}) {
      CPPUNIT_ASSERT_MESSAGE(installed, Poco::File(prefix + "/" + installed).exists());
    }
    run("cmake -S " CATALOG_SOURCE_DIR "/test/e2e/out_of_tree_plugin -B " + dir.file("greeting") +
            " -DCMAKE_PREFIX_PATH=" + prefix,
        dir);
    run("cmake --build " + dir.file("greeting"), dir);

    CatalogdProcess::Options options{
        {"--plugins=characteristic,greeting", "--data-dir=" + dir.file("var")},
        TestIssuer::instance().hostEnv(),
        dir.file("catalogd.log")};
    options.env.emplace("CATALOG_PLUGIN_PATH", dir.file("greeting"));
    options.binary = prefix + "/bin/catalogd";
    CatalogdProcess catalogd(options);
    const HttpResult greeting = httpRequest(catalogd.port(), "POST", "/api/v1/greetings/world");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(greeting.text, 201, greeting.status);
    CPPUNIT_ASSERT_EQUAL(std::string("world"), greeting.json.value("hello", ""));
    CPPUNIT_ASSERT_EQUAL(1, greeting.json.value("greetings", 0));
    CPPUNIT_ASSERT_EQUAL(200, httpRequest(catalogd.port(), "GET", "/api/v1/characteristics", "",
                                          TestIssuer::instance().bearer("USER"))
                                  .status);
    CPPUNIT_ASSERT(catalogd.logs().find(prefix + "/lib/catalog/plugins/libcharacteristic.so") !=
                   std::string::npos);
    CPPUNIT_ASSERT(catalogd.logs().find("'greeting' 2.0.0") != std::string::npos);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(InstallTest);

}  // namespace catalog::test
