// The web UI's component tests (Vitest, web/src/**/*.test.ts[x]) under ctest: they run with
// their JSON report, and every test must have run and passed. `npm ci --prefix web` installs
// Vitest (scripts/build does).
#include <Poco/File.h>
#include <cppunit/extensions/HelperMacros.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "catalog/sdk/json.hpp"
#include "support/files.hpp"
#include "support/temp_dir.hpp"

namespace catalog::test {
namespace {

const std::string kWebDir = std::string(CATALOG_SOURCE_DIR) + "/web";

}  // namespace

class WebComponentTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(WebComponentTest);
  CPPUNIT_TEST(testEveryComponentTestPasses);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testEveryComponentTestPasses() {
    CPPUNIT_ASSERT_MESSAGE("web/node_modules is missing: run npm ci --prefix web",
                           Poco::File(kWebDir + "/node_modules/.bin/vitest").exists());
    TempDir dir;
    const std::string report = dir.file("vitest.json");
    const std::string log = dir.file("vitest.log");
    const int status = std::system(("cd " + kWebDir +
                                    " && node_modules/.bin/vitest run --reporter=json"
                                    " --outputFile=" +
                                    report + " > " + log + " 2>&1")
                                       .c_str());

    const sdk::Json results = sdk::Json::parse(readFile(report), nullptr, false);
    CPPUNIT_ASSERT_MESSAGE("no report from Vitest:\n" + readFile(log), results.is_object());
    std::string failures;
    for (const sdk::Json& file : results["testResults"]) {
      for (const sdk::Json& test : file["assertionResults"]) {
        if (test.value("status", "") == "passed") continue;
        failures += test.value("fullName", "?") + ": " + test.value("status", "") + "\n";
        for (const sdk::Json& message : test["failureMessages"])
          failures += message.get<std::string>().substr(0, 600) + "\n";
      }
    }
    CPPUNIT_ASSERT_MESSAGE(failures + readFile(log).substr(0, 4000), failures.empty());
    CPPUNIT_ASSERT_MESSAGE(readFile(log), results.value("numTotalTests", 0) > 0);
    CPPUNIT_ASSERT_EQUAL(results.value("numTotalTests", -1), results.value("numPassedTests", 0));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(readFile(log), 0, status);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(WebComponentTest);

}  // namespace catalog::test
