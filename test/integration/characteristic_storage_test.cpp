// The characteristic plugin's storage through a real catalogd, on its default SQLite file and on
// PostgreSQL (CATALOG_CHARACTERISTIC_DATABASE_URL): the HTTP API's persistence rules, and what a
// change leaves in the database, read back with the drivers' own clients.
#include <cppunit/extensions/HelperMacros.h>

#include <future>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "catalog/sdk/json.hpp"
#include "integration/shared_databases.hpp"
#include "integration/stored_rows.hpp"
#include "support/catalogd_process.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

constexpr const char* kCollection = "/api/v1/characteristics";
constexpr const char* kDatabaseUrlVariable = "CATALOG_CHARACTERISTIC_DATABASE_URL";

Json characteristic(const std::string& name, const std::string& value = "100",
                    const std::string& unit = "Mbps") {
  return {{"name", name}, {"value", value}, {"unit_of_measure", unit}};
}

std::string itemPath(const std::string& id) { return std::string(kCollection) + "/" + id; }

std::string describe(const HttpResult& result) {
  return std::to_string(result.status) + " " + result.text;
}

}  // namespace

class CharacteristicStorageTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(CharacteristicStorageTest);
  CPPUNIT_TEST(testCreatedCharacteristicIsReadBack);
  CPPUNIT_TEST(testListIsPagedByNameWithTotal);
  CPPUNIT_TEST(testUpdateWithCurrentVersionIncrementsVersion);
  CPPUNIT_TEST(testUpdateWithStaleVersionIsConflict);
  CPPUNIT_TEST(testDeletedCharacteristicIsNotFound);
  CPPUNIT_TEST(testDuplicateNameIsConflict);
  CPPUNIT_TEST(testNameDifferingOnlyInCaseIsConflict);
  CPPUNIT_TEST(testConcurrentCreatesOfOneNameLeaveOneAndConflictTheRest);
  CPPUNIT_TEST(testRestartKeepsData);
  CPPUNIT_TEST(testRestartAppliesNoMigration);
  CPPUNIT_TEST(testEachChangeWritesOneEvent);
  CPPUNIT_TEST(testRefusedChangeWritesNoEvent);
  CPPUNIT_TEST_SUITE_END_ABSTRACT();

 public:
  void setUp() override {
    data_dir_ = std::make_unique<TempDir>();
    database_url_ = newDatabaseUrl(*data_dir_);
    startCatalogd();
  }

  void tearDown() override {
    catalogd_.reset();
    data_dir_.reset();
  }

  void testCreatedCharacteristicIsReadBack() {
    const HttpResult created = post(characteristic("Speed", "100", "Mbps"));

    const HttpResult read = request("GET", itemPath(idOf(created)));

    CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(read), 200, read.status);
    CPPUNIT_ASSERT_EQUAL(idOf(created), read.json["id"].get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string("Speed"), read.json["name"].get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string("100"), read.json["value"].get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string("Mbps"), read.json["unit_of_measure"].get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, read.json["version"].get<std::int64_t>());
  }

  void testListIsPagedByNameWithTotal() {
    post(characteristic("Latency", "20", "Seconds"));
    post(characteristic("bandwidth", "1", "Gbps"));
    post(characteristic("Capacity", "2", "TB"));

    const HttpResult page = request("GET", std::string(kCollection) + "?page=2&page_size=2");

    CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(page), 200, page.status);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{3}, page.json["total"].get<std::int64_t>());
    CPPUNIT_ASSERT_EQUAL(2, page.json["page"].get<int>());
    CPPUNIT_ASSERT_EQUAL(2, page.json["page_size"].get<int>());
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, page.json["items"].size());
    CPPUNIT_ASSERT_EQUAL(std::string("Latency"), page.json["items"][0]["name"].get<std::string>());
  }

  void testUpdateWithCurrentVersionIncrementsVersion() {
    const std::string id = idOf(post(characteristic("Speed", "100", "Mbps")));

    const HttpResult updated = put(id, characteristic("Speed", "200", "Mbps"), 1);

    CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(updated), 200, updated.status);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, updated.json["version"].get<std::int64_t>());
    const HttpResult read = request("GET", itemPath(id));
    CPPUNIT_ASSERT_EQUAL(std::string("200"), read.json["value"].get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, read.json["version"].get<std::int64_t>());
  }

  void testUpdateWithStaleVersionIsConflict() {
    const std::string id = idOf(post(characteristic("Speed", "100", "Mbps")));
    put(id, characteristic("Speed", "200", "Mbps"), 1);

    const HttpResult stale = put(id, characteristic("Speed", "300", "Mbps"), 1);

    CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(stale), 409, stale.status);
    CPPUNIT_ASSERT_EQUAL(std::string("200"),
                         request("GET", itemPath(id)).json["value"].get<std::string>());
  }

  void testDeletedCharacteristicIsNotFound() {
    const std::string id = idOf(post(characteristic("Speed")));

    const HttpResult deleted = request("DELETE", itemPath(id));

    CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(deleted), 204, deleted.status);
    const HttpResult read = request("GET", itemPath(id));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(read), 404, read.status);
  }

  void testDuplicateNameIsConflict() {
    post(characteristic("Speed"));

    const HttpResult duplicate = request("POST", kCollection, characteristic("Speed").dump());

    CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(duplicate), 409, duplicate.status);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), storedValue("SELECT COUNT(*) FROM characteristics"));
  }

  void testNameDifferingOnlyInCaseIsConflict() {
    post(characteristic("speed"));

    const HttpResult duplicate = request("POST", kCollection, characteristic("Speed").dump());

    CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(duplicate), 409, duplicate.status);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), storedValue("SELECT COUNT(*) FROM characteristics"));
  }

  // The name check and the insert race; the unique index decides, and the losers must still get
  // 409 (not 500), whichever of the two checks catches them. Several rounds, since a race is luck.
  void testConcurrentCreatesOfOneNameLeaveOneAndConflictTheRest() {
    constexpr int kRounds = 5;
    constexpr int kClients = 8;
    for (int round = 1; round <= kRounds; ++round) {
      const std::string name = "Speed " + std::to_string(round);

      const std::multiset<int> statuses = createConcurrently(kClients, characteristic(name));

      std::string summary = name + ":";
      for (const int status : statuses) summary += " " + std::to_string(status);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(summary, std::size_t{1}, statuses.count(201));
      CPPUNIT_ASSERT_EQUAL_MESSAGE(summary, std::size_t{kClients - 1}, statuses.count(409));
    }
    CPPUNIT_ASSERT_EQUAL(std::to_string(kRounds),
                         storedValue("SELECT COUNT(*) FROM characteristics"));
  }

  void testRestartKeepsData() {
    const std::string id = idOf(post(characteristic("Speed", "100", "Mbps")));
    put(id, characteristic("Speed", "250", "Mbps"), 1);

    restartCatalogd();

    const HttpResult read = request("GET", itemPath(id));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(read), 200, read.status);
    CPPUNIT_ASSERT_EQUAL(std::string("250"), read.json["value"].get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, read.json["version"].get<std::int64_t>());
  }

  void testRestartAppliesNoMigration() {
    const std::string applied =
        "SELECT component, version, applied_at FROM catalog_schema_migrations ORDER BY component, "
        "version";
    const std::vector<StoredRow> before = queryStoredRows(database_url_, applied);

    restartCatalogd();

    CPPUNIT_ASSERT(!before.empty());
    CPPUNIT_ASSERT(before == queryStoredRows(database_url_, applied));
    const std::string logs = catalogd_->logs();
    CPPUNIT_ASSERT_MESSAGE(logs, logs.find("migration(s)") == std::string::npos);
  }

  void testEachChangeWritesOneEvent() {
    const std::string id = idOf(post(characteristic("Speed", "100", "Mbps")));
    put(id, characteristic("Speed", "200", "Mbps"), 1);
    request("DELETE", itemPath(id));

    const std::vector<StoredRow> events = queryStoredRows(
        database_url_, "SELECT event_type, envelope FROM catalog_outbox ORDER BY sequence");

    CPPUNIT_ASSERT_EQUAL(std::size_t{3}, events.size());
    const std::vector<std::string> types = {"CharacteristicCreated", "CharacteristicUpdated",
                                            "CharacteristicDeleted"};
    for (std::size_t i = 0; i < events.size(); ++i) {
      const Json envelope = Json::parse(events[i][1].value_or("null"));
      CPPUNIT_ASSERT_EQUAL(types[i], events[i][0].value_or(""));
      CPPUNIT_ASSERT_EQUAL(types[i], envelope["event_type"].get<std::string>());
      CPPUNIT_ASSERT_EQUAL(static_cast<std::int64_t>(i + 1),
                           envelope["entity_version"].get<std::int64_t>());
      CPPUNIT_ASSERT_EQUAL(id, envelope["payload"]["id"].get<std::string>());
    }
  }

  void testRefusedChangeWritesNoEvent() {
    const std::string id = idOf(post(characteristic("Speed", "100", "Mbps")));
    post(characteristic("Latency", "20", "Seconds"));

    const HttpResult duplicate = request("POST", kCollection, characteristic("SPEED").dump());
    const HttpResult stale = put(id, characteristic("Speed", "300", "Mbps"), 7);
    const HttpResult taken = put(id, characteristic("Latency", "300", "Mbps"), 1);

    CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(duplicate), 409, duplicate.status);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(stale), 409, stale.status);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(taken), 409, taken.status);
    CPPUNIT_ASSERT_EQUAL(std::string("2"), storedValue("SELECT COUNT(*) FROM catalog_outbox"));
  }

 protected:
  /// The URL of a new, empty database for the plugin, in `data_dir` for an embedded one.
  virtual std::string newDatabaseUrl(const TempDir& data_dir) = 0;
  /// The environment that points catalogd at that database.
  virtual std::map<std::string, std::string> databaseEnvironment(const std::string& url) = 0;

 private:
  void startCatalogd() {
    CatalogdProcess::Options options;
    options.args = {"--plugins=characteristic", "--data-dir=" + data_dir_->path()};
    options.env = databaseEnvironment(database_url_);
    options.env.merge(TestIssuer::instance().hostEnv());
    options.env["CATALOG_LOG_LEVEL"] = "information";
    options.log_file = data_dir_->file("catalogd-" + std::to_string(++starts_) + ".log");
    catalogd_ = std::make_unique<CatalogdProcess>(options);
  }

  void restartCatalogd() {
    const int exit_code = catalogd_->terminate();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(catalogd_->logs(), 0, exit_code);
    startCatalogd();
  }

  // As an administrator: the suite is about what the store keeps, not who may change it.
  HttpResult request(const std::string& method, const std::string& path,
                     const std::string& body = {}) {
    return httpRequest(catalogd_->port(), method, path, body,
                       TestIssuer::instance().bearer("ADMIN"));
  }

  HttpResult post(const Json& body) {
    HttpResult result = request("POST", kCollection, body.dump());
    CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(result), 201, result.status);
    return result;
  }

  // POSTs `body` from `clients` threads released at once; returns the statuses.
  std::multiset<int> createConcurrently(int clients, const Json& body) {
    std::promise<void> go;
    const std::shared_future<void> released = go.get_future().share();
    std::vector<std::future<int>> pending;
    for (int i = 0; i < clients; ++i) {
      pending.push_back(std::async(std::launch::async, [&] {
        released.wait();
        return request("POST", kCollection, body.dump()).status;
      }));
    }
    go.set_value();
    std::multiset<int> statuses;
    for (auto& status : pending) statuses.insert(status.get());
    return statuses;
  }

  static Json versioned(Json body, std::int64_t version) {
    body["version"] = version;
    return body;
  }

  HttpResult put(const std::string& id, const Json& body, std::int64_t version) {
    return request("PUT", itemPath(id), versioned(body, version).dump());
  }

  static std::string idOf(const HttpResult& created) {
    return created.json["id"].get<std::string>();
  }

  std::string storedValue(const std::string& sql) { return queryStoredValue(database_url_, sql); }

  std::unique_ptr<TempDir> data_dir_;
  std::string database_url_;
  std::unique_ptr<CatalogdProcess> catalogd_;
  int starts_ = 0;
};

