// Observability of the all-in-one host as shipped, with a Zipkin collector (the test's own) and
// a real Prometheus: a publication is one trace from the request through the saga's steps and
// the event to the store's copy, joined by the log lines; W3C and B3 callers are continued;
// Prometheus scrapes the request and saga metrics; the monitoring files in etc/ name only
// metrics the host serves; and after all that, the host's debug log holds no password or token.
#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/all_in_one_host.hpp"
#include "support/eventually.hpp"
#include "support/files.hpp"
#include "support/http_client.hpp"
#include "support/metrics.hpp"
#include "support/prometheus_server.hpp"
#include "support/test_data.hpp"
#include "support/trace_tree.hpp"
#include "support/zipkin_collector.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

constexpr const char* kAdminPassword = "observed-admin-password";
constexpr const char* kSaga = "offering-publication-saga";
const std::vector<std::string> kSagaSteps = {"lock-prices", "validate-specifications",
                                             "create-store-entry", "confirm-publication"};

// The collector is made before the host, which sends it spans from its start: a base made
// before the host's base, as members come after bases.
struct WithCollector {
  ZipkinCollector zipkin;
};

// The host and the collector, shared by the suite's tests, which run in order: the last one
// reads the log all the others wrote.
class ObservedHost : private WithCollector, public AllInOneHost {
 public:
  ObservedHost()
      : AllInOneHost(kAdminPassword,
                     {{"ZIPKIN_URL", zipkin.url()}, {"CATALOG_LOG_LEVEL", "debug"}}) {}

  const ZipkinCollector& collector() const { return zipkin; }

  std::string draft(const std::string& name) const {
    return draftOffering(
        [this](const std::string& path, const Json& body) { return created(path, body); },
        name)["id"];
  }
};

ObservedHost& host() {
  static ObservedHost observed;
  return observed;
}

// A trace id and a span id of the test's own, as a traced caller sends them.
constexpr const char* kTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
constexpr const char* kCallerSpan = "00f067aa0ba902b7";

// The names of the metrics a file uses: catalog_… and process_…, a histogram's series by its
// family's name.
std::set<std::string> metricNames(const std::string& text) {
  std::set<std::string> names;
  const std::regex name("\\b((catalog|process)_[a-z0-9_]+)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), name); it != std::sregex_iterator();
       ++it) {
    std::string found = (*it)[1];
    for (const std::string suffix : {"_bucket", "_count", "_sum"}) {
      if (found.size() > suffix.size() &&
          found.compare(found.size() - suffix.size(), suffix.size(), suffix) == 0)
        found.resize(found.size() - suffix.size());
    }
    names.insert(found);
  }
  return names;
}

}  // namespace

class ObservabilityTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ObservabilityTest);
  CPPUNIT_TEST(testPublicationIsOneTraceFromRequestToStore);
  CPPUNIT_TEST(testLogLinesCarryTheTraceOfTheirRequest);
  CPPUNIT_TEST(testB3CallerIsContinued);
  CPPUNIT_TEST(testPrometheusScrapesRequestAndSagaMetrics);
  CPPUNIT_TEST(testMonitoringFilesNameOnlyServedMetrics);
  CPPUNIT_TEST(testClientInputNeverBecomesALabel);
  CPPUNIT_TEST(testDatabaseAndOutboxGaugesReadThePlugins);
  CPPUNIT_TEST(testLogsHoldNoPasswordOrToken);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testPublicationIsOneTraceFromRequestToStore() {
    const std::string id = host().draft("Traced Home");
    const HttpResult published =
        host().call("POST", "/api/v1/offerings/" + id + "/publish", Json(),
                    {{"traceparent", std::string("00-") + kTraceId + "-" + kCallerSpan + "-01"}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(published.text, 202, published.status);
    CPPUNIT_ASSERT(eventually(
        [&] { return host().call("GET", "/api/v1/store/offerings/" + id).status == 200; },
        std::chrono::seconds(20)));

    // The store's copy is the last step; its transaction's span may still be on its way.
    const std::string consume = "CONSUME store.offering-copies.queue";
    CPPUNIT_ASSERT_MESSAGE(
        TraceTree(host().collector().trace(kTraceId)).describe(), eventually([&] {
          const TraceTree tree(host().collector().trace(kTraceId));
          return !tree.named(consume).empty() && tree.problem(kCallerSpan).empty();
        }));
    const TraceTree tree(host().collector().trace(kTraceId));
    const std::string shown = tree.describe();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(shown, std::string(), tree.problem(kCallerSpan));

    // The gateway took the request in, the offering context served it, the saga's steps ran in
    // the contexts that work them, the event went out and the store consumed it.
    const std::vector<Json> entry = tree.named("POST (front door)");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(shown, std::size_t{1}, entry.size());
    CPPUNIT_ASSERT_EQUAL(Json(kCallerSpan), entry[0]["parentId"]);
    CPPUNIT_ASSERT_EQUAL(Json("SERVER"), entry[0]["kind"]);
    CPPUNIT_ASSERT_EQUAL(Json("gateway"), entry[0]["localEndpoint"]["serviceName"]);
    const std::vector<Json> publish = tree.named("POST /api/v1/offerings/{id}/publish");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(shown, std::size_t{1}, publish.size());
    CPPUNIT_ASSERT(tree.descends(publish[0], entry[0]));
    CPPUNIT_ASSERT_EQUAL(Json("offering"), publish[0]["localEndpoint"]["serviceName"]);
    CPPUNIT_ASSERT_EQUAL(Json("202"), publish[0]["tags"]["http.status_code"]);
    const std::vector<Json> start = tree.named(std::string("START ") + kSaga);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(shown, std::size_t{1}, start.size());
    CPPUNIT_ASSERT(tree.descends(start[0], publish[0]));
    // A step may run more than once: a failed attempt (the store's copy of the offering not
    // there yet) is retried, and each attempt is a span; exactly one completes.
    std::map<std::string, Json> steps;
    for (const std::string& step : kSagaSteps) {
      const std::vector<Json> attempts = tree.named(std::string("SAGA ") + kSaga + " " + step);
      CPPUNIT_ASSERT_MESSAGE(step + "\n" + shown, !attempts.empty());
      for (const Json& attempt : attempts) {
        CPPUNIT_ASSERT_MESSAGE(step, tree.descends(attempt, start[0]));
        if (attempt["tags"]["outcome"] != "complete") continue;
        CPPUNIT_ASSERT_MESSAGE(step + " completed twice\n" + shown, steps.count(step) == 0);
        steps[step] = attempt;
      }
      CPPUNIT_ASSERT_MESSAGE(step + " never completed\n" + shown, steps.count(step) == 1);
    }
    CPPUNIT_ASSERT_EQUAL(Json("pricing"), steps["lock-prices"]["localEndpoint"]["serviceName"]);
    CPPUNIT_ASSERT_EQUAL(Json("store"),
                         steps["create-store-entry"]["localEndpoint"]["serviceName"]);
    const std::vector<Json> event = tree.named("PUBLISH product.offerings.events");
    CPPUNIT_ASSERT_MESSAGE(shown, !event.empty());
    CPPUNIT_ASSERT_EQUAL(Json("PRODUCER"), event.back()["kind"]);
    CPPUNIT_ASSERT_MESSAGE(shown, tree.descends(event.back(), steps["confirm-publication"]));
    const std::vector<Json> consumed = tree.named(consume);
    CPPUNIT_ASSERT_MESSAGE(shown, std::any_of(consumed.begin(), consumed.end(), [&](const Json& c) {
                             return c["parentId"] == event.back()["id"] &&
                                    c["tags"]["event_type"] == "OfferingPublished";
                           }));
    // The database work shows as transactions named after what they write.
    bool store_wrote = false;
    for (const std::string& name : tree.names()) {
      for (const Json& span : tree.named(name)) {
        store_wrote = store_wrote || (span["localEndpoint"]["serviceName"] == "store" &&
                                      span.value("name", "").rfind("INSERT ", 0) == 0 &&
                                      span["remoteEndpoint"]["serviceName"] == "sqlite");
      }
    }
    CPPUNIT_ASSERT_MESSAGE(shown, store_wrote);
  }

  // Every line a request's work logs names its trace and span, as its spans do: a log search by
  // trace id finds the request, the saga's steps and the store's consumer.
  void testLogLinesCarryTheTraceOfTheirRequest() {
    std::set<std::string> services;
    std::set<std::string> span_ids;
    for (const Json& span : host().collector().trace(kTraceId)) span_ids.insert(span["id"]);
    std::istringstream lines(host().logs());
    for (std::string text; std::getline(lines, text);) {
      const Json line = Json::parse(text, nullptr, false);
      CPPUNIT_ASSERT_MESSAGE(text, line.is_object());
      CPPUNIT_ASSERT_MESSAGE(text, line.contains("trace_id") && line.contains("span_id"));
      if (line["trace_id"] != kTraceId) continue;
      CPPUNIT_ASSERT_MESSAGE(text, span_ids.count(line["span_id"]) == 1);
      services.insert(line.value("service", ""));
    }
    for (const char* service : {"catalogd", "offering", "pricing", "store"})
      CPPUNIT_ASSERT_MESSAGE(service, services.count(service) == 1);
  }

  void testB3CallerIsContinued() {
    const HttpResult answer = host().call("GET", "/api/v1/store/offerings", Json(),
                                          {{"X-B3-TraceId", "463ac35c9f6413ad"},
                                           {"X-B3-SpanId", "a2fb4a1d1a96d312"},
                                           {"X-B3-Sampled", "1"}});
    CPPUNIT_ASSERT_EQUAL(200, answer.status);
    const std::string trace = "0000000000000000463ac35c9f6413ad";
    CPPUNIT_ASSERT(eventually([&] { return !host().collector().trace(trace).empty(); }));
    const TraceTree tree(host().collector().trace(trace));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(tree.describe(), std::string(), tree.problem("a2fb4a1d1a96d312"));
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, tree.named("GET /api/v1/store/offerings").size());

    // A caller that says "don't sample" is obeyed, and one with a broken header starts anew.
    host().call("GET", "/api/v1/store/offerings", Json(),
                {{"traceparent", "00-11111111111111111111111111111111-2222222222222222-00"}});
    const HttpResult broken = host().call("GET", "/api/v1/store/offerings", Json(),
                                          {{"traceparent", "00-not-a-trace-01"}});
    const std::string correlation = broken.headers.at("x-correlation-id");
    CPPUNIT_ASSERT(eventually([&] {
      for (const Json& span : host().collector().spans())
        if (span.value("tags", Json::object()).value("correlation_id", "") == correlation)
          return !span.contains("parentId");
      return false;
    }));
    CPPUNIT_ASSERT(host().collector().trace("11111111111111111111111111111111").empty());
  }

  // A real Prometheus scrapes the host; its API answers with what the publication did.
  void testPrometheusScrapesRequestAndSagaMetrics() {
    const PrometheusServer prometheus(host().port());
    const auto answers = [&](const std::string& query, double expected) {
      std::optional<double> value;
      const bool got = eventually(
          [&] {
            value = prometheus.value(query);
            return value == expected;
          },
          std::chrono::seconds(20));
      CPPUNIT_ASSERT_MESSAGE(
          query + " is " + (value ? std::to_string(*value) : "absent") + "\n" + prometheus.logs(),
          got);
    };
    answers("up{job=\"catalog\"}", 1);
    answers(
        "catalog_http_requests_total{method=\"POST\",route=\"/api/v1/offerings/{id}/publish\","
        "status=\"202\"}",
        1);
    answers("catalog_saga_instances{process=\"offering-publication-saga\",state=\"COMPLETED\"}", 1);
    for (const std::string& step : kSagaSteps) {
      answers("catalog_saga_steps_total{step=\"" + step + "\",outcome=\"complete\"}", 1);
      answers("catalog_saga_step_duration_seconds_count{step=\"" + step + "\"} >= bool 1", 1);
    }
    answers("catalog_events_consumed_total{subscription=\"store.offering-copies\"} > bool 0", 1);
    answers("catalog_event_lag_seconds_count{subscription=\"store.offering-copies\"} > bool 0", 1);
  }

  // The alert rules and the dashboard use only metrics this host serves (a histogram by its
  // family's name), so a renamed metric can't silently blind them.
  void testMonitoringFilesNameOnlyServedMetrics() {
    const HttpResult scraped = httpRequest(host().port(), "GET", "/metrics");
    CPPUNIT_ASSERT_EQUAL(200, scraped.status);
    CPPUNIT_ASSERT_EQUAL(std::string("text/plain; version=0.0.4; charset=utf-8"),
                         scraped.headers.at("content-type"));
    std::set<std::string> served;
    const std::regex type("^# TYPE ([a-z0-9_]+) ");
    std::istringstream lines(scraped.text);
    for (std::string line; std::getline(lines, line);) {
      std::smatch match;
      if (std::regex_search(line, match, type)) served.insert(match[1]);
    }
    const std::string source = CATALOG_SOURCE_DIR;
    for (const std::string file :
         {"/etc/prometheus/catalog-alerts.yml", "/etc/grafana/catalog-dashboard.json"}) {
      const std::set<std::string> used = metricNames(readFile(source + file));
      CPPUNIT_ASSERT_MESSAGE(file, used.size() > 10);
      for (const std::string& name : used)
        CPPUNIT_ASSERT_MESSAGE(file + " uses " + name + ", which the host does not serve",
                               served.count(name) == 1);
    }
  }

  // A client's invented method and path can't add series: they count as OTHER, under the
  // route that matched, never under what was sent.
  void testClientInputNeverBecomesALabel() {
    httpRequest(host().port(), "BREW", "/api/v1/coffee-ef8b1c");
    const HttpResult scraped = httpRequest(host().port(), "GET", "/metrics");
    CPPUNIT_ASSERT(scraped.text.find("BREW") == std::string::npos);
    CPPUNIT_ASSERT(scraped.text.find("coffee-ef8b1c") == std::string::npos);
    CPPUNIT_ASSERT(scraped.text.find("method=\"OTHER\",route=\"(front door)\"") !=
                   std::string::npos);
  }

  // The gauges read from each plugin's database: it answers, its pool has a connection, and its
  // outbox has sent everything, so nothing waits and the oldest pending age is 0.
  void testDatabaseAndOutboxGaugesReadThePlugins() {
    for (const std::string plugin : {"identity", "offering", "store"}) {
      const std::string of = "{plugin=\"" + plugin + "\"}";
      CPPUNIT_ASSERT_MESSAGE(plugin, eventually([&] {
                               return scrapedValue(host().port(), "catalog_db_up" + of) == 1.0 &&
                                      scrapedValue(host().port(),
                                                   "catalog_outbox_pending_events" + of) == 0.0;
                             }));
      CPPUNIT_ASSERT_EQUAL(
          0.0, *scrapedValue(host().port(), "catalog_outbox_oldest_pending_age_seconds" + of));
      CPPUNIT_ASSERT_EQUAL(0.0, *scrapedValue(host().port(), "catalog_outbox_dead_events" + of));
      CPPUNIT_ASSERT(*scrapedValue(host().port(), "catalog_db_connections_max" + of) >= 1.0);
      CPPUNIT_ASSERT(scrapedValue(host().port(), "catalog_db_connections{plugin=\"" + plugin +
                                                     "\",state=\"idle\"}")
                         .has_value());
    }
  }

  // SRS: secrets are never logged. At debug level, through a login, a publication, failed
  // requests and scrapes, neither the log nor the spans nor the metrics show the password or
  // either token.
  void testLogsHoldNoPasswordOrToken() {
    host().call("GET", "/api/v1/offerings/not-an-id");
    httpRequest(
        host().port(), "POST", "/api/v1/auth/login",
        Json{{"username", "admin"}, {"password", std::string(kAdminPassword) + "x"}}.dump());
    CPPUNIT_ASSERT(scrapedValue(host().port(),
                                "catalog_identity_login_failures_total{reason=\""
                                "invalid_credentials\"}") == 1.0);
    // What the host writes anywhere: its log, its spans, its metrics.
    std::string spans;
    for (const Json& span : host().collector().spans()) spans += span.dump();
    const std::string logs =
        host().logs() + spans + httpRequest(host().port(), "GET", "/metrics").text;
    CPPUNIT_ASSERT(logs.size() > 1000);
    CPPUNIT_ASSERT(logs.find("\"DEBUG\"") != std::string::npos);
    for (const std::string& secret :
         {std::string(kAdminPassword), host().token(), host().refreshToken(),
          // a token's signature alone, which can't be cut off
          host().token().substr(host().token().rfind('.') + 1)}) {
      CPPUNIT_ASSERT_MESSAGE("the log holds a secret", logs.find(secret) == std::string::npos);
    }
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ObservabilityTest);

}  // namespace catalog::test
