// The host's storage facilities — statements, transactions, migrations, the outbox and its
// relay — on both dialects. The test bodies are written once in HostStorageTest; the SQLite and
// PostgreSQL suites only say where the database is.
#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <memory>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bus/event_bus.hpp"
#include "catalog/sdk/host.hpp"
#include "catalog/sdk/ids.hpp"
#include "catalog/sdk/json.hpp"
#include "integration/shared_databases.hpp"
#include "observability/observability.hpp"
#include "outbox/outbox_event.hpp"
#include "outbox/outbox_relay.hpp"
#include "storage/database.hpp"
#include "storage/host_migrations.hpp"
#include "storage/migrator.hpp"
#include "storage/transaction.hpp"
#include "support/temp_dir.hpp"

namespace catalog::host {
namespace {

using sdk::Json;

constexpr const char* kTopic = "resource.samples.events";

// Every kind of parameter and cell; DOUBLE PRECISION is a REAL column in SQLite.
constexpr const char* kCreateSamples =
    "CREATE TABLE samples (name VARCHAR(100) NOT NULL UNIQUE, quantity BIGINT,"
    " ratio DOUBLE PRECISION, note VARCHAR(100))";

catalog_value realParam(double value) { return {CATALOG_VALUE_DOUBLE, 0, value, {nullptr, 0}}; }

// COUNT(*) and BIGINT columns, typed by the driver; the relay reads them the same tolerant way.
std::int64_t integerOf(const SqlCell& cell) {
  return cell.type == CATALOG_VALUE_INT64 ? cell.int64 : std::stoll(cell.text);
}

// An event to append, owning the strings the ABI struct borrows.
struct SampleEvent {
  std::string event_type;
  std::string payload_json;
  std::int64_t entity_version = 1;
  std::string topic = kTopic;
  std::string schema_version = "2.1";

  catalog_new_event toAbi() const {
    return {sizeof(catalog_new_event),  sdk::toAbi(topic), sdk::toAbi(event_type),
            sdk::toAbi(schema_version), entity_version,    sdk::toAbi(payload_json)};
  }
};

// A bus whose subscribers are elsewhere: relay tests need none.
class BusWithoutSubscribers : public EventBus {
 public:
  void subscribe(Subscription) override {}
  std::string description() const override { return "test"; }
  std::string state() const override { return "test"; }
};

// A bus that takes every event and remembers it, in order.
class RecordingBus : public BusWithoutSubscribers {
 public:
  std::vector<std::string> publish(const std::vector<OutboxEvent>& batch) override {
    events.insert(events.end(), batch.begin(), batch.end());
    return std::vector<std::string>(batch.size());
  }
  std::vector<OutboxEvent> events;
};

// A bus whose subscriber refuses every event with the same message.
class FailingBus : public BusWithoutSubscribers {
 public:
  static constexpr const char* kError = "store/offering-copies: database is locked";
  std::vector<std::string> publish(const std::vector<OutboxEvent>& batch) override {
    attempts += static_cast<int>(batch.size());
    return std::vector<std::string>(batch.size(), kError);
  }
  int attempts = 0;
};

// A bus whose broker is down.
class UnreachableBus : public BusWithoutSubscribers {
 public:
  std::vector<std::string> publish(const std::vector<OutboxEvent>&) override {
    throw BusUnavailable("connecting (amqp://guest@localhost:5672/): connection refused");
  }
};

}  // namespace

class HostStorageTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(HostStorageTest);
  CPPUNIT_TEST(testParametersAreBoundByPosition);
  CPPUNIT_TEST(testTextIntegerRealAndNullRoundTrip);
  CPPUNIT_TEST(testUuidColumnRoundTrips);
  CPPUNIT_TEST(testQuestionMarkInQuotedLiteralIsNotAPlaceholder);
  CPPUNIT_TEST(testChangedRowsAreCounted);
  CPPUNIT_TEST(testUniqueViolationIsConflict);
  CPPUNIT_TEST(testRollbackDiscardsWrites);
  CPPUNIT_TEST(testCommitKeepsWrites);
  CPPUNIT_TEST(testMigrationsApplyOnce);
  CPPUNIT_TEST(testFailedMigrationLeavesNothingApplied);
  CPPUNIT_TEST(testFailedMigrationIsNamedInError);
  CPPUNIT_TEST(testMigrationsSharingVersionAreRejected);
  CPPUNIT_TEST(testHostMigrationsCreateOutboxAndInbox);
  CPPUNIT_TEST(testAppendedEventIsPending);
  CPPUNIT_TEST(testAppendedEnvelopeHasSrsShape);
  CPPUNIT_TEST(testAppendedEventIsDiscardedWithItsTransaction);
  CPPUNIT_TEST(testRelayDeliversDueEventsInWritingOrder);
  CPPUNIT_TEST(testDeliveredEventIsMarkedSent);
  CPPUNIT_TEST(testFailedDeliveryIsRetriedLater);
  CPPUNIT_TEST(testUnreachableBusCostsNoAttempt);
  CPPUNIT_TEST(testEventIsDeadAfterMaxAttempts);
  CPPUNIT_TEST_SUITE_END_ABSTRACT();

