// The publication saga end to end on catalogd's embedded engine, worked through the SDK by the
// saga_probe fixture: the happy path, compensation from every failure point, the SDK's retries
// with back-off, an undo step that ends in an incident, a host killed mid-task, and many sagas
// at once.
#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <cppunit/extensions/HelperMacros.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "support/catalogd_process.hpp"
#include "support/eventually.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

// The topics up to the confirmation, and those of a whole publication: the prices released last.
constexpr const char* kConfirmed =
    "lock-prices,validate-specifications,create-store-entry,"
    "confirm-publication";
const std::string kPublished = std::string(kConfirmed) + ",unlock-prices";

const Json kStartVariables = {{"offeringId", "offering-1"},
                              {"pricingIds", Json::array({"price-1", "price-2"})},
                              {"correlationId", "saga-correlation-1"}};

// The environment variable of the probe's setting `key` (saga_probe.<key>), named as the host's
// environmentName() names it: CATALOG_SAGA_PROBE_<KEY>, upper case, '-' and '.' as '_'.
std::string probeSetting(const std::string& key) {
  std::string name = "CATALOG_SAGA_PROBE_";
  for (const char c : key) {
    name += (c == '-' || c == '.') ? '_'
                                   : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name;
}

// A catalogd with the engine on and only the saga probe, told `probe` (setting → value, e.g.
// {"confirm-publication", "bpmn-error"}); its data (and so its engine.db) under `dir`.
CatalogdProcess::Options sagaHost(const TempDir& dir,
                                  const std::map<std::string, std::string>& probe = {}) {
  std::map<std::string, std::string> env = TestIssuer::instance().hostEnv();
  env["CATALOG_PLUGIN_PATH"] = CATALOG_FIXTURE_DIR;
  env["CATALOG_ENGINE_ENABLED"] = "true";
  env["CATALOG_SAGA_PROBE_BPMN"] =
      std::string(CATALOG_SOURCE_DIR) + "/bpmn/offering-publication-saga.bpmn";
  for (const auto& [key, value] : probe) env[probeSetting(key)] = value;
  return {{"--plugins=saga_probe", "--data-dir=" + dir.file("var")}, env, dir.file("catalogd.log")};
}

std::string startSaga(int port, const std::string& business_key = "offering-1",
                      const Json& variables = kStartVariables) {
  const HttpResult result =
      httpRequest(port, "POST", "/saga-probe/start",
                  Json{{"business_key", business_key}, {"variables", variables}}.dump());
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 201, result.status);
  return result.json.at("instance_id");
}

Json engineGet(int port, const std::string& path) {
  const HttpResult result =
      httpRequest(port, "GET", "/engine-rest" + path, {}, TestIssuer::instance().bearer("ADMIN"));
  CPPUNIT_ASSERT_EQUAL_MESSAGE(path + ": " + result.text, 200, result.status);
  return result.json;
}

// The tasks the probe handled for `instance`, in order: {"topic", "task_id", "retries",
// "variables"}.
Json handled(int port, const std::string& instance) {
  const HttpResult result = httpRequest(port, "GET", "/saga-probe/handled?instance=" + instance);
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 200, result.status);
  return result.json.at("items");
}

// Only the tasks of `topic`.
Json handled(int port, const std::string& instance, const std::string& topic) {
  Json items = Json::array();
  for (const Json& item : handled(port, instance))
    if (item.at("topic") == topic) items.push_back(item);
  return items;
}

// The handled topics, comma-separated, so a wrong sequence shows whole in the failure message.
std::string topicsHandled(int port, const std::string& instance) {
  std::string topics;
  for (const Json& item : handled(port, instance))
    topics += (topics.empty() ? "" : ",") + item.at("topic").get<std::string>();
  return topics;
}

std::string state(int port, const std::string& instance) {
  const Json instances = engineGet(port, "/history/process-instance?processInstanceId=" + instance);
  return instances.empty() ? "" : instances[0].value("state", "");
}

std::vector<std::string> activities(int port, const std::string& instance) {
  std::vector<std::string> ids;
  for (const Json& activity :
       engineGet(port, "/history/activity-instance?processInstanceId=" + instance))
    ids.push_back(activity.at("activityId"));
  return ids;
}

std::string lastActivity(int port, const std::string& instance) {
  const std::vector<std::string> ids = activities(port, instance);
  return ids.empty() ? "" : ids.back();
}

bool reached(int port, const std::string& instance, const std::string& activity) {
  const std::vector<std::string> ids = activities(port, instance);
  return std::find(ids.begin(), ids.end(), activity) != ids.end();
}

