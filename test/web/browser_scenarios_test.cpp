// The web UI in a real browser against the all-in-one catalogd as shipped: web/e2e/scenarios.mjs
// (playwright-core driving Debian's Chromium) runs its scenarios, each of which must pass and
// leave its screenshot in this test's output folder (<build>/test/web/screenshots).
#include <Poco/File.h>
#include <Poco/Glob.h>
#include <cppunit/extensions/HelperMacros.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "support/catalogd_process.hpp"
#include "support/files.hpp"
#include "support/temp_dir.hpp"

namespace catalog::test {
namespace {

const std::string kWebDir = std::string(CATALOG_SOURCE_DIR) + "/web";
const std::string kScreenshots = std::string(CATALOG_TEST_OUTPUT_DIR) + "/screenshots";
constexpr const char* kAdminPassword = "browser-admin-password";
const std::set<std::string> kScenarios = {
    "admin builds and publishes an offering",
    "customer finds the offering by text, facet and comparison",
    "a publication whose price is held is undone",
    "a USER sees no admin action",
    "the store on a phone",
};

}  // namespace

class BrowserScenariosTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(BrowserScenariosTest);
  CPPUNIT_TEST(testEveryScenarioPassesInChromium);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testEveryScenarioPassesInChromium() {
    CPPUNIT_ASSERT_MESSAGE("web/dist is missing: run scripts/build",
                           Poco::File(kWebDir + "/dist/index.html").exists());
    CPPUNIT_ASSERT_MESSAGE("/usr/bin/chromium is missing: apt-get install chromium",
                           Poco::File("/usr/bin/chromium").exists());
    TempDir dir;
    CatalogdProcess catalogd(
        {{"--config=" + std::string(CATALOG_BINARY_DIR) + "/etc/catalog/catalog.properties",
          "--data-dir=" + dir.file("var")},
         {{"CATALOG_ADMIN_PASSWORD", kAdminPassword},
          {"CATALOG_GATEWAY_WEBROOT", kWebDir + "/dist"},
          {"CATALOG_GATEWAY_RATELIMIT_REQUESTSPERSECOND", "0"}},
         dir.file("catalogd.log")});
    if (Poco::File(kScreenshots).exists()) Poco::File(kScreenshots).remove(true);
    Poco::File(kScreenshots).createDirectories();

    const std::string output = dir.file("scenarios.log");
    const int status = std::system(
        ("cd " + kWebDir + " && CATALOG_URL=http://127.0.0.1:" + std::to_string(catalogd.port()) +
         " ADMIN_PASSWORD=" + kAdminPassword + " SCREENSHOTS=" + kScreenshots +
         " node e2e/scenarios.mjs > " + output + " 2>&1")
            .c_str());

    const std::string log = readFile(output);
    for (const std::string& scenario : kScenarios) {
      CPPUNIT_ASSERT_MESSAGE(log + catalogd.logs().substr(0, 2000),
                             log.find("ok " + scenario + "\n") != std::string::npos);
    }
    CPPUNIT_ASSERT_EQUAL_MESSAGE(log, 0, status);
    std::set<std::string> screenshots;
    Poco::Glob::glob(kScreenshots + "/*.png", screenshots);
    CPPUNIT_ASSERT_EQUAL(kScenarios.size(), screenshots.size());
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(BrowserScenariosTest);

}  // namespace catalog::test
