// What an operator sees when catalogd loads plugins of other ABI versions, files that are not
// plugins, or plugins defining the same names: real catalogd processes on test/fixtures/abi.
#include <cppunit/extensions/HelperMacros.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "catalog/abi.h"
#include "catalog/sdk/json.hpp"
#include "support/catalogd_process.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {
namespace {

constexpr int kExitTimeoutSeconds = 10;

// catalogd with `plugins`, the fixture directory on its plugin path, a fresh data directory
// and a configuration of its own, trusting the test issuer's tokens. The environment is pinned
// so the caller's can't leak in.
CatalogdProcess::Options optionsFor(const TempDir& dir, const std::string& plugins,
                                    bool skip_refused = false) {
  const std::string config = dir.file("catalog.properties");
  std::ofstream(config) << "catalog.log.level = information\n";
  CatalogdProcess::Options options;
  options.args = {"--config=" + config, "--data-dir=" + dir.path(), "--plugins=" + plugins};
  options.env = TestIssuer::instance().hostEnv();
  options.env.insert({{"CATALOG_PLUGIN_PATH", CATALOG_FIXTURE_DIR},
                      {"CATALOG_SKIP_REFUSED_PLUGINS", skip_refused ? "true" : "false"},
                      {"CATALOG_LOG_LEVEL", "information"}});
  options.log_file = dir.file("catalogd.log");
  return options;
}

// The messages of the lines catalogd logged at ERROR or CRITICAL; a line that is not a JSON log
// line counts too, since an operator would have to read it.
std::vector<std::string> errorLines(const std::string& logs) {
  std::vector<std::string> errors;
  std::istringstream lines(logs);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    const sdk::Json entry = sdk::Json::parse(line, nullptr, false);
    if (entry.is_discarded() || !entry.is_object()) {
      errors.push_back(line);
    } else if (entry.value("level", "") == "ERROR" || entry.value("level", "") == "CRITICAL") {
      errors.push_back(entry.value("message", ""));
    }
  }
  return errors;
}

// The string at `pointer` in `json`, or "" when there is none.
std::string stringAt(const sdk::Json& json, const std::string& pointer) {
  const sdk::Json::json_pointer at(pointer);
  return json.contains(at) && json.at(at).is_string() ? json.at(at).get<std::string>() : "";
}

void assertContains(const std::string& text, const std::string& part) {
  CPPUNIT_ASSERT_MESSAGE("'" + part + "' is missing from: " + text,
                         text.find(part) != std::string::npos);
}

// Runs catalogd with `plugins`, expects it to exit unsuccessfully and returns its log.
std::string failedStartupLog(const std::string& plugins, bool skip_refused = false) {
  TempDir dir;
  CatalogdProcess::Options options = optionsFor(dir, plugins, skip_refused);
  options.wait_ready = false;
  CatalogdProcess catalogd(options);
  const int exit_code = catalogd.waitExit(kExitTimeoutSeconds);
  CPPUNIT_ASSERT_MESSAGE("catalogd exited with 0:\n" + catalogd.logs(), exit_code != 0);
  return catalogd.logs();
}

// The single error line of a failed startup.
std::string refusalLine(const std::string& plugins) {
  const std::string logs = failedStartupLog(plugins);
  const std::vector<std::string> errors = errorLines(logs);
  CPPUNIT_ASSERT_EQUAL_MESSAGE(logs, std::size_t{1}, errors.size());
  return errors.front();
}

std::string fixture(const std::string& name) {
  return std::string(CATALOG_FIXTURE_DIR) + "/lib" + name + ".so";
}

}  // namespace

class PluginLoadingTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(PluginLoadingTest);
  CPPUNIT_TEST(testOlderMinorPluginServesAndIsHealthy);
  CPPUNIT_TEST(testNextMajorPluginStopsStartupWithOneLine);
  CPPUNIT_TEST(testNewerMinorPluginStopsStartupWithOneLine);
  CPPUNIT_TEST(testRefusedPluginIsSkippedWhenAllowed);
  CPPUNIT_TEST(testUnknownPluginStopsStartupWithOneLine);
  CPPUNIT_TEST(testUnknownPluginStopsStartupEvenWhenSkippingRefusedOnes);
  CPPUNIT_TEST(testSkippingEveryPluginLeavesNothingToServeAndStops);
  CPPUNIT_TEST(testSameNamesInTwoPluginsStayApart);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testOlderMinorPluginServesAndIsHealthy() {
    TempDir dir;
    CatalogdProcess catalogd(optionsFor(dir, "abi_older_minor"));

    const HttpResult greeting =
        httpRequest(catalogd.port(), "GET", "/api/v1/abi-older-minor/greeting");
    CPPUNIT_ASSERT_EQUAL(200, greeting.status);
    CPPUNIT_ASSERT_EQUAL(std::string(R"({"plugin":"abi_older_minor","abi":"1.0"})"), greeting.text);

    // Reading the descriptor past its 1.0 size would reach the fixture's failing hook.
    const HttpResult health = httpRequest(catalogd.port(), "GET", "/health");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(health.text, 200, health.status);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(health.text, std::string("healthy"),
                                 stringAt(health.json, "/plugins/abi_older_minor/status"));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(health.text, std::string("healthy"),
                                 stringAt(health.json, "/status"));
    assertContains(catalogd.logs(), "(ABI " + std::to_string(CATALOG_ABI_MAJOR) + ".0, ");
  }

  void testNextMajorPluginStopsStartupWithOneLine() {
    const std::string line = refusalLine("abi_next_major");
    assertContains(line, fixture("abi_next_major"));
    assertContains(line, "plugin ABI " + std::to_string(CATALOG_ABI_MAJOR + 1) + ".0;");
    assertContains(line, "this host supports 1.0–" + std::to_string(CATALOG_ABI_MAJOR) + "." +
                             std::to_string(CATALOG_ABI_MINOR));
    assertContains(line,
                   "Rebuild it against CatalogSDK " + std::to_string(CATALOG_ABI_MAJOR) + ".x.");
  }

  void testNewerMinorPluginStopsStartupWithOneLine() {
    const std::string line = refusalLine("abi_newer_minor");
    assertContains(line, fixture("abi_newer_minor"));
    assertContains(line, "or upgrade catalogd.");
  }

  void testRefusedPluginIsSkippedWhenAllowed() {
    TempDir dir;
    CatalogdProcess catalogd(optionsFor(dir, "characteristic,abi_next_major", true));

    CPPUNIT_ASSERT_EQUAL(200, httpRequest(catalogd.port(), "GET", "/api/v1/characteristics", "",
                                          TestIssuer::instance().bearer("USER"))
                                  .status);
    const HttpResult health = httpRequest(catalogd.port(), "GET", "/health");
    CPPUNIT_ASSERT_MESSAGE(
        health.text, health.json.contains(sdk::Json::json_pointer("/plugins/characteristic")));
    CPPUNIT_ASSERT_MESSAGE(
        health.text, !health.json.contains(sdk::Json::json_pointer("/plugins/abi_next_major")));
    const std::vector<std::string> errors = errorLines(catalogd.logs());
    CPPUNIT_ASSERT_EQUAL_MESSAGE(catalogd.logs(), std::size_t{1}, errors.size());
    assertContains(errors.front(), fixture("abi_next_major"));
    assertContains(errors.front(), "(skipped)");
  }

  void testUnknownPluginStopsStartupWithOneLine() {
    const std::string line = refusalLine("nonexistent");
    CPPUNIT_ASSERT_MESSAGE(
        line, line.rfind("unknown plugin 'nonexistent': no libnonexistent.so in ", 0) == 0);
    assertContains(line, CATALOG_FIXTURE_DIR);
    assertContains(line, "CATALOG_PLUGIN_PATH");
  }

  void testUnknownPluginStopsStartupEvenWhenSkippingRefusedOnes() {
    assertContains(failedStartupLog("characteristic,nonexistent", true),
                   "unknown plugin 'nonexistent'");
  }

  void testSkippingEveryPluginLeavesNothingToServeAndStops() {
    assertContains(failedStartupLog("abi_next_major", true),
                   "no plugin could be loaded; nothing to serve");
  }

  // Both fixtures define the same names; the one loaded second would see the first's values if
  // the dynamic linker bound its references across plugins.
  void testSameNamesInTwoPluginsStayApart() {
    TempDir dir;
    CatalogdProcess catalogd(optionsFor(dir, "abi_clash_a,abi_clash_b"));

    const HttpResult a = httpRequest(catalogd.port(), "GET", "/api/v1/abi-clash/a");
    const HttpResult b = httpRequest(catalogd.port(), "GET", "/api/v1/abi-clash/b");
    CPPUNIT_ASSERT_EQUAL(
        sdk::Json({{"class", "a"}, {"function", "a"}, {"global", 1}, {"inline", "a"}}).dump(),
        a.json.dump());
    CPPUNIT_ASSERT_EQUAL(
        sdk::Json({{"class", "b"}, {"function", "b"}, {"global", 2}, {"inline", "b"}}).dump(),
        b.json.dump());
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PluginLoadingTest);

}  // namespace catalog::test