 public:
  void setUp() override { database_ = Database::open(newDatabaseUrl()); }
  void tearDown() override { database_.reset(); }

  void testParametersAreBoundByPosition() {
    createSamples();

    write("INSERT INTO samples (quantity, name, note) VALUES (?, ?, ?)",
          {intParam(7), textParam("seven"), textParam("first")});

    const SqlResult result = read("SELECT note FROM samples WHERE name = ? AND quantity = ?",
                                  {textParam("seven"), intParam(7)});
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, result.rows.size());
    CPPUNIT_ASSERT_EQUAL(std::string("first"), result.rows[0][0].text);
  }

  void testTextIntegerRealAndNullRoundTrip() {
    createSamples();

    write("INSERT INTO samples (name, quantity, ratio, note) VALUES (?, ?, ?, ?)",
          {textParam("Grüße, 'quoted' \"text\""), intParam(9007199254740993), realParam(2.5),
           nullParam()});

    const SqlResult result = read("SELECT name, quantity, ratio, note FROM samples", {});
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, result.rows.size());
    const std::vector<SqlCell>& row = result.rows[0];
    CPPUNIT_ASSERT_EQUAL(std::string("Grüße, 'quoted' \"text\""), row[0].text);
    CPPUNIT_ASSERT_EQUAL(static_cast<int>(CATALOG_VALUE_INT64), static_cast<int>(row[1].type));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{9007199254740993}, row[1].int64);
    CPPUNIT_ASSERT_EQUAL(static_cast<int>(CATALOG_VALUE_DOUBLE), static_cast<int>(row[2].type));
    CPPUNIT_ASSERT_DOUBLES_EQUAL(2.5, row[2].real, 0.0);
    CPPUNIT_ASSERT_EQUAL(static_cast<int>(CATALOG_VALUE_NULL), static_cast<int>(row[3].type));
  }

  // Ids are UUID columns in every PostgreSQL migration (host and plugins); SQLite stores text.
  void testUuidColumnRoundTrips() {
    migrate(*database_, "samples",
            {migration(1, "001_create_tokens", "CREATE TABLE tokens (id UUID PRIMARY KEY)")});
    const std::string id = sdk::newUuid();

    write("INSERT INTO tokens (id) VALUES (?)", {textParam(id)});

    const SqlResult result = read("SELECT id FROM tokens WHERE id = ?", {textParam(id)});
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, result.rows.size());
    CPPUNIT_ASSERT_EQUAL(id, result.rows[0][0].text);
  }

  void testQuestionMarkInQuotedLiteralIsNotAPlaceholder() {
    createSamples();

    write("INSERT INTO samples (name, note) VALUES (?, 'why? because?')", {textParam("asked")});

    const SqlResult result = read("SELECT note FROM samples WHERE name = ?", {textParam("asked")});
    CPPUNIT_ASSERT_EQUAL(std::string("why? because?"), result.rows.at(0)[0].text);
  }

  void testChangedRowsAreCounted() {
    createSamples();
    write("INSERT INTO samples (name, quantity) VALUES ('a', 1)", {});
    write("INSERT INTO samples (name, quantity) VALUES ('b', 1)", {});
    write("INSERT INTO samples (name, quantity) VALUES ('c', 2)", {});

    const SqlResult result =
        write("UPDATE samples SET note = 'x' WHERE quantity = ?", {intParam(1)});

    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, result.affected);
  }

  void testUniqueViolationIsConflict() {
    createSamples();
    write("INSERT INTO samples (name) VALUES (?)", {textParam("only")});
    Transaction tx(*database_, true);

    try {
      tx.execute("INSERT INTO samples (name) VALUES (?)", {textParam("only")});
      CPPUNIT_FAIL("a second row with the same unique name was accepted");
    } catch (const SqlError& e) {
      CPPUNIT_ASSERT_EQUAL(static_cast<int>(CATALOG_ERR_CONFLICT), static_cast<int>(e.status()));
    }
  }

  void testRollbackDiscardsWrites() {
    createSamples();
    Transaction tx(*database_, true);
    tx.execute("INSERT INTO samples (name) VALUES (?)", {textParam("discarded")});

    tx.rollback();

    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, countRows("samples"));
  }

  void testCommitKeepsWrites() {
    createSamples();
    Transaction tx(*database_, true);
    tx.execute("INSERT INTO samples (name) VALUES (?)", {textParam("kept")});

    tx.commit();

    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, countRows("samples"));
  }

  void testMigrationsApplyOnce() {
    const std::vector<Migration> migrations = {
        migration(1, "001_create_samples", kCreateSamples),
        migration(2, "002_index_samples", "CREATE INDEX samples_quantity ON samples (quantity)")};

    const int first = migrate(*database_, "samples", migrations);
    const int second = migrate(*database_, "samples", migrations);

    CPPUNIT_ASSERT_EQUAL(2, first);
    CPPUNIT_ASSERT_EQUAL(0, second);
  }

  void testFailedMigrationLeavesNothingApplied() {
    const std::vector<Migration> migrations = {
        migration(1, "001_create_samples", kCreateSamples),
        migration(2, "002_broken", "CREATE TABLE broken (id NO_SUCH_TYPE_OR_SYNTAX (")};

    CPPUNIT_ASSERT_THROW(migrate(*database_, "samples", migrations), std::runtime_error);

    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, countRows("catalog_schema_migrations"));
    CPPUNIT_ASSERT_MESSAGE("the first migration's table survived the failed run",
                           !tableExists("samples"));
  }

  void testFailedMigrationIsNamedInError() {
    const std::vector<Migration> migrations = {
        migration(1, "001_create_samples", kCreateSamples),
        migration(2, "002_broken", "CREATE TABLE broken (id NO_SUCH_TYPE_OR_SYNTAX (")};

    try {
      migrate(*database_, "samples", migrations);
      CPPUNIT_FAIL("a broken migration was applied");
    } catch (const std::runtime_error& e) {
      const std::string message = e.what();
      CPPUNIT_ASSERT_MESSAGE(message, message.find("002_broken") != std::string::npos);
      CPPUNIT_ASSERT_MESSAGE(message, message.find("samples") != std::string::npos);
    }
  }

  void testMigrationsSharingVersionAreRejected() {
    const std::vector<Migration> migrations = {
        migration(1, "001_create_samples", kCreateSamples),
        migration(1, "001_create_others", "CREATE TABLE others (id BIGINT)")};

    CPPUNIT_ASSERT_THROW(migrate(*database_, "samples", migrations), std::runtime_error);

    CPPUNIT_ASSERT(!tableExists("samples"));
    CPPUNIT_ASSERT(!tableExists("others"));
  }

  void testHostMigrationsCreateOutboxAndInbox() {
    const int applied = migrate(*database_, "catalog", hostMigrations());

    CPPUNIT_ASSERT(applied >= 1);
    CPPUNIT_ASSERT(tableExists("catalog_outbox"));
    CPPUNIT_ASSERT(tableExists("catalog_inbox"));
  }

  void testAppendedEventIsPending() {
    migrate(*database_, "catalog", hostMigrations());

    const OutboxEvent event = append(SampleEvent{"SampleCreated", R"({"id":"s-1"})"}, "corr-1");

    const SqlResult result = read(
        "SELECT status, attempts, topic, event_type, processed_at FROM catalog_outbox WHERE "
        "event_id = ?",
        {textParam(event.event_id)});
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, result.rows.size());
    const std::vector<SqlCell>& row = result.rows[0];
    CPPUNIT_ASSERT_EQUAL(std::string("PENDING"), row[0].text);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, integerOf(row[1]));
    CPPUNIT_ASSERT_EQUAL(std::string(kTopic), row[2].text);
    CPPUNIT_ASSERT_EQUAL(std::string("SampleCreated"), row[3].text);
    CPPUNIT_ASSERT_EQUAL(static_cast<int>(CATALOG_VALUE_NULL), static_cast<int>(row[4].type));
  }

  void testAppendedEnvelopeHasSrsShape() {
    migrate(*database_, "catalog", hostMigrations());

    const OutboxEvent event =
        append(SampleEvent{"SampleCreated", R"({"id":"s-1","size":3})", 4}, "corr-1");

    const Json envelope = Json::parse(
        read("SELECT envelope FROM catalog_outbox WHERE event_id = ?", {textParam(event.event_id)})
            .rows.at(0)[0]
            .text);
    std::set<std::string> keys;
    for (const auto& [key, value] : envelope.items()) keys.insert(key);
    const std::set<std::string> srs_keys = {"event_id",       "event_type", "schema_version",
                                            "entity_version", "timestamp",  "correlation_id",
                                            "payload"};
    CPPUNIT_ASSERT(srs_keys == keys);
    CPPUNIT_ASSERT(sdk::isUuid(envelope["event_id"].get<std::string>()));
    CPPUNIT_ASSERT_EQUAL(event.event_id, envelope["event_id"].get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string("SampleCreated"), envelope["event_type"].get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string("2.1"), envelope["schema_version"].get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{4}, envelope["entity_version"].get<std::int64_t>());
    CPPUNIT_ASSERT(std::regex_match(envelope["timestamp"].get<std::string>(),
                                    std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
    CPPUNIT_ASSERT_EQUAL(std::string("corr-1"), envelope["correlation_id"].get<std::string>());
    CPPUNIT_ASSERT(Json::parse(R"({"id":"s-1","size":3})") == envelope["payload"]);
  }

  void testAppendedEventIsDiscardedWithItsTransaction() {
    migrate(*database_, "catalog", hostMigrations());
    Transaction tx(*database_, true);
    appendToOutbox(tx, SampleEvent{"SampleCreated", R"({"id":"s-1"})"}.toAbi(), "corr-1");

    tx.rollback();

    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, countRows("catalog_outbox"));
  }

  void testRelayDeliversDueEventsInWritingOrder() {
    migrate(*database_, "catalog", hostMigrations());
    append(SampleEvent{"SampleCreated", R"({"id":"s-1"})", 1}, "corr-1");
    append(SampleEvent{"SampleUpdated", R"({"id":"s-1"})", 2}, "corr-2");
    append(SampleEvent{"SampleDeleted", R"({"id":"s-1"})", 3}, "corr-3");
    RecordingBus bus;
    OutboxRelay relay("samples", *database_, bus, fastPolicy(10), observability_, logger());

    const int handled = relay.relayDue();

    CPPUNIT_ASSERT_EQUAL(3, handled);
    CPPUNIT_ASSERT_EQUAL(std::size_t{3}, bus.events.size());
    CPPUNIT_ASSERT_EQUAL(std::string("SampleCreated"), bus.events[0].event_type);
    CPPUNIT_ASSERT_EQUAL(std::string("SampleUpdated"), bus.events[1].event_type);
    CPPUNIT_ASSERT_EQUAL(std::string("SampleDeleted"), bus.events[2].event_type);
    CPPUNIT_ASSERT_EQUAL(std::string("corr-2"), bus.events[1].correlation_id);
  }

  void testDeliveredEventIsMarkedSent() {
    migrate(*database_, "catalog", hostMigrations());
    const OutboxEvent event = append(SampleEvent{"SampleCreated", R"({"id":"s-1"})"}, "corr-1");
    RecordingBus bus;
    OutboxRelay relay("samples", *database_, bus, fastPolicy(10), observability_, logger());

    relay.relayDue();

    const SqlResult result =
        read("SELECT status, processed_at FROM catalog_outbox WHERE event_id = ?",
             {textParam(event.event_id)});
    CPPUNIT_ASSERT_EQUAL(std::string("SENT"), result.rows.at(0)[0].text);
    CPPUNIT_ASSERT(result.rows[0][1].type != CATALOG_VALUE_NULL);
    CPPUNIT_ASSERT_EQUAL(0, relay.relayDue());
  }

  void testFailedDeliveryIsRetriedLater() {
    migrate(*database_, "catalog", hostMigrations());
    const OutboxEvent event = append(SampleEvent{"SampleCreated", R"({"id":"s-1"})"}, "corr-1");
    FailingBus bus;
    RelayPolicy policy;
    policy.first_backoff = std::chrono::minutes(1);
    policy.max_attempts = 3;
    OutboxRelay relay("samples", *database_, bus, policy, observability_, logger());

    relay.relayDue();

    const SqlResult result =
        read("SELECT status, attempts, error_message FROM catalog_outbox WHERE event_id = ?",
             {textParam(event.event_id)});
    CPPUNIT_ASSERT_EQUAL(std::string("PENDING"), result.rows.at(0)[0].text);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, integerOf(result.rows[0][1]));
    CPPUNIT_ASSERT_EQUAL(std::string(FailingBus::kError), result.rows[0][2].text);
    const std::string now = sdk::utcNow();
    CPPUNIT_ASSERT_EQUAL(
        std::size_t{1},
        read("SELECT event_id FROM catalog_outbox WHERE next_attempt_at > ?", {textParam(now)})
            .rows.size());
    CPPUNIT_ASSERT_EQUAL(0, relay.relayDue());
    CPPUNIT_ASSERT_EQUAL(1, bus.attempts);
  }

  void testUnreachableBusCostsNoAttempt() {
    migrate(*database_, "catalog", hostMigrations());
    const OutboxEvent event = append(SampleEvent{"SampleCreated", R"({"id":"s-1"})"}, "corr-1");
    UnreachableBus bus;
    RelayPolicy policy;
    policy.first_backoff = std::chrono::minutes(1);
    OutboxRelay relay("samples", *database_, bus, policy, observability_, logger());

    CPPUNIT_ASSERT_THROW(relay.relayDue(), BusUnavailable);

    const SqlResult result =
        read("SELECT status, attempts, claimed_until FROM catalog_outbox WHERE event_id = ?",
             {textParam(event.event_id)});
    CPPUNIT_ASSERT_EQUAL(std::string("PENDING"), result.rows.at(0)[0].text);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, integerOf(result.rows[0][1]));
    CPPUNIT_ASSERT(result.rows[0][2].type == CATALOG_VALUE_NULL);  // another relay may send it
    RecordingBus working;
    OutboxRelay next("samples", *database_, working, policy, observability_, logger());
    CPPUNIT_ASSERT_EQUAL(1, next.relayDue());
  }

  void testEventIsDeadAfterMaxAttempts() {
    migrate(*database_, "catalog", hostMigrations());
    const OutboxEvent event = append(SampleEvent{"SampleCreated", R"({"id":"s-1"})"}, "corr-1");
    FailingBus bus;
    OutboxRelay relay("samples", *database_, bus, fastPolicy(3), observability_, logger());

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (bus.attempts < 3 && std::chrono::steady_clock::now() < deadline) {
      relay.relayDue();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }

    const SqlResult result =
        read("SELECT status, attempts, error_message FROM catalog_outbox WHERE event_id = ?",
             {textParam(event.event_id)});
    CPPUNIT_ASSERT_EQUAL(std::string("DEAD"), result.rows.at(0)[0].text);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{3}, integerOf(result.rows[0][1]));
    CPPUNIT_ASSERT_EQUAL(std::string(FailingBus::kError), result.rows[0][2].text);
    const OutboxCounts counts = relay.counts();
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, counts.dead);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, counts.pending);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    CPPUNIT_ASSERT_EQUAL(0, relay.relayDue());
  }

 protected:
  /// The URL of a new, empty database of the suite's dialect.
  virtual std::string newDatabaseUrl() = 0;

 private:
  Observability observability_{TracingSettings{}, Poco::Logger::root()};

  Migration migration(int version, const std::string& name, const std::string& sql) const {
    return {std::string(dialectName(database_->dialect())), version, name, sql};
  }

  void createSamples() {
    migrate(*database_, "samples", {migration(1, "001_create_samples", kCreateSamples)});
  }

  SqlResult write(const std::string& sql, std::initializer_list<catalog_value> params) {
    Transaction tx(*database_, true);
    SqlResult result = tx.execute(sql, params);
    tx.commit();
    return result;
  }

  SqlResult read(const std::string& sql, std::initializer_list<catalog_value> params) {
    Transaction tx(*database_, false);
    SqlResult result = tx.execute(sql, params, true);
    tx.commit();
    return result;
  }

  std::int64_t countRows(const std::string& table) {
    return integerOf(read("SELECT COUNT(*) AS n FROM " + table, {}).rows.at(0)[0]);
  }

  bool tableExists(const std::string& table) {
    const std::string sql =
        database_->dialect() == Dialect::SQLite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?"
            : "SELECT table_name FROM information_schema.tables WHERE table_name = ?";
    return !read(sql, {textParam(table)}).rows.empty();
  }

  OutboxEvent append(const SampleEvent& event, const std::string& correlation_id) {
    Transaction tx(*database_, true);
    OutboxEvent appended = appendToOutbox(tx, event.toAbi(), correlation_id);
    tx.commit();
    return appended;
  }

  static RelayPolicy fastPolicy(int max_attempts) {
    RelayPolicy policy;
    policy.poll_interval = std::chrono::milliseconds(10);
    policy.first_backoff = std::chrono::milliseconds(1);
    policy.max_backoff = std::chrono::milliseconds(1);
    policy.max_attempts = max_attempts;
    return policy;
  }

  static Poco::Logger& logger() { return Poco::Logger::get("integration.outbox"); }

  std::unique_ptr<Database> database_;
};

