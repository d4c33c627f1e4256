// The outbox end to end: events survive a kill -9, a redelivered event has no second effect,
// an event that keeps failing is parked as DEAD and visible in /health.
#include <cppunit/extensions/HelperMacros.h>
#include <sqlite3.h>

#include "support/catalogd_process.hpp"
#include "support/eventually.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

CatalogdProcess::Options options(const TempDir& dir, std::map<std::string, std::string> env = {}) {
  env["CATALOG_PLUGIN_PATH"] = CATALOG_FIXTURE_DIR;
  env.merge(TestIssuer::instance().hostEnv());
  env.emplace("CATALOG_OUTBOX_BACKOFF_MS", "20");
  env.emplace("CATALOG_OUTBOX_POLL_MS", "50");
  env.emplace("CATALOG_OUTBOX_CLAIM_MS", "500");  // a dead relay's claims lapse soon
  return {{"--plugins=characteristic,probe", "--data-dir=" + dir.file("var")},
          env,
          dir.file("catalogd.log")};
}

std::string createCharacteristic(int port, const std::string& name) {
  const HttpResult result =
      httpRequest(port, "POST", "/api/v1/characteristics",
                  Json{{"name", name}, {"value", "1"}, {"unit_of_measure", "GB"}}.dump(),
                  TestIssuer::instance().bearer("ADMIN"));
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 201, result.status);
  return result.json["id"];
}

std::size_t probeEvents(int port) {
  return httpRequest(port, "GET", "/probe/events").json["items"].size();
}

Json outboxOf(int port) {
  return httpRequest(port, "GET", "/health").json["plugins"]["characteristic"]["outbox"];
}

// Runs SQL on the characteristic plugin's SQLite file while no catalogd has it open.
void executeOnCharacteristicDb(const TempDir& dir, const std::string& sql) {
  sqlite3* db = nullptr;
  CPPUNIT_ASSERT_EQUAL(SQLITE_OK, sqlite3_open(dir.file("var/characteristic.db").c_str(), &db));
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  const std::string message = error != nullptr ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  CPPUNIT_ASSERT_EQUAL_MESSAGE(message, SQLITE_OK, rc);
}

}  // namespace

class OutboxRelayTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(OutboxRelayTest);
  CPPUNIT_TEST(testEventWrittenBeforeKill9IsDeliveredAfterRestart);
  CPPUNIT_TEST(testRedeliveredEventHasNoSecondEffect);
  CPPUNIT_TEST(testEventThatKeepsFailingIsParkedDeadAndVisible);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testEventWrittenBeforeKill9IsDeliveredAfterRestart() {
    TempDir dir;
    {
      CatalogdProcess failing(options(dir, {{"CATALOG_PROBE_FAIL", "true"}}));
      createCharacteristic(failing.port(), "Durable");
      // The relay has tried and failed at least once: the event is committed and undelivered.
      CPPUNIT_ASSERT(eventually(
          [&] { return failing.logs().find("failed (attempt 1)") != std::string::npos; }));
      CPPUNIT_ASSERT_EQUAL(std::size_t{0}, probeEvents(failing.port()));
      failing.kill9();
    }
    CatalogdProcess restarted(options(dir));
    CPPUNIT_ASSERT(eventually([&] { return probeEvents(restarted.port()) == 1; }));
    CPPUNIT_ASSERT(eventually([&] { return outboxOf(restarted.port())["pending"] == 0; }));
  }

  void testRedeliveredEventHasNoSecondEffect() {
    TempDir dir;
    {
      CatalogdProcess first(options(dir));
      createCharacteristic(first.port(), "Once");
      CPPUNIT_ASSERT(eventually([&] { return probeEvents(first.port()) == 1; }));
      CPPUNIT_ASSERT_EQUAL(0, first.terminate());
    }
    // As if the relay crashed between delivering and marking the event sent: its claim on the
    // event lapses, and the next relay sends it again.
    executeOnCharacteristicDb(dir,
                              "UPDATE catalog_outbox SET status = 'PENDING', processed_at = NULL");
    CatalogdProcess second(options(dir));
    CPPUNIT_ASSERT(eventually([&] { return outboxOf(second.port())["pending"] == 0; }));
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, probeEvents(second.port()));
  }

  void testEventThatKeepsFailingIsParkedDeadAndVisible() {
    TempDir dir;
    CatalogdProcess catalogd(
        options(dir, {{"CATALOG_PROBE_FAIL", "true"}, {"CATALOG_OUTBOX_MAX_ATTEMPTS", "3"}}));
    createCharacteristic(catalogd.port(), "Doomed");
    CPPUNIT_ASSERT(eventually([&] { return outboxOf(catalogd.port())["dead"] == 1; }));
    const HttpResult health = httpRequest(catalogd.port(), "GET", "/health");
    CPPUNIT_ASSERT_EQUAL(std::string("degraded"), health.json.value("status", ""));
    CPPUNIT_ASSERT(catalogd.logs().find(
                       "is DEAD after 3 attempts: probe/probe.resource.characteristics.events: "
                       "probe told to fail") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(0, catalogd.terminate());
    // Kept with its error, not lost.
    sqlite3* db = nullptr;
    sqlite3_open(dir.file("var/characteristic.db").c_str(), &db);
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, "SELECT status, attempts, error_message FROM catalog_outbox", -1,
                       &statement, nullptr);
    CPPUNIT_ASSERT_EQUAL(SQLITE_ROW, sqlite3_step(statement));
    CPPUNIT_ASSERT_EQUAL(
        std::string("DEAD"),
        std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))));
    CPPUNIT_ASSERT_EQUAL(3, sqlite3_column_int(statement, 1));
    CPPUNIT_ASSERT(std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, 2)))
                       .find("probe told to fail") != std::string::npos);
    sqlite3_finalize(statement);
    sqlite3_close(db);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OutboxRelayTest);

}  // namespace catalog::test