// The embedded default: no URL configured, so catalogd puts characteristic.db in --data-dir.
class SqliteCharacteristicStorageTest : public CharacteristicStorageTest {
  CPPUNIT_TEST_SUB_SUITE(SqliteCharacteristicStorageTest, CharacteristicStorageTest);
  CPPUNIT_TEST_SUITE_END();

 protected:
  std::string newDatabaseUrl(const TempDir& data_dir) override {
    return "sqlite:" + data_dir.file("characteristic.db");
  }
  std::map<std::string, std::string> databaseEnvironment(const std::string&) override {
    return {{kDatabaseUrlVariable, ""}};  // empty is unset: the default, whatever the caller's env
  }
};

class PostgresCharacteristicStorageTest : public CharacteristicStorageTest {
  CPPUNIT_TEST_SUB_SUITE(PostgresCharacteristicStorageTest, CharacteristicStorageTest);
  CPPUNIT_TEST_SUITE_END();

 protected:
  std::string newDatabaseUrl(const TempDir&) override { return newPostgresDatabase(); }
  std::map<std::string, std::string> databaseEnvironment(const std::string& url) override {
    return {{kDatabaseUrlVariable, url}};
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SqliteCharacteristicStorageTest);
CPPUNIT_TEST_SUITE_REGISTRATION(PostgresCharacteristicStorageTest);

}  // namespace catalog::test
