// The gateway in a catalogd of its own, the contexts behind it in others, all on loopback: the
// remote path is real. Characteristic CRUD through it; what it passes on (correlation id, the
// user's id, trace headers, the token the upstream verifies again); an upstream killed (the
// breaker opens, fails fast, recovers through half-open); a slow upstream (read timeout);
// retries (GET yes, POST never); rate limiting; CORS; round-robin past a dead instance; the
// web UI's files.
#include <Poco/File.h>
#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include "support/catalog_client.hpp"
#include "support/eventually.hpp"
#include "support/free_port.hpp"
#include "support/metrics.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {
namespace {

using sdk::Json;
using Env = std::map<std::string, std::string>;

std::string url(int port) { return "http://127.0.0.1:" + std::to_string(port); }

// A catalogd loading `plugins`, with its own data directory.
class Host {
 public:
  Host(const std::string& plugins, Env env = {}, int port = 0)
      : plugins_(plugins), env_(std::move(env)) {
    start(port);
  }

  int port() const { return process_->port(); }
  CatalogdProcess& process() { return *process_; }
  void start(int port) {
    CatalogdProcess::Options options = catalogHost(dir_, plugins_, env_);
    options.port = port;
    process_ = std::make_unique<CatalogdProcess>(options);
  }

 private:
  TempDir dir_;
  std::string plugins_;
  Env env_;
  std::unique_ptr<CatalogdProcess> process_;
};

// A gateway routing /probe to the probe at `probe_urls`; quick retries so tests stay short.
Host gatewayTo(const std::string& probe_urls, Env more = {}) {
  Env env = {{"CATALOG_PROBE_SERVICE_URL", probe_urls},
             {"CATALOG_GATEWAY_ROUTES", "/probe=probe"},
             {"CATALOG_SERVICES_BACKOFF_MS", "10"},
             {"CATALOG_ENGINE_ENABLED", "false"}};
  for (auto& [key, value] : more) env[key] = value;
  return Host("gateway", env);
}

HttpResult get(int port, const std::string& path, const Env& headers = {}) {
  return httpRequest(port, "GET", path, "", headers);
}

Env admin() { return TestIssuer::instance().bearer("ADMIN"); }

void assertUnavailableWithoutInternals(const HttpResult& answer, int upstream_port) {
  CPPUNIT_ASSERT_EQUAL_MESSAGE(answer.text, 503, answer.status);
  CPPUNIT_ASSERT_EQUAL(Json("SERVICE_UNAVAILABLE"), answer.json["error"]["code"]);
  CPPUNIT_ASSERT(answer.headers.count("retry-after") == 1);
  CPPUNIT_ASSERT(std::stoi(answer.headers.at("retry-after")) >= 1);
  CPPUNIT_ASSERT_MESSAGE(answer.text, answer.text.find("127.0.0.1") == std::string::npos);
  CPPUNIT_ASSERT_MESSAGE(answer.text,
                         answer.text.find(std::to_string(upstream_port)) == std::string::npos);
}

}  // namespace

class GatewaySplitTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(GatewaySplitTest);
  CPPUNIT_TEST(testCharacteristicCrudThroughTheGateway);
  CPPUNIT_TEST(testWhatTheGatewayPassesOn);
  CPPUNIT_TEST(testKilledUpstreamOpensTheBreakerWhichFailsFastThenRecovers);
  CPPUNIT_TEST(testPostAfterAnUpstreamRestartUsesAFreshConnection);
  CPPUNIT_TEST(testSlowUpstreamHitsTheReadTimeout);
  CPPUNIT_TEST(testRetriesRepeatGetsButNeverPosts);
  CPPUNIT_TEST(testRateLimitAnswers429AndRecovers);
  CPPUNIT_TEST(testCorsPreflightAndReads);
  CPPUNIT_TEST(testRoundRobinSkipsADeadInstance);
  CPPUNIT_TEST(testWebUiFilesWithTheSinglePageFallback);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testCharacteristicCrudThroughTheGateway() {
    Host characteristic("characteristic", {{"CATALOG_ENGINE_ENABLED", "false"}});
    Host gateway("gateway", {{"CATALOG_CHARACTERISTIC_SERVICE_URL", url(characteristic.port())},
                             {"CATALOG_ENGINE_ENABLED", "false"}});
    const CatalogClient c(gateway.port());
    const Json speed =
        c.created("/api/v1/characteristics",
                  {{"name", "Speed"}, {"value", "100"}, {"unit_of_measure", "Mbps"}});
    const std::string path = "/api/v1/characteristics/" + speed["id"].get<std::string>();
    CPPUNIT_ASSERT_EQUAL(speed, c.call("GET", path).json);
    CPPUNIT_ASSERT_EQUAL(Json(1), c.call("GET", "/api/v1/characteristics").json["total"]);
    const HttpResult updated =
        c.call("PUT", path,
               {{"name", "Speed"}, {"value", "1"}, {"unit_of_measure", "Gbps"}, {"version", 1}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(updated.text, 200, updated.status);
    CPPUNIT_ASSERT_EQUAL(Json("Gbps"), updated.json["unit_of_measure"]);

    // The upstream's refusals come through as they are, in the SRS format.
    const HttpResult taken =
        c.call("POST", "/api/v1/characteristics",
               {{"name", "Speed"}, {"value", "1"}, {"unit_of_measure", "Mbps"}});
    CPPUNIT_ASSERT_EQUAL(409, taken.status);
    CPPUNIT_ASSERT_EQUAL(Json("CONFLICT"), taken.json["error"]["code"]);
    const HttpResult anonymous =
        httpRequest(gateway.port(), "POST", "/api/v1/characteristics", Json{{"name", "X"}}.dump());
    CPPUNIT_ASSERT_EQUAL(401, anonymous.status);
    // A bad token stops at the gateway, whatever the route.
    const HttpResult forged =
        get(gateway.port(), "/api/v1/characteristics", {{"Authorization", "Bearer not.a.token"}});
    CPPUNIT_ASSERT_EQUAL(401, forged.status);
    CPPUNIT_ASSERT(forged.headers.count("www-authenticate") == 1);

    CPPUNIT_ASSERT_EQUAL(204, c.call("DELETE", path).status);
    CPPUNIT_ASSERT_EQUAL(404, c.call("GET", path).status);

    const Json dependencies = get(gateway.port(), "/health/dependencies").json;
    CPPUNIT_ASSERT_EQUAL(Json("remote"),
                         dependencies["dependencies"]["characteristic"]["location"]);
    CPPUNIT_ASSERT_EQUAL(Json("closed"), dependencies["dependencies"]["characteristic"]["circuit"]);
    CPPUNIT_ASSERT(!dependencies["dependencies"].contains("pricing"));  // not in this deployment
    CPPUNIT_ASSERT_EQUAL(404, c.call("GET", "/api/v1/prices").status);
  }

  void testWhatTheGatewayPassesOn() {
    Host probe("probe");
    Host gateway = gatewayTo(url(probe.port()));
    Env headers = admin();
    headers["X-Correlation-ID"] = "two-hops-1";
    headers["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    headers["X-User-ID"] = "someone-else";
    headers["X-Forwarded-For"] = "203.0.113.7";
    const HttpResult echoed = get(gateway.port(), "/probe/echo?tag=a&tag=b", headers);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(echoed.text, 200, echoed.status);
    const Json& seen = echoed.json;
    CPPUNIT_ASSERT_EQUAL(std::string("two-hops-1"), echoed.headers.at("x-correlation-id"));
    CPPUNIT_ASSERT_EQUAL(Json("two-hops-1"), seen["correlation_id"]);
    // The trace goes on from the gateway's own span: same trace, the gateway's call as parent.
    const std::string passed = seen["headers"].value("traceparent", "");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(passed, std::string("00-0af7651916cd43dd8448eb211c80319c-"),
                                 passed.substr(0, 36));
    CPPUNIT_ASSERT(passed.find("b7ad6b7169203331") == std::string::npos);
    CPPUNIT_ASSERT_EQUAL(Json("0af7651916cd43dd8448eb211c80319c"), seen["headers"]["x-b3-traceid"]);
    // The upstream verified the forwarded token itself, and the gateway's X-User-ID replaced
    // the client's.
    const std::string subject = TestIssuer::Claims().subject;
    CPPUNIT_ASSERT_EQUAL(Json(subject), seen["user"]);
    CPPUNIT_ASSERT_EQUAL(Json(subject), seen["headers"]["x-user-id"]);
    // The client address joins the proxies the request already passed.
    CPPUNIT_ASSERT_EQUAL(Json("203.0.113.7, 127.0.0.1"), seen["headers"]["x-forwarded-for"]);
    CPPUNIT_ASSERT_EQUAL(Json::array({Json::array({"tag", "a"}), Json::array({"tag", "b"})}),
                         seen["query"]);
    CPPUNIT_ASSERT(probe.process().logs().find("two-hops-1") != std::string::npos);

    // Without an id, the gateway's own reaches the upstream; without a token, no X-User-ID.
    const HttpResult anonymous = get(gateway.port(), "/probe/echo", {{"X-User-ID", "forged"}});
    const std::string made = anonymous.headers.at("x-correlation-id");
    CPPUNIT_ASSERT(!made.empty());
    CPPUNIT_ASSERT_EQUAL(Json(made), anonymous.json["correlation_id"]);
    CPPUNIT_ASSERT(!anonymous.json["headers"].contains("x-user-id"));
    CPPUNIT_ASSERT(probe.process().logs().find(made) != std::string::npos);

    const HttpResult posted = httpRequest(gateway.port(), "POST", "/probe/echo", R"({"a": 1})", {});
    CPPUNIT_ASSERT_EQUAL(Json(R"({"a": 1})"), posted.json["body"]);
  }

  void testKilledUpstreamOpensTheBreakerWhichFailsFastThenRecovers() {
    Host probe("probe");
    const int probe_port = probe.port();
    Host gateway = gatewayTo(url(probe_port), {{"CATALOG_GATEWAY_BREAKER_OPENMS", "3000"}});
    CPPUNIT_ASSERT_EQUAL(200, get(gateway.port(), "/probe/echo").status);

    probe.process().kill9();
    for (int i = 0; i < 3; ++i)
      assertUnavailableWithoutInternals(get(gateway.port(), "/probe/echo"), probe_port);
    Json dependencies = get(gateway.port(), "/health/dependencies").json;
    CPPUNIT_ASSERT_EQUAL(Json("open"), dependencies["dependencies"]["probe"]["circuit"]);
    const std::string state = "catalog_gateway_circuit_breaker_state{upstream=\"probe\",state=";
    CPPUNIT_ASSERT(scrapedValue(gateway.port(), state + "\"open\"}") == 1.0);
    CPPUNIT_ASSERT(scrapedValue(gateway.port(), state + "\"closed\"}") == 0.0);
    CPPUNIT_ASSERT_EQUAL(Json("degraded"), dependencies["status"]);
    const Json health = get(gateway.port(), "/health").json;
    CPPUNIT_ASSERT_EQUAL(Json("degraded"), health["plugins"]["gateway"]["status"]);
    CPPUNIT_ASSERT_EQUAL(Json("circuit open for probe"), health["plugins"]["gateway"]["reason"]);

    // Back on its port, the upstream is not asked while the circuit is open: still 503.
    probe.start(probe_port);
    const HttpResult fast = get(gateway.port(), "/probe/echo");
    assertUnavailableWithoutInternals(fast, probe_port);
    CPPUNIT_ASSERT_EQUAL(
        Json("open"),
        get(gateway.port(), "/health/dependencies").json["dependencies"]["probe"]["circuit"]);

    // Once open time is up, trial requests go through and close it again.
    CPPUNIT_ASSERT(eventually([&] { return get(gateway.port(), "/probe/echo").status == 200; },
                              std::chrono::seconds(10)));
    for (int i = 0; i < 2; ++i)
      CPPUNIT_ASSERT_EQUAL(200, get(gateway.port(), "/probe/echo").status);
    dependencies = get(gateway.port(), "/health/dependencies").json;
    CPPUNIT_ASSERT_EQUAL(Json("closed"), dependencies["dependencies"]["probe"]["circuit"]);
    CPPUNIT_ASSERT_EQUAL(Json("healthy"), get(gateway.port(), "/health").json["status"]);
    CPPUNIT_ASSERT(scrapedValue(gateway.port(), state + "\"closed\"}") == 1.0);
  }

  // The gateway's pooled connections to the old process are closed: a POST, never retried,
  // must not be sent on one of them.
  void testPostAfterAnUpstreamRestartUsesAFreshConnection() {
    Host probe("probe");
    const int probe_port = probe.port();
    Host gateway = gatewayTo(url(probe_port));
    for (int i = 0; i < 3; ++i)
      CPPUNIT_ASSERT_EQUAL(200, httpRequest(gateway.port(), "POST", "/probe/echo", "{}").status);
    CPPUNIT_ASSERT_EQUAL(0, probe.process().terminate());
    probe.start(probe_port);
    const HttpResult posted = httpRequest(gateway.port(), "POST", "/probe/echo", R"({"n": 1})");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(posted.text, 200, posted.status);
    CPPUNIT_ASSERT_EQUAL(Json(R"({"n": 1})"), posted.json["body"]);
  }

  void testSlowUpstreamHitsTheReadTimeout() {
    Host probe("probe");
    Host gateway = gatewayTo(url(probe.port()), {{"CATALOG_SERVICES_READ_TIMEOUT_MS", "300"}});
    const auto started = std::chrono::steady_clock::now();
    const HttpResult answer = get(gateway.port(), "/probe/slow?ms=5000");
    const auto elapsed = std::chrono::steady_clock::now() - started;
    assertUnavailableWithoutInternals(answer, probe.port());
    // Three attempts of 0.3 s each, not the upstream's 5 s.
    CPPUNIT_ASSERT(elapsed < std::chrono::milliseconds(3000));
  }

  void testRetriesRepeatGetsButNeverPosts() {
    Host probe("probe");
    Host gateway = gatewayTo(url(probe.port()));
    const auto calls = [&] {
      return get(probe.port(), "/probe/flaky/calls").json.value("calls", -1);
    };
    const HttpResult got = get(gateway.port(), "/probe/flaky");
    CPPUNIT_ASSERT_EQUAL(503, got.status);  // the upstream's own answer, passed on
    CPPUNIT_ASSERT_EQUAL(Json("flaky on purpose"), got.json["error"]["message"]);
    CPPUNIT_ASSERT_EQUAL(3, calls());
    CPPUNIT_ASSERT_EQUAL(503, httpRequest(gateway.port(), "POST", "/probe/flaky", "{}").status);
    CPPUNIT_ASSERT_EQUAL(4, calls());
  }

  void testRateLimitAnswers429AndRecovers() {
    Host probe("probe");
    Host gateway =
        gatewayTo(url(probe.port()), {{"CATALOG_GATEWAY_RATELIMIT_REQUESTSPERSECOND", "4"},
                                      {"CATALOG_GATEWAY_RATELIMIT_BURST", "2"}});
    CPPUNIT_ASSERT_EQUAL(200, get(gateway.port(), "/probe/echo").status);
    CPPUNIT_ASSERT_EQUAL(200, get(gateway.port(), "/probe/echo").status);
    const HttpResult limited = get(gateway.port(), "/probe/echo");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(limited.text, 429, limited.status);
    CPPUNIT_ASSERT_EQUAL(Json("RATE_LIMITED"), limited.json["error"]["code"]);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), limited.headers.at("retry-after"));
    // Another user has a bucket of their own.
    CPPUNIT_ASSERT_EQUAL(200, get(gateway.port(), "/probe/echo", admin()).status);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CPPUNIT_ASSERT_EQUAL(200, get(gateway.port(), "/probe/echo").status);
  }

  void testCorsPreflightAndReads() {
    Host probe("probe");
    Host gateway = gatewayTo(url(probe.port()),
                             {{"CATALOG_GATEWAY_CORS_ALLOWEDORIGINS", "https://shop.example"}});
    const HttpResult preflight =
        httpRequest(gateway.port(), "OPTIONS", "/probe/echo", "",
                    {{"Origin", "https://shop.example"},
                     {"Access-Control-Request-Method", "POST"},
                     {"Access-Control-Request-Headers", "authorization, content-type"}});
    CPPUNIT_ASSERT_EQUAL(204, preflight.status);
    CPPUNIT_ASSERT_EQUAL(std::string("https://shop.example"),
                         preflight.headers.at("access-control-allow-origin"));
    CPPUNIT_ASSERT(preflight.headers.at("access-control-allow-methods").find("POST") !=
                   std::string::npos);
    CPPUNIT_ASSERT(preflight.headers.at("access-control-allow-headers").find("Authorization") !=
                   std::string::npos);

    const HttpResult stranger = httpRequest(
        gateway.port(), "OPTIONS", "/probe/echo", "",
        {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "POST"}});
    CPPUNIT_ASSERT_EQUAL(403, stranger.status);
    CPPUNIT_ASSERT(stranger.headers.count("access-control-allow-origin") == 0);

    const HttpResult read =
        get(gateway.port(), "/probe/echo", {{"Origin", "https://shop.example"}});
    CPPUNIT_ASSERT_EQUAL(std::string("https://shop.example"),
                         read.headers.at("access-control-allow-origin"));
    CPPUNIT_ASSERT(read.headers.at("access-control-expose-headers").find("X-Correlation-ID") !=
                   std::string::npos);
    CPPUNIT_ASSERT(
        get(gateway.port(), "/probe/echo").headers.count("access-control-allow-origin") == 0);
  }

  void testRoundRobinSkipsADeadInstance() {
    Host a("probe", {{"CATALOG_PROBE_INSTANCE", "a"}});
    Host b("probe", {{"CATALOG_PROBE_INSTANCE", "b"}});
    const int dead = freePort();
    Host gateway = gatewayTo(url(a.port()) + ", " + url(dead) + ", " + url(b.port()));
    std::set<std::string> seen;
    for (int i = 0; i < 9; ++i) {
      const HttpResult answer = get(gateway.port(), "/probe/echo");
      CPPUNIT_ASSERT_EQUAL_MESSAGE(answer.text, 200, answer.status);
      seen.insert(answer.json.value("instance", ""));
    }
    CPPUNIT_ASSERT((std::set<std::string>{"a", "b"}) == seen);
    CPPUNIT_ASSERT_EQUAL(
        Json("closed"),
        get(gateway.port(), "/health/dependencies").json["dependencies"]["probe"]["circuit"]);
  }

  void testWebUiFilesWithTheSinglePageFallback() {
    TempDir web;
    std::ofstream(web.file("index.html")) << "<!doctype html><title>catalog</title>";
    std::ofstream(web.file(".env")) << "SECRET=1";
    Poco::File(web.file("assets")).createDirectories();
    std::ofstream(web.file("assets/app-1a2b.js")) << "console.log('catalog')";
    Host gateway("gateway",
                 {{"CATALOG_GATEWAY_WEBROOT", web.path()}, {"CATALOG_ENGINE_ENABLED", "false"}});

    const HttpResult index = get(gateway.port(), "/");
    CPPUNIT_ASSERT_EQUAL(200, index.status);
    CPPUNIT_ASSERT_EQUAL(std::string("text/html; charset=utf-8"), index.headers.at("content-type"));
    CPPUNIT_ASSERT_EQUAL(std::string("no-cache"), index.headers.at("cache-control"));
    const HttpResult page = get(gateway.port(), "/store/offerings/3f0c5d1e");
    CPPUNIT_ASSERT_EQUAL(200, page.status);
    CPPUNIT_ASSERT_EQUAL(index.text, page.text);
    const HttpResult script = get(gateway.port(), "/assets/app-1a2b.js");
    CPPUNIT_ASSERT_EQUAL(std::string("console.log('catalog')"), script.text);
    CPPUNIT_ASSERT(script.headers.at("cache-control").find("immutable") != std::string::npos);

    for (const char* missing : {"/assets/gone.js", "/.env", "/assets/../.env", "/api/v1/nothing"}) {
      const HttpResult answer = get(gateway.port(), missing);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(missing, 404, answer.status);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(missing, Json("NOT_FOUND"), answer.json["error"]["code"]);
    }
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(GatewaySplitTest);

}  // namespace catalog::test
