// Saga workers in one catalogd working the engine of another over Camunda 7's REST API, as a
// split deployment runs them: long polling, complete, bpmnError, failure with retries, process
// start and history, all with the service account's token; workers that wait out an engine
// outage and stop at once; a misconfigured account named in the log; and a real publication
// whose pricing and specification steps run in another process than the engine.
#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "support/catalogd_process.hpp"
#include "support/eventually.hpp"
#include "support/free_port.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

constexpr const char* kAdminPassword = "remote-engine-admin-password";
const std::string kBpmn = std::string(CATALOG_SOURCE_DIR) + "/bpmn/offering-publication-saga.bpmn";
const std::string kPublished =
    "lock-prices,validate-specifications,create-store-entry,confirm-publication,unlock-prices";

std::string baseUrl(int port) { return "http://127.0.0.1:" + std::to_string(port); }

// The host that runs the engine and identity. Its saga probe deploys the saga and works no
// topic, so every task goes to the other host.
CatalogdProcess::Options engineHost(const TempDir& dir, int port = 0) {
  return {{"--plugins=identity,saga_probe", "--data-dir=" + dir.file("engine")},
          {{"CATALOG_PLUGIN_PATH", CATALOG_FIXTURE_DIR},
           {"CATALOG_ENGINE_ENABLED", "true"},
           {"CATALOG_ADMIN_PASSWORD", kAdminPassword},
           {"CATALOG_SAGA_PROBE_BPMN", kBpmn},
           {"CATALOG_SAGA_PROBE_TOPICS", "none"}},
          dir.file("engine.log"),
          port};
}

// A host whose saga probe works every topic against the engine at `engine_port`, signed in as
// `account` (empty: no account), told `probe` per topic.
CatalogdProcess::Options workerHost(const TempDir& dir, int engine_port,
                                    const std::map<std::string, std::string>& probe = {},
                                    const std::string& account = kAdminPassword) {
  std::map<std::string, std::string> env = {
      {"CATALOG_PLUGIN_PATH", CATALOG_FIXTURE_DIR},
      {"CATALOG_ENGINE_ENABLED", "false"},
      {"CATALOG_ENGINE_URL", baseUrl(engine_port) + "/engine-rest"},
      {"CATALOG_IDENTITY_SERVICE_URL", baseUrl(engine_port)},
      {"CATALOG_SAGA_PROBE_RETRY_DELAY_MS", "50"}};
  if (!account.empty()) {
    env["CATALOG_SERVICE_ACCOUNT_USERNAME"] = "admin";
    env["CATALOG_SERVICE_ACCOUNT_PASSWORD"] = account;
  }
  for (const auto& [topic, behaviour] : probe) env["CATALOG_SAGA_PROBE_" + topic] = behaviour;
  return {
      {"--plugins=saga_probe", "--data-dir=" + dir.file("workers")}, env, dir.file("workers.log")};
}

std::string adminToken(int port) {
  const HttpResult login =
      httpRequest(port, "POST", "/api/v1/auth/login",
                  Json{{"username", "admin"}, {"password", kAdminPassword}}.dump());
  CPPUNIT_ASSERT_EQUAL_MESSAGE(login.text, 200, login.status);
  return login.json.at("access_token");
}

Json engineGet(int port, const std::string& path) {
  const HttpResult result = httpRequest(port, "GET", "/engine-rest" + path, {},
                                        {{"Authorization", "Bearer " + adminToken(port)}});
  CPPUNIT_ASSERT_EQUAL_MESSAGE(path + ": " + result.text, 200, result.status);
  return result.json;
}

std::string instanceState(int engine_port, const std::string& instance) {
  const Json instances =
      engineGet(engine_port, "/history/process-instance?processInstanceId=" + instance);
  return instances.empty() ? "" : instances[0].value("state", "");
}

// Started through the worker host: the probe's workflow().start goes to the remote engine.
std::string startSaga(int worker_port) {
  const HttpResult result =
      httpRequest(worker_port, "POST", "/saga-probe/start",
                  Json{{"business_key", "offering-1"},
                       {"variables", {{"offeringId", "offering-1"}, {"pricingIds", {"price-1"}}}}}
                      .dump());
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 201, result.status);
  return result.json.at("instance_id");
}

Json handled(int worker_port, const std::string& instance) {
  const HttpResult result =
      httpRequest(worker_port, "GET", "/saga-probe/handled?instance=" + instance);
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 200, result.status);
  return result.json.at("items");
}

std::string topicsHandled(int worker_port, const std::string& instance) {
  std::string topics;
  for (const Json& item : handled(worker_port, instance))
    topics += (topics.empty() ? "" : ",") + item.at("topic").get<std::string>();
  return topics;
}