Json incidents(int port, const std::string& instance) {
  return engineGet(port, "/incident?processInstanceId=" + instance);
}

void assertEnds(int port, const std::string& instance,
                std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const bool ended = eventually([&] { return state(port, instance) == "COMPLETED"; }, timeout);
  CPPUNIT_ASSERT_MESSAGE("saga " + instance + " did not end; handled so far: " +
                             topicsHandled(port, instance) + "; state " + state(port, instance),
                         ended);
}

// "2024-05-01T10:11:12.345Z" or Camunda's "2024-05-01T10:11:12.345+0000" in ms since the epoch.
std::int64_t epochMillis(const std::string& time) {
  int tzd = 0;
  const Poco::DateTime parsed = Poco::DateTimeParser::parse(
      Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, time.substr(0, 23) + "Z", tzd);
  return parsed.timestamp().epochMicroseconds() / 1000;
}

// When the probe began each task of `topic` for `instance`, in order, read from the probe's
// database: its HTTP view leaves the time out.
std::vector<std::int64_t> handledAt(const TempDir& dir, const std::string& instance,
                                    const std::string& topic) {
  sqlite3* db = nullptr;
  const int opened =
      sqlite3_open_v2(dir.file("var/saga_probe.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  CPPUNIT_ASSERT_EQUAL_MESSAGE(sqlite3_errmsg(db), SQLITE_OK, opened);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT handled_at FROM handled_tasks WHERE instance_id = ? AND topic = ?"
                     " ORDER BY sequence",
                     -1, &statement, nullptr);
  sqlite3_bind_text(statement, 1, instance.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(statement, 2, topic.c_str(), -1, SQLITE_TRANSIENT);
  std::vector<std::int64_t> times;
  while (sqlite3_step(statement) == SQLITE_ROW)
    times.push_back(epochMillis(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))));
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return times;
}

// Runs a saga on a host told `probe`, and asserts it handled exactly `topics` (in order), ended
// in "Publication failed", and that every undo step saw `failure_reason` when one is given.
void assertCompensates(const std::map<std::string, std::string>& probe, const std::string& topics,
                       const std::optional<std::string>& failure_reason) {
  TempDir dir;
  CatalogdProcess host(sagaHost(dir, probe));
  const std::string id = startSaga(host.port());
  assertEnds(host.port(), id);
  CPPUNIT_ASSERT_EQUAL(topics, topicsHandled(host.port(), id));
  CPPUNIT_ASSERT_EQUAL(std::string("EndEvent_PublicationFailed"), lastActivity(host.port(), id));
  CPPUNIT_ASSERT(!reached(host.port(), id, "EndEvent_Published"));
  if (!failure_reason) return;
  const std::set<std::string> undo = {"delete-store-entry", "unlock-prices",
                                      "revert-offering-to-draft"};
  for (const Json& item : handled(host.port(), id)) {
    if (undo.count(item.at("topic").get<std::string>()) == 0) continue;
    CPPUNIT_ASSERT_EQUAL_MESSAGE(item.dump(), Json(*failure_reason),
                                 item.at("variables").value("failureReason", Json()));
  }
}

}  // namespace

class SagaWorkersTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(SagaWorkersTest);
  CPPUNIT_TEST(testHappyPathRunsTheFiveStepsInOrderAndPublishes);
  CPPUNIT_TEST(testPricesNotLockedOnlyRevertsTheOffering);
  CPPUNIT_TEST(testSpecificationsNotValidatedUnlocksPricesThenReverts);
  CPPUNIT_TEST(testInvalidSpecificationsTakeTheGatewayToUnlockAndRevert);
  CPPUNIT_TEST(testStoreEntryNotCreatedUnlocksPricesThenReverts);
  CPPUNIT_TEST(testPublicationNotConfirmedUndoesEveryStepInReverseOrder);
  CPPUNIT_TEST(testThrowingStepIsRetriedWithGrowingDelaysThenCompensates);
  CPPUNIT_TEST(testThrowingUndoStepWaitsAsIncidentUntilAnOperatorRetries);
  CPPUNIT_TEST(testTaskOfKilledHostIsHandedOutAgainWhenItsLockExpires);
  CPPUNIT_TEST(testTwentyConcurrentSagasEachRunEveryStepOnce);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testHappyPathRunsTheFiveStepsInOrderAndPublishes() {
    TempDir dir;
    CatalogdProcess host(sagaHost(dir));
    const std::string id = startSaga(host.port());
    assertEnds(host.port(), id);
    CPPUNIT_ASSERT_EQUAL(kPublished, topicsHandled(host.port(), id));
    for (const Json& item : handled(host.port(), id)) {
      CPPUNIT_ASSERT_MESSAGE(item.dump(), item.at("retries").is_null());
      for (const char* name : {"offeringId", "pricingIds", "correlationId"})
        CPPUNIT_ASSERT_EQUAL_MESSAGE(item.dump(), kStartVariables.at(name),
                                     item.at("variables").value(name, Json()));
    }
    CPPUNIT_ASSERT(reached(host.port(), id, "Task_ReleasePrices"));
    CPPUNIT_ASSERT(!reached(host.port(), id, "Task_UnlockPrices"));
    CPPUNIT_ASSERT_EQUAL(std::string("EndEvent_Published"), lastActivity(host.port(), id));
  }

  void testPricesNotLockedOnlyRevertsTheOffering() {
    assertCompensates({{"lock-prices", "bpmn-error"}}, "lock-prices,revert-offering-to-draft",
                      "lock-prices said no");
  }

  void testSpecificationsNotValidatedUnlocksPricesThenReverts() {
    assertCompensates({{"validate-specifications", "bpmn-error"}},
                      "lock-prices,validate-specifications,unlock-prices,revert-offering-to-draft",
                      "validate-specifications said no");
  }

  void testInvalidSpecificationsTakeTheGatewayToUnlockAndRevert() {
    assertCompensates({{"specificationsValid", "false"}},
                      "lock-prices,validate-specifications,unlock-prices,revert-offering-to-draft",
                      std::nullopt);
  }

  void testStoreEntryNotCreatedUnlocksPricesThenReverts() {
    assertCompensates({{"create-store-entry", "bpmn-error"}},
                      "lock-prices,validate-specifications,create-store-entry,unlock-prices,"
                      "revert-offering-to-draft",
                      "create-store-entry said no");
  }

  void testPublicationNotConfirmedUndoesEveryStepInReverseOrder() {
    assertCompensates(
        {{"confirm-publication", "bpmn-error"}},
        std::string(kConfirmed) + ",delete-store-entry,unlock-prices,revert-offering-to-draft",
        "confirm-publication said no");
  }

  // Two retries after the first failure, 200 ms then 400 ms apart (first_retry_delay doubled);
  // used up, the forward step reports PublicationFailed and the saga compensates.
  void testThrowingStepIsRetriedWithGrowingDelaysThenCompensates() {
    TempDir dir;
    CatalogdProcess host(sagaHost(dir, {{"create-store-entry", "throw"}, {"retryDelayMs", "200"}}));
    const std::string id = startSaga(host.port());
    assertEnds(host.port(), id);
    CPPUNIT_ASSERT_EQUAL(std::string("lock-prices,validate-specifications,create-store-entry,"
                                     "create-store-entry,create-store-entry,unlock-prices,"
                                     "revert-offering-to-draft"),
                         topicsHandled(host.port(), id));
    const Json attempts = handled(host.port(), id, "create-store-entry");
    CPPUNIT_ASSERT_EQUAL(Json::array({nullptr, 2, 1}),
                         Json::array({attempts.at(0).at("retries"), attempts.at(1).at("retries"),
                                      attempts.at(2).at("retries")}));
    const std::vector<std::int64_t> at = handledAt(dir, id, "create-store-entry");
    CPPUNIT_ASSERT_MESSAGE("first retry after " + std::to_string(at.at(1) - at.at(0)) + " ms",
                           at.at(1) - at.at(0) >= 200);
    CPPUNIT_ASSERT_MESSAGE("second retry after " + std::to_string(at.at(2) - at.at(1)) + " ms",
                           at.at(2) - at.at(1) >= 400);
    CPPUNIT_ASSERT_EQUAL(Json("create-store-entry is broken"),
                         handled(host.port(), id, "unlock-prices")
                             .at(0)
                             .at("variables")
                             .value("failureReason", Json()));
    CPPUNIT_ASSERT_EQUAL(std::string("EndEvent_PublicationFailed"), lastActivity(host.port(), id));
  }

  void testThrowingUndoStepWaitsAsIncidentUntilAnOperatorRetries() {
    TempDir dir;
    CatalogdProcess host(
        sagaHost(dir, {{"confirm-publication", "bpmn-error"}, {"unlock-prices", "throw"}}));
    const int port = host.port();
    const std::string id = startSaga(port);
    CPPUNIT_ASSERT(eventually([&] { return !incidents(port, id).empty(); }));
    const Json incident = incidents(port, id);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(incident.dump(), std::size_t{1}, incident.size());
    CPPUNIT_ASSERT_EQUAL(Json("failedExternalTask"), incident.at(0).at("incidentType"));
    CPPUNIT_ASSERT_EQUAL(Json("Task_UnlockPrices"), incident.at(0).at("activityId"));
    CPPUNIT_ASSERT_EQUAL(
        std::string(kConfirmed) + ",delete-store-entry,unlock-prices,unlock-prices,unlock-prices",
        topicsHandled(port, id));
    CPPUNIT_ASSERT(!reached(port, id, "Task_RevertOfferingToDraft"));
    CPPUNIT_ASSERT_EQUAL(std::string("ACTIVE"), state(port, id));

    const std::string task = incident.at(0).at("configuration");
    const HttpResult retried =
        httpRequest(port, "PUT", "/engine-rest/external-task/" + task + "/retries",
                    Json{{"retries", 1}}.dump(), TestIssuer::instance().bearer("ADMIN"));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(retried.text, 204, retried.status);
    CPPUNIT_ASSERT(
        eventually([&] { return handled(port, id, "unlock-prices").size() == std::size_t{4}; }));
    CPPUNIT_ASSERT_EQUAL(Json(1), handled(port, id, "unlock-prices").at(3).at("retries"));
    CPPUNIT_ASSERT(eventually([&] { return incidents(port, id).size() == std::size_t{1}; }));
  }

  // The killed host's worker held create-store-entry under a 1.5 s lock; the restarted host
  // gets the same task only once that lock has expired, and the saga goes on to publication.
  void testTaskOfKilledHostIsHandedOutAgainWhenItsLockExpires() {
    TempDir dir;
    std::string id;
    std::string lock_expiration;
    {
      CatalogdProcess host(
          sagaHost(dir, {{"create-store-entry", "slow"}, {"slowMs", "3000"}, {"lockMs", "1500"}}));
      id = startSaga(host.port());
      CPPUNIT_ASSERT(
          eventually([&] { return !handled(host.port(), id, "create-store-entry").empty(); }));
      const Json tasks = engineGet(host.port(), "/external-task?processInstanceId=" + id);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(tasks.dump(), Json("Task_CreateStoreEntry"),
                                   tasks.at(0).at("activityId"));
      lock_expiration = tasks.at(0).at("lockExpirationTime");
      host.kill9();
    }
    CatalogdProcess restarted(sagaHost(dir, {{"lockMs", "1500"}}));
    assertEnds(restarted.port(), id);
    CPPUNIT_ASSERT_EQUAL(std::string("lock-prices,validate-specifications,create-store-entry,"
                                     "create-store-entry,confirm-publication,unlock-prices"),
                         topicsHandled(restarted.port(), id));
    const Json attempts = handled(restarted.port(), id, "create-store-entry");
    CPPUNIT_ASSERT_EQUAL(attempts.at(0).at("task_id"), attempts.at(1).at("task_id"));
    const std::int64_t again = handledAt(dir, id, "create-store-entry").at(1);
    CPPUNIT_ASSERT_MESSAGE("handed out again " +
                               std::to_string(epochMillis(lock_expiration) - again) +
                               " ms before the lock expired",
                           again >= epochMillis(lock_expiration));
    CPPUNIT_ASSERT_EQUAL(std::string("EndEvent_Published"), lastActivity(restarted.port(), id));
  }

  void testTwentyConcurrentSagasEachRunEveryStepOnce() {
    TempDir dir;
    CatalogdProcess host(sagaHost(dir));
    std::vector<std::future<std::string>> starts;
    for (int i = 0; i < 20; ++i) {
      starts.push_back(std::async(std::launch::async, [&host, i] {
        return startSaga(host.port(), "offering-" + std::to_string(i));
      }));
    }
    std::set<std::string> ids;
    for (auto& start : starts) ids.insert(start.get());
    CPPUNIT_ASSERT_EQUAL(std::size_t{20}, ids.size());
    for (const std::string& id : ids) {
      assertEnds(host.port(), id, std::chrono::seconds(20));
      CPPUNIT_ASSERT_EQUAL(kPublished, topicsHandled(host.port(), id));
      CPPUNIT_ASSERT_EQUAL(std::string("EndEvent_Published"), lastActivity(host.port(), id));
    }
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SagaWorkersTest);

}  // namespace catalog::test