class SqliteHostStorageTest : public HostStorageTest {
  CPPUNIT_TEST_SUB_SUITE(SqliteHostStorageTest, HostStorageTest);
  CPPUNIT_TEST_SUITE_END();

 protected:
  std::string newDatabaseUrl() override { return test::newSqliteDatabase(); }
};

class PostgresHostStorageTest : public HostStorageTest {
  CPPUNIT_TEST_SUB_SUITE(PostgresHostStorageTest, HostStorageTest);
  CPPUNIT_TEST_SUITE_END();

 protected:
  std::string newDatabaseUrl() override { return test::newPostgresDatabase(); }
};

class UnreachablePostgresTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(UnreachablePostgresTest);
  CPPUNIT_TEST(testOpeningUnreachableServerIsDatabaseUnavailable);
  CPPUNIT_TEST(testUnavailableMessageNamesTheDatabase);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testOpeningUnreachableServerIsDatabaseUnavailable() {
    const std::string url = test::unreachablePostgresUrl();

    CPPUNIT_ASSERT_THROW(Database::open(url), DatabaseUnavailable);
  }

  void testUnavailableMessageNamesTheDatabase() {
    const std::string url = test::unreachablePostgresUrl();

    try {
      Database::open(url);
      CPPUNIT_FAIL("a server nobody listens for was opened");
    } catch (const DatabaseUnavailable& e) {
      const std::string message = e.what();
      CPPUNIT_ASSERT_MESSAGE(message, message.find(url) != std::string::npos);
      CPPUNIT_ASSERT_MESSAGE(message, message.find("unreachable") != std::string::npos);
    }
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SqliteHostStorageTest);
CPPUNIT_TEST_SUITE_REGISTRATION(PostgresHostStorageTest);
CPPUNIT_TEST_SUITE_REGISTRATION(UnreachablePostgresTest);

}  // namespace catalog::host