void assertEnds(int engine_port, int worker_port, const std::string& instance) {
  const bool ended = eventually([&] { return instanceState(engine_port, instance) == "COMPLETED"; },
                                std::chrono::seconds(20));
  CPPUNIT_ASSERT_MESSAGE(
      "saga " + instance + " did not end; handled so far: " + topicsHandled(worker_port, instance),
      ended);
}

bool logged(const CatalogdProcess& host, const std::string& text) {
  return host.logs().find(text) != std::string::npos;
}

// One host of a split deployment, called with an access token.
class SplitHost {
 public:
  explicit SplitHost(CatalogdProcess::Options options) : process_(std::move(options)) {}

  HttpResult call(const std::string& method, const std::string& path, const std::string& token,
                  const Json& body = Json()) {
    return httpRequest(process_.port(), method, path, body.is_null() ? "" : body.dump(),
                       {{"Authorization", "Bearer " + token}});
  }

  Json created(const std::string& path, const std::string& token, const Json& body) {
    const HttpResult result = call("POST", path, token, body);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(path + ": " + result.text, 201, result.status);
    return result.json;
  }

  CatalogdProcess& process() { return process_; }

 private:
  CatalogdProcess process_;
};

}  // namespace

class RemoteEngineTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(RemoteEngineTest);
  CPPUNIT_TEST(testRemoteWorkersRunTheSagaToPublished);
  CPPUNIT_TEST(testBusinessErrorFromARemoteWorkerUndoesTheStepsDone);
  CPPUNIT_TEST(testRemoteFailuresAreRetriedThenRaiseAnIncidentOnTheEngine);
  CPPUNIT_TEST(testWorkersWaitOutAnEngineOutageAndResume);
  CPPUNIT_TEST(testWorkersWithoutAnAccountSayWhatIsMissing);
  CPPUNIT_TEST(testWrongAccountPasswordIsNamedInTheLog);
  CPPUNIT_TEST(testStopCutsParkedLongPollsShort);
  CPPUNIT_TEST(testConflictingOrIncompleteEngineSettingsAreRefused);
  CPPUNIT_TEST(testPublicationWithPricingAndSpecificationInAnotherProcess);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testRemoteWorkersRunTheSagaToPublished() {
    TempDir dir;
    CatalogdProcess engine(engineHost(dir));
    CatalogdProcess workers(workerHost(dir, engine.port()));
    const std::string id = startSaga(workers.port());
    assertEnds(engine.port(), workers.port(), id);
    CPPUNIT_ASSERT_EQUAL(kPublished, topicsHandled(workers.port(), id));
    // Variables went out and came back through the REST shapes.
    for (const Json& item : handled(workers.port(), id))
      CPPUNIT_ASSERT_EQUAL_MESSAGE(item.dump(), Json({"price-1"}),
                                   item.at("variables").value("pricingIds", Json()));

    // The history a plugin reads, composed from the remote engine's history resources.
    const HttpResult history =
        httpRequest(workers.port(), "GET", "/saga-probe/history?instance=" + id);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(history.text, 200, history.status);
    CPPUNIT_ASSERT_EQUAL(std::string("COMPLETED"), history.json["instance"].value("state", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("StartEvent_PublicationRequested"),
                         history.json["activities"].front().value("activityId", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("EndEvent_Published"),
                         history.json["activities"].back().value("activityId", ""));
    CPPUNIT_ASSERT(history.json["open_tasks"].empty());
    CPPUNIT_ASSERT(history.json["incidents"].empty());
    const HttpResult unknown =
        httpRequest(workers.port(), "GET", "/saga-probe/history?instance=no");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(unknown.text, 404, unknown.status);
  }

  void testBusinessErrorFromARemoteWorkerUndoesTheStepsDone() {
    TempDir dir;
    CatalogdProcess engine(engineHost(dir));
    CatalogdProcess workers(workerHost(dir, engine.port(), {{"CREATE_STORE_ENTRY", "bpmn-error"}}));
    const std::string id = startSaga(workers.port());
    assertEnds(engine.port(), workers.port(), id);
    CPPUNIT_ASSERT_EQUAL(std::string("lock-prices,validate-specifications,create-store-entry,"
                                     "unlock-prices,revert-offering-to-draft"),
                         topicsHandled(workers.port(), id));
    // The error message crossed as the boundary event's failureReason.
    const Json items = handled(workers.port(), id);
    CPPUNIT_ASSERT_EQUAL(Json("create-store-entry said no"),
                         items.back().at("variables").value("failureReason", Json()));
  }

  void testRemoteFailuresAreRetriedThenRaiseAnIncidentOnTheEngine() {
    TempDir dir;
    CatalogdProcess engine(engineHost(dir));
    CatalogdProcess workers(
        workerHost(dir, engine.port(),
                   {{"LOCK_PRICES", "bpmn-error"}, {"REVERT_OFFERING_TO_DRAFT", "throw"}}));
    const std::string id = startSaga(workers.port());
    Json incidents;
    const bool raised = eventually(
        [&] {
          incidents = engineGet(engine.port(), "/incident?processInstanceId=" + id);
          return !incidents.empty();
        },
        std::chrono::seconds(20));
    CPPUNIT_ASSERT_MESSAGE(topicsHandled(workers.port(), id), raised);
    CPPUNIT_ASSERT_EQUAL(std::string("Task_RevertOfferingToDraft"),
                         incidents[0].value("activityId", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("revert-offering-to-draft is broken"),
                         incidents[0].value("incidentMessage", ""));
    // The first attempt and the two retries the worker reported, counting down.
    Json retries = Json::array();
    for (const Json& item : handled(workers.port(), id))
      if (item.at("topic") == "revert-offering-to-draft") retries.push_back(item.at("retries"));
    CPPUNIT_ASSERT_EQUAL(Json({nullptr, 2, 1}), retries);
    CPPUNIT_ASSERT_EQUAL(std::string("ACTIVE"), instanceState(engine.port(), id));
  }

  void testWorkersWaitOutAnEngineOutageAndResume() {
    TempDir dir;
    const int port = freePort();
    auto engine = std::make_unique<CatalogdProcess>(engineHost(dir, port));
    CatalogdProcess workers(workerHost(dir, port));
    engine->terminate();
    const bool noticed = eventually([&] { return logged(workers, "worker of lock-prices failed"); },
                                    std::chrono::seconds(20));
    CPPUNIT_ASSERT_MESSAGE(workers.logs(), noticed);
    CPPUNIT_ASSERT_MESSAGE(workers.logs(), logged(workers, "next attempt in"));

    engine = std::make_unique<CatalogdProcess>(engineHost(dir, port));
    const std::string id = startSaga(workers.port());
    assertEnds(port, workers.port(), id);
    CPPUNIT_ASSERT_EQUAL(kPublished, topicsHandled(workers.port(), id));
  }

  void testWorkersWithoutAnAccountSayWhatIsMissing() {
    TempDir dir;
    CatalogdProcess engine(engineHost(dir));
    CatalogdProcess workers(workerHost(dir, engine.port(), {}, ""));
    const bool said = eventually(
        [&] {
          return logged(workers, "refused a call without a token (set catalog.serviceAccount");
        },
        std::chrono::seconds(20));
    CPPUNIT_ASSERT_MESSAGE(workers.logs(), said);
    // Nothing was started or worked without a token.
    const HttpResult start =
        httpRequest(workers.port(), "POST", "/saga-probe/start",
                    Json{{"business_key", "offering-1"}, {"variables", Json::object()}}.dump());
    CPPUNIT_ASSERT_MESSAGE(start.text, start.status >= 500);
    CPPUNIT_ASSERT(engineGet(engine.port(), "/history/process-instance").empty());
  }

  void testWrongAccountPasswordIsNamedInTheLog() {
    TempDir dir;
    CatalogdProcess engine(engineHost(dir));
    CatalogdProcess workers(workerHost(dir, engine.port(), {}, "not-the-password"));
    const bool said = eventually(
        [&] {
          return logged(workers, "service account admin could not sign in (identity answered 401");
        },
        std::chrono::seconds(20));
    CPPUNIT_ASSERT_MESSAGE(workers.logs(), said);
    CPPUNIT_ASSERT_MESSAGE("the password must never be logged",
                           !logged(workers, "not-the-password"));
  }

  // Seven workers each hold a 10 s long poll on the engine; stopping must not wait them out.
  void testStopCutsParkedLongPollsShort() {
    TempDir dir;
    CatalogdProcess engine(engineHost(dir));
    CatalogdProcess workers(workerHost(dir, engine.port()));
    const std::string id = startSaga(workers.port());
    assertEnds(engine.port(), workers.port(), id);  // the workers are signed in and polling
    const auto began = std::chrono::steady_clock::now();
    CPPUNIT_ASSERT_EQUAL(0, workers.terminate(5));
    const auto took = std::chrono::steady_clock::now() - began;
    CPPUNIT_ASSERT_MESSAGE(
        "stopping took " +
            std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()) +
            " ms",
        took < std::chrono::seconds(5));
  }

  void testConflictingOrIncompleteEngineSettingsAreRefused() {
    const std::vector<std::pair<std::map<std::string, std::string>, std::string>> cases = {
        {{{"CATALOG_ENGINE_ENABLED", "true"}, {"CATALOG_ENGINE_URL", "http://e:8000/engine-rest"}},
         "catalog.engine.enabled and catalog.engine.url exclude each other"},
        {{{"CATALOG_ENGINE_ENABLED", "false"}, {"CATALOG_ENGINE_URL", "https://e/engine-rest"}},
         "catalog.engine.url must be an http:// URL, not 'https://e/engine-rest'"},
        {{{"CATALOG_SERVICE_ACCOUNT_USERNAME", "workers"}},
         "catalog.serviceAccount.username and catalog.serviceAccount.password go together"}};
    for (const auto& [env, refusal] : cases) {
      TempDir dir;
      CatalogdProcess catalogd(
          {{"--data-dir=" + dir.file("var")}, env, dir.file("catalogd.log"), 0, false});
      CPPUNIT_ASSERT_EQUAL_MESSAGE(refusal, 78, catalogd.waitExit());
      CPPUNIT_ASSERT_MESSAGE(catalogd.logs(), logged(catalogd, refusal));
    }
  }

  // The offering plugin and the engine in one process; characteristic, specification and
  // pricing in another, whose lock-prices, validate-specifications and unlock-prices workers
  // fetch over REST (the store steps come from the probe until the store plugin exists).
  void testPublicationWithPricingAndSpecificationInAnotherProcess() {
    TempDir dir;
    const int engine_port = freePort();
    const int context_port = freePort();
    SplitHost engine({{"--plugins=identity,offering", "--data-dir=" + dir.file("engine")},
                      {{"CATALOG_ENGINE_ENABLED", "true"},
                       {"CATALOG_ADMIN_PASSWORD", kAdminPassword},
                       {"CATALOG_PRICING_SERVICE_URL", baseUrl(context_port)},
                       {"CATALOG_SPECIFICATION_SERVICE_URL", baseUrl(context_port)}},
                      dir.file("engine.log"),
                      engine_port});
    SplitHost contexts({{"--plugins=characteristic,specification,pricing,saga_probe",
                         "--data-dir=" + dir.file("contexts")},
                        {{"CATALOG_PLUGIN_PATH", CATALOG_FIXTURE_DIR},
                         {"CATALOG_ENGINE_ENABLED", "false"},
                         {"CATALOG_ENGINE_URL", baseUrl(engine_port) + "/engine-rest"},
                         {"CATALOG_IDENTITY_SERVICE_URL", baseUrl(engine_port)},
                         {"CATALOG_SERVICE_ACCOUNT_USERNAME", "admin"},
                         {"CATALOG_SERVICE_ACCOUNT_PASSWORD", kAdminPassword},
                         {"CATALOG_SAGA_PROBE_TOPICS", "create-store-entry,delete-store-entry"}},
                        dir.file("contexts.log"),
                        context_port});
    const std::string token = adminToken(engine_port);

    const Json speed =
        contexts.created("/api/v1/characteristics", token,
                         {{"name", "Speed"}, {"value", "100"}, {"unit_of_measure", "Mbps"}});
    const Json fibre = contexts.created("/api/v1/specifications", token,
                                        {{"name", "Fibre"}, {"characteristic_ids", {speed["id"]}}});
    const Json price = contexts.created(
        "/api/v1/prices", token,
        {{"name", "Monthly"}, {"value", "50.00"}, {"unit", "per month"}, {"currency", "USD"}});
    const Json offering = engine.created("/api/v1/offerings", token,
                                         {{"name", "Fibre 100"},
                                          {"specification_ids", {fibre["id"]}},
                                          {"pricing_ids", {price["id"]}},
                                          {"sales_channels", {"online"}}});
    const std::string path = "/api/v1/offerings/" + offering["id"].get<std::string>();
    const HttpResult publish = engine.call("POST", path + "/publish", token);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(publish.text, 202, publish.status);

    Json view;
    const bool published = eventually(
        [&] {
          view = engine.call("GET", path + "/publication", token).json;
          return view.value("state", "") == "PUBLISHED" && !view["ended_at"].is_null();
        },
        std::chrono::seconds(20));
    CPPUNIT_ASSERT_MESSAGE(view.dump(), published);
    for (const Json& step : view["steps"]) {
      if (step.value("kind", "") == "forward")
        CPPUNIT_ASSERT_EQUAL_MESSAGE(step.dump(), std::string("done"), step.value("status", ""));
    }
    // Locked by the saga in the other process, and released there once published.
    const HttpResult got =
        contexts.call("GET", "/api/v1/prices/" + price["id"].get<std::string>(), token);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(got.text, 200, got.status);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(got.text, false, got.json.value("locked", true));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(got.text, 3, got.json.value("version", 0));  // locked, released
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RemoteEngineTest);

}  // namespace catalog::test
