// The outbox relay on a real PostgreSQL (SRS §4.1.4): woken by the outbox trigger's NOTIFY with
// polling as good as off, for events another process wrote; after the server restarts, the
// relay listens again and rescans; and two catalogd processes on one characteristic database
// (two instances of the plugin) never send the same event twice at once.
#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <thread>

#include "catalog/sdk/ids.hpp"
#include "support/catalogd_process.hpp"
#include "support/eventually.hpp"
#include "support/http_client.hpp"
#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

// Characteristic on `database`, its events recorded by the probe (on SQLite); the relay polls
// once a minute, so anything delivered sooner was woken by a notification.
CatalogdProcess::Options hostOn(const TempDir& dir, const std::string& database) {
  CatalogdProcess::Options options{
      {"--plugins=characteristic,probe", "--data-dir=" + dir.file("var")},
      TestIssuer::instance().hostEnv(),
      dir.file("catalogd.log")};
  options.env["CATALOG_PLUGIN_PATH"] = CATALOG_FIXTURE_DIR;
  options.env["CATALOG_CHARACTERISTIC_DATABASE_URL"] = database;
  options.env["CATALOG_OUTBOX_POLL_MS"] = "60000";
  return options;
}

// An event as another writer of the database would commit it, straight into the outbox.
void insertEvent(PostgresServer& server, const std::string& database, const std::string& name) {
  const std::string id = sdk::newUuid();
  const std::string event_id = sdk::newUuid();
  const Json envelope = {
      {"event_id", event_id},
      {"event_type", "CharacteristicCreated"},
      {"schema_version", "1.0"},
      {"entity_version", 1},
      {"timestamp", sdk::utcNow()},
      {"correlation_id", "outside-" + name},
      {"payload", {{"id", id}, {"name", name}, {"value", "1"}, {"unit_of_measure", "GB"}}}};
  server.execute(database,
                 "INSERT INTO catalog_outbox (event_id, topic, event_type, envelope,"
                 " next_attempt_at, created_at) VALUES ('" +
                     event_id + "', 'resource.characteristics.events', 'CharacteristicCreated', '" +
                     envelope.dump() + "', now(), now())");
}

std::vector<std::string> probedNames(int port) {
  std::vector<std::string> names;
  const HttpResult events = httpRequest(port, "GET", "/probe/events");
  for (const Json& event : events.json["items"])
    names.push_back(event["payload"].value("name", ""));
  return names;
}

bool probed(int port, const std::string& name) {
  const auto names = probedNames(port);
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

class OutboxNotifyTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(OutboxNotifyTest);
  CPPUNIT_TEST(testEventWrittenElsewhereIsRelayedAtTheNotification);
  CPPUNIT_TEST(testRelayListensAgainAndRescansAfterTheServerRestarts);
  CPPUNIT_TEST(testTwoInstancesNeverSendTheSameEventTwice);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testEventWrittenElsewhereIsRelayedAtTheNotification() {
    PostgresServer server;
    const std::string database = server.createDatabase("characteristics");
    TempDir dir;
    CatalogdProcess host(hostOn(dir, database));
    insertEvent(server, database, "Notified");
    CPPUNIT_ASSERT(
        eventually([&] { return probed(host.port(), "Notified"); }, std::chrono::seconds(5)));
  }

  void testRelayListensAgainAndRescansAfterTheServerRestarts() {
    PostgresServer server;
    const std::string database = server.createDatabase("characteristics");
    TempDir dir;
    CatalogdProcess host(hostOn(dir, database));
    server.stop();
    server.start();
    // Written before the listener is back, maybe: its notification would be lost, and the
    // rescan after reconnecting finds the event.
    insertEvent(server, database, "After restart");
    CPPUNIT_ASSERT_MESSAGE(
        host.logs(),
        eventually([&] { return probed(host.port(), "After restart"); }, std::chrono::seconds(20)));
    CPPUNIT_ASSERT(host.logs().find("listening again") != std::string::npos);
  }

  // Each process's relay is woken by its own commits and by the other's notifications, so both
  // race for every event; each is sent by exactly one of them.
  void testTwoInstancesNeverSendTheSameEventTwice() {
    PostgresServer server;
    const std::string database = server.createDatabase("characteristics");
    TempDir dir_a, dir_b;
    CatalogdProcess a(hostOn(dir_a, database));
    CatalogdProcess b(hostOn(dir_b, database));
    constexpr int kPerHost = 40;
    const auto write = [](int port, const std::string& prefix) {
      for (int i = 0; i < kPerHost; ++i) {
        const HttpResult created = httpRequest(port, "POST", "/api/v1/characteristics",
                                               Json{{"name", prefix + " " + std::to_string(i)},
                                                    {"value", "1"},
                                                    {"unit_of_measure", "GB"}}
                                                   .dump(),
                                               TestIssuer::instance().bearer("ADMIN"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(created.text, 201, created.status);
      }
    };
    std::thread writer_a([&] { write(a.port(), "From a"); });
    std::thread writer_b([&] { write(b.port(), "From b"); });
    writer_a.join();
    writer_b.join();

    std::vector<std::string> all;
    CPPUNIT_ASSERT(eventually(
        [&] {
          all = probedNames(a.port());
          const auto more = probedNames(b.port());
          all.insert(all.end(), more.begin(), more.end());
          return all.size() >= 2 * kPerHost;
        },
        std::chrono::seconds(20)));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // a duplicate would show by now
    all = probedNames(a.port());
    const auto more = probedNames(b.port());
    all.insert(all.end(), more.begin(), more.end());
    const std::set<std::string> distinct(all.begin(), all.end());
    CPPUNIT_ASSERT_EQUAL(std::size_t{2 * kPerHost}, distinct.size());
    CPPUNIT_ASSERT_EQUAL(std::size_t{2 * kPerHost}, all.size());
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OutboxNotifyTest);

}  // namespace catalog::test
