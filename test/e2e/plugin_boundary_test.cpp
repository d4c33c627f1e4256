// What the SDK promises a plugin across the ABI: service calls by context name (in process or
// over HTTP), a logger stamped with the correlation id, and no exception ever reaching the host.
#include <cppunit/extensions/HelperMacros.h>

#include <sstream>
#include <string>

#include "catalog/sdk/ids.hpp"
#include "support/catalogd_process.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

CatalogdProcess::Options options(const TempDir& dir, const std::string& plugins,
                                 std::map<std::string, std::string> env = {}) {
  env.emplace("CATALOG_PLUGIN_PATH", CATALOG_FIXTURE_DIR);
  env.merge(TestIssuer::instance().hostEnv());
  return {{"--plugins=" + plugins, "--data-dir=" + dir.file("var-" + plugins)},
          env,
          dir.file("catalogd-" + plugins + ".log")};
}

std::string createCharacteristic(int port) {
  const HttpResult created =
      httpRequest(port, "POST", "/api/v1/characteristics",
                  Json{{"name", "Speed"}, {"value", "100"}, {"unit_of_measure", "Mbps"}}.dump(),
                  TestIssuer::instance().bearer("ADMIN"));
  CPPUNIT_ASSERT_EQUAL(201, created.status);
  return created.json["id"];
}

}  // namespace

class PluginBoundaryTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(PluginBoundaryTest);
  CPPUNIT_TEST(testServiceCallDispatchesInProcessWhenTheContextIsLoaded);
  CPPUNIT_TEST(testServiceCallGoesOverHttpWhenTheContextIsElsewhere);
  CPPUNIT_TEST(testServiceCallToAnUnreachableContextIsServiceUnavailable);
  CPPUNIT_TEST(testPluginLogLinesCarryTheCorrelationId);
  CPPUNIT_TEST(testExceptionsInHandlersBecome500AndTheHostKeepsServing);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testServiceCallDispatchesInProcessWhenTheContextIsLoaded() {
    TempDir dir;
    CatalogdProcess catalogd(options(dir, "characteristic,probe"));
    const std::string id = createCharacteristic(catalogd.port());
    // The probe's route is public; the call carries the caller's token on to characteristic.
    const HttpResult answer = httpRequest(
        catalogd.port(), "GET", "/probe/call/characteristic?path=/api/v1/characteristics/" + id, "",
        TestIssuer::instance().bearer("USER"));
    CPPUNIT_ASSERT_EQUAL(200, answer.status);
    CPPUNIT_ASSERT_EQUAL(200, answer.json.value("status", 0));
    CPPUNIT_ASSERT_EQUAL(id, answer.json["body"].value("id", ""));
    // No HTTP request reached the router for it: the access log has only the probe's request.
    CPPUNIT_ASSERT_EQUAL(std::string::npos,
                         catalogd.logs().find("\"GET /api/v1/characteristics/" + id));
  }

  void testServiceCallGoesOverHttpWhenTheContextIsElsewhere() {
    TempDir dir;
    CatalogdProcess characteristics(options(dir, "characteristic"));
    const std::string id = createCharacteristic(characteristics.port());
    CatalogdProcess probe(
        options(dir, "probe",
                {{"CATALOG_CHARACTERISTIC_SERVICE_URL",
                  "http://127.0.0.1:" + std::to_string(characteristics.port())}}));
    std::map<std::string, std::string> headers = TestIssuer::instance().bearer("USER");
    headers.emplace("X-Correlation-ID", "over-http");
    const HttpResult answer =
        httpRequest(probe.port(), "GET",
                    "/probe/call/characteristic?path=/api/v1/characteristics/" + id, "", headers);
    CPPUNIT_ASSERT_EQUAL(200, answer.json.value("status", 0));
    CPPUNIT_ASSERT_EQUAL(id, answer.json["body"].value("id", ""));
    // The callee saw the caller's correlation id.
    CPPUNIT_ASSERT(characteristics.logs().find("\"correlation_id\":\"over-http\"") !=
                   std::string::npos);
    const HttpResult missing =
        httpRequest(probe.port(), "GET",
                    "/probe/call/characteristic?path=/api/v1/characteristics/" + sdk::newUuid(), "",
                    TestIssuer::instance().bearer("USER"));
    CPPUNIT_ASSERT_EQUAL(404, missing.json.value("status", 0));
  }

  void testServiceCallToAnUnreachableContextIsServiceUnavailable() {
    TempDir dir;
    CatalogdProcess probe(
        options(dir, "probe", {{"CATALOG_PRICING_SERVICE_URL", "http://127.0.0.1:1"}}));
    for (const std::string service : {"pricing", "nowhere"}) {
      const HttpResult answer =
          httpRequest(probe.port(), "GET", "/probe/call/" + service + "?path=/x");
      CPPUNIT_ASSERT_EQUAL_MESSAGE(answer.text, 503, answer.status);
      CPPUNIT_ASSERT_EQUAL(std::string("SERVICE_UNAVAILABLE"),
                           answer.json["error"].value("code", ""));
      CPPUNIT_ASSERT_EQUAL(service, answer.json["error"]["details"].value("service", ""));
    }
  }

  void testPluginLogLinesCarryTheCorrelationId() {
    TempDir dir;
    CatalogdProcess catalogd(options(dir, "probe"));
    httpRequest(catalogd.port(), "GET", "/probe/call/nowhere?path=/x", "",
                {{"X-Correlation-ID", "stamped"}});
    // The plugin's line names the request's trace too, as the host's access log line does.
    std::istringstream lines(catalogd.logs());
    sdk::Json plugin_line;
    sdk::Json access_line;
    for (std::string text; std::getline(lines, text);) {
      const sdk::Json line = sdk::Json::parse(text, nullptr, false);
      if (!line.is_object() || line.value("correlation_id", "") != "stamped") continue;
      if (line.value("message", "") == "calling nowhere") plugin_line = line;
      if (line.value("service", "") == "catalogd") access_line = line;
    }
    CPPUNIT_ASSERT_MESSAGE(catalogd.logs(), plugin_line.is_object());
    CPPUNIT_ASSERT_EQUAL(std::string("probe"), plugin_line.value("service", ""));
    CPPUNIT_ASSERT_EQUAL(std::size_t{32}, plugin_line.value("trace_id", "").size());
    CPPUNIT_ASSERT_EQUAL(access_line.value("trace_id", "-"), plugin_line.value("trace_id", ""));
  }

  void testExceptionsInHandlersBecome500AndTheHostKeepsServing() {
    TempDir dir;
    CatalogdProcess catalogd(options(dir, "probe"));
    for (const std::string kind : {"std", "other"}) {
      const HttpResult answer = httpRequest(catalogd.port(), "GET", "/probe/throw?kind=" + kind);
      CPPUNIT_ASSERT_EQUAL(500, answer.status);
      CPPUNIT_ASSERT_EQUAL(std::string("INTERNAL_ERROR"), answer.json["error"].value("code", ""));
      CPPUNIT_ASSERT_EQUAL(std::string::npos,
                           answer.text.find("secret detail"));  // the cause stays in the log
    }
    CPPUNIT_ASSERT(catalogd.logs().find("secret detail") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(200, httpRequest(catalogd.port(), "GET", "/health").status);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PluginBoundaryTest);

}  // namespace catalog::test
