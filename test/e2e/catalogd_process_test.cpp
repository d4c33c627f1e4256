// catalogd as an operator runs it: options, configuration sources, logs, errors, shutdown.
#include "support/catalogd_process.hpp"

#include <Poco/File.h>
#include <cppunit/extensions/HelperMacros.h>

#include <csignal>
#include <fstream>
#include <future>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "support/http_client.hpp"
#include "support/temp_dir.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

CatalogdProcess::Options options(const TempDir& dir, std::vector<std::string> args,
                                 std::map<std::string, std::string> env = {},
                                 bool wait_ready = true) {
  env.emplace("CATALOG_PLUGIN_PATH", CATALOG_FIXTURE_DIR);
  env.merge(TestIssuer::instance().hostEnv());
  CatalogdProcess::Options o{std::move(args), std::move(env), dir.file("catalogd.log")};
  o.wait_ready = wait_ready;
  return o;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> result;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) {
    if (!line.empty()) result.push_back(line);
  }
  return result;
}

}  // namespace

class CatalogdProcessTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(CatalogdProcessTest);
  CPPUNIT_TEST(testHelpDescribesTheOptionsAndExitsZero);
  CPPUNIT_TEST(testMissingConfigFileIsOneClearErrorAndNonZeroExit);
  CPPUNIT_TEST(testMalformedSettingIsRefusedNamingTheKey);
  CPPUNIT_TEST(testUnknownLogLevelIsRefusedNamingTheKey);
  CPPUNIT_TEST(testLogLevelIsSetPerPlugin);
  CPPUNIT_TEST(testTakenPortIsOneClearErrorAndNonZeroExit);
  CPPUNIT_TEST(testChunkedBodyOverTheLimitIsRefused);
  CPPUNIT_TEST(testConfigFileChoosesThePlugins);
  CPPUNIT_TEST(testEnvironmentOverridesTheFileAndTheCommandLineOverridesBoth);
  CPPUNIT_TEST(testEveryLogLineIsJsonWithTheSrsFields);
  CPPUNIT_TEST(testSigtermLetsInFlightRequestsFinish);
  CPPUNIT_TEST(testSigintLetsInFlightRequestsFinish);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testHelpDescribesTheOptionsAndExitsZero() {
    TempDir dir;
    CatalogdProcess catalogd(options(dir, {"--help"}, {}, false));
    CPPUNIT_ASSERT_EQUAL(0, catalogd.waitExit());
    for (const char* option : {"--config", "--plugins", "--port", "--data-dir", "CATALOG_PORT"}) {
      CPPUNIT_ASSERT_MESSAGE(option, catalogd.logs().find(option) != std::string::npos);
    }
  }

  void testMissingConfigFileIsOneClearErrorAndNonZeroExit() {
    TempDir dir;
    CatalogdProcess catalogd(
        options(dir, {"--config=" + dir.file("absent.properties")}, {}, false));
    CPPUNIT_ASSERT(catalogd.waitExit() != 0);
    const auto output = lines(catalogd.logs());
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, output.size());
    CPPUNIT_ASSERT(output[0].find("absent.properties not found") != std::string::npos);
  }

  void testMalformedSettingIsRefusedNamingTheKey() {
    TempDir dir;
    CatalogdProcess catalogd(options(dir, {"--data-dir=" + dir.file("var")},
                                     {{"CATALOG_OUTBOX_MAX_ATTEMPTS", "many"}}, false));
    CPPUNIT_ASSERT(catalogd.waitExit() != 0);
    CPPUNIT_ASSERT(catalogd.logs().find("catalog.outbox.maxAttempts must be an integer") !=
                   std::string::npos);
  }

  void testUnknownLogLevelIsRefusedNamingTheKey() {
    TempDir dir;
    CatalogdProcess catalogd(
        options(dir, {"--data-dir=" + dir.file("var")}, {{"CATALOG_LOG_LEVEL", "loud"}}, false));
    CPPUNIT_ASSERT(catalogd.waitExit() != 0);
    CPPUNIT_ASSERT(catalogd.logs().find("catalog.log.level must be one of") != std::string::npos);
  }

  // One plugin quieter than the rest: the characteristic plugin logs warnings only, the probe
  // everything down to debug; a level no one knows stops the host, naming the key.
  void testLogLevelIsSetPerPlugin() {
    TempDir dir;
    CatalogdProcess catalogd(
        options(dir, {"--plugins=probe,characteristic", "--data-dir=" + dir.file("var")},
                {{"CATALOG_LOG_LEVEL", "debug"}, {"CATALOG_CHARACTERISTIC_LOG_LEVEL", "warning"}}));
    CPPUNIT_ASSERT_EQUAL(0, catalogd.terminate());
    std::map<std::string, std::set<std::string>> levels;
    for (const std::string& line : lines(catalogd.logs())) {
      const Json entry = Json::parse(line);
      levels[entry.value("service", "")].insert(entry.value("level", ""));
    }
    CPPUNIT_ASSERT_MESSAGE(catalogd.logs(), levels["probe"].count("INFO") == 1);
    CPPUNIT_ASSERT_MESSAGE(catalogd.logs(), levels["characteristic"].count("INFO") == 0);
    CPPUNIT_ASSERT_MESSAGE(catalogd.logs(), levels["characteristic"].count("DEBUG") == 0);

    TempDir other;
    CatalogdProcess refused(
        options(other, {"--plugins=probe,characteristic", "--data-dir=" + other.file("var")},
                {{"CATALOG_CHARACTERISTIC_LOG_LEVEL", "loud"}}, false));
    CPPUNIT_ASSERT(refused.waitExit() != 0);
    CPPUNIT_ASSERT_MESSAGE(refused.logs(), refused.logs().find("characteristic.log.level must be "
                                                               "one of") != std::string::npos);
  }

  void testTakenPortIsOneClearErrorAndNonZeroExit() {
    TempDir dir;
    CatalogdProcess first(options(dir, {"--plugins=probe", "--data-dir=" + dir.file("first")}));
    CatalogdProcess::Options second_options =
        options(dir, {"--plugins=probe", "--data-dir=" + dir.file("second")}, {}, false);
    second_options.port = first.port();
    second_options.log_file = dir.file("second.log");
    CatalogdProcess second(second_options);
    CPPUNIT_ASSERT(second.waitExit() != 0);
    const auto output = lines(second.logs());
    CPPUNIT_ASSERT_MESSAGE(second.logs(),
                           output.back().find("Address already in use") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(200, httpRequest(first.port(), "GET", "/probe/events").status);
  }

  void testChunkedBodyOverTheLimitIsRefused() {
    TempDir dir;
    CatalogdProcess catalogd(options(dir, {"--plugins=probe", "--data-dir=" + dir.file("var")},
                                     {{"CATALOG_HTTP_MAX_BODY_BYTES", "100"}}));
    // No Content-Length to judge by: the host counts what it reads.
    const std::string chunk(200, ' ');
    const std::string request =
        "POST /probe/publish HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        "C8\r\n" +
        chunk + "\r\n0\r\n\r\n";
    const std::string answer = rawHttpExchange(catalogd.port(), request, std::chrono::seconds(5));
    CPPUNIT_ASSERT_MESSAGE(answer, answer.rfind("HTTP/1.1 413", 0) == 0);
    CPPUNIT_ASSERT_EQUAL(200, httpRequest(catalogd.port(), "GET", "/probe/events").status);
  }

  void testConfigFileChoosesThePlugins() {
    TempDir dir;
    std::ofstream(dir.file("catalog.properties"))
        << "catalog.plugins = probe\ncatalog.dataDir = " << dir.file("var") << "\n";
    CatalogdProcess catalogd(options(dir, {"--config=" + dir.file("catalog.properties")}));
    CPPUNIT_ASSERT_EQUAL(200, httpRequest(catalogd.port(), "GET", "/probe/events").status);
    CPPUNIT_ASSERT_EQUAL(404,
                         httpRequest(catalogd.port(), "GET", "/api/v1/characteristics").status);
    CPPUNIT_ASSERT(Poco::File(dir.file("var/probe.db")).exists());
  }

  void testEnvironmentOverridesTheFileAndTheCommandLineOverridesBoth() {
    TempDir dir;
    std::ofstream(dir.file("catalog.properties")) << "catalog.plugins = characteristic\n";
    CatalogdProcess catalogd(options(
        dir, {"--config=" + dir.file("catalog.properties"), "--data-dir=" + dir.file("cli")},
        {{"CATALOG_PLUGINS", "probe"}, {"CATALOG_DATA_DIR", dir.file("env")}}));
    CPPUNIT_ASSERT_EQUAL(200, httpRequest(catalogd.port(), "GET", "/probe/events").status);
    CPPUNIT_ASSERT(Poco::File(dir.file("cli/probe.db")).exists());
    CPPUNIT_ASSERT(!Poco::File(dir.file("env")).exists());
  }

  void testEveryLogLineIsJsonWithTheSrsFields() {
    TempDir dir;
    CatalogdProcess catalogd(
        options(dir, {"--plugins=characteristic", "--data-dir=" + dir.file("var")}));
    std::map<std::string, std::string> headers = TestIssuer::instance().bearer("USER");
    headers.emplace("X-Correlation-ID", "trace-me");
    CPPUNIT_ASSERT_EQUAL(
        200, httpRequest(catalogd.port(), "GET", "/api/v1/characteristics", "", headers).status);
    CPPUNIT_ASSERT_EQUAL(0, catalogd.terminate());
    bool saw_request = false;
    for (const std::string& line : lines(catalogd.logs())) {
      const Json entry = Json::parse(line, nullptr, false);
      CPPUNIT_ASSERT_MESSAGE(line, entry.is_object());
      for (const char* field :
           {"timestamp", "level", "service", "correlation_id", "trace_id", "span_id", "message"}) {
        CPPUNIT_ASSERT_MESSAGE(line, entry.contains(field));
      }
      saw_request =
          saw_request || (entry["correlation_id"] == "trace-me" && entry["service"] == "catalogd");
    }
    CPPUNIT_ASSERT(saw_request);
  }

  void testSigtermLetsInFlightRequestsFinish() { assertGracefulOn(SIGTERM); }
  void testSigintLetsInFlightRequestsFinish() { assertGracefulOn(SIGINT); }

 private:
  void assertGracefulOn(int signal) {
    TempDir dir;
    CatalogdProcess catalogd(options(dir, {"--plugins=probe", "--data-dir=" + dir.file("var")}));
    const int port = catalogd.port();
    auto slow = std::async(std::launch::async,
                           [port] { return httpRequest(port, "GET", "/probe/slow?ms=700"); });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CPPUNIT_ASSERT_EQUAL(0, catalogd.terminate(20, signal));
    const HttpResult answer = slow.get();
    CPPUNIT_ASSERT_EQUAL(200, answer.status);
    CPPUNIT_ASSERT_EQUAL(700, answer.json.value("slept_ms", 0));
    CPPUNIT_ASSERT(catalogd.logs().find("catalogd stopped") != std::string::npos);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CatalogdProcessTest);

}  // namespace catalog::test
