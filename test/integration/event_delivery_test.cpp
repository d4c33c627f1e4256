// Event delivery through the in-process bus into a real plugin (the probe fixture, loaded in
// this process) on both dialects: the subscriber's inbox makes a redelivered event harmless.
#include <cppunit/extensions/HelperMacros.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "bus/in_process_bus.hpp"
#include "catalog/sdk/ids.hpp"
#include "catalog/sdk/json.hpp"
#include "config/settings.hpp"
#include "http/router.hpp"
#include "http/service_dispatcher.hpp"
#include "integration/shared_databases.hpp"
#include "integration/stored_rows.hpp"
#include "loader/loaded_plugin.hpp"
#include "loader/plugin_library.hpp"
#include "observability/observability.hpp"
#include "outbox/outbox_event.hpp"
#include "security/authorizer.hpp"
#include "support/temp_dir.hpp"

namespace catalog::host {
namespace {

using sdk::Json;

// What the characteristic plugin publishes, as the relay would hand it to the bus.
OutboxEvent characteristicCreated(const std::string& characteristic_id) {
  const Json envelope = {{"event_id", sdk::newUuid()},
                         {"event_type", "CharacteristicCreated"},
                         {"schema_version", "1.0"},
                         {"entity_version", 1},
                         {"timestamp", sdk::utcNow()},
                         {"correlation_id", "corr-delivery"},
                         {"payload", {{"id", characteristic_id}, {"name", "Speed"}}}};
  return OutboxEvent::fromEnvelope("resource.characteristics.events", envelope.dump());
}

}  // namespace

class EventDeliveryTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(EventDeliveryTest);
  CPPUNIT_TEST(testDeliveredEventReachesSubscriberAndInbox);
  CPPUNIT_TEST(testRedeliveredEventHasNoSecondEffect);
  CPPUNIT_TEST_SUITE_END_ABSTRACT();

 public:
  void setUp() override {
    url_ = newDatabaseUrl();
    probe_ = std::make_unique<LoadedPlugin>(
        loadPluginLibrary(std::string(CATALOG_FIXTURE_DIR) + "/libprobe.so", "probe"),
        Database::open(url_), facilities_);
    probe_->create();
    probe_->migrate();
  }

  void tearDown() override { probe_.reset(); }

  void testDeliveredEventReachesSubscriberAndInbox() {
    const OutboxEvent event = characteristicCreated(sdk::newUuid());

    bus_.publish({event});

    CPPUNIT_ASSERT_EQUAL(std::string("1"), stored("SELECT COUNT(*) FROM probe_events"));
    CPPUNIT_ASSERT_EQUAL(std::string("probe.resource.characteristics.events"),
                         stored("SELECT consumer FROM catalog_inbox"));
    CPPUNIT_ASSERT_EQUAL(event.event_id, stored("SELECT event_id FROM catalog_inbox"));
  }

  void testRedeliveredEventHasNoSecondEffect() {
    const OutboxEvent event = characteristicCreated(sdk::newUuid());
    bus_.publish({event});

    bus_.publish({event});

    CPPUNIT_ASSERT_EQUAL(std::string("1"), stored("SELECT COUNT(*) FROM probe_events"));
    CPPUNIT_ASSERT_EQUAL(std::string("1"), stored("SELECT COUNT(*) FROM catalog_inbox"));
  }

 protected:
  /// The URL of a new, empty database of the suite's dialect.
  virtual std::string newDatabaseUrl() = 0;

 private:
  std::string stored(const std::string& sql) { return test::queryStoredValue(url_, sql); }

  Settings settings_;
  Router router_;
  InProcessBus bus_;
  // No service call here needs a token.
  KeyRing keys_{"no keys", []() -> std::string { throw std::runtime_error("no keys"); },
                Poco::Logger::root()};
  TokenVerifier verifier_{keys_, {}};
  Authorizer authorizer_{verifier_, Poco::Logger::root()};
  ServiceDispatcher services_{router_, settings_, authorizer_};
  Observability observability_{settings_.tracing, Poco::Logger::root()};
  HostFacilities facilities_{settings_, router_, bus_, services_, observability_};
  std::string url_;
  std::unique_ptr<LoadedPlugin> probe_;
};

class SqliteEventDeliveryTest : public EventDeliveryTest {
  CPPUNIT_TEST_SUB_SUITE(SqliteEventDeliveryTest, EventDeliveryTest);
  CPPUNIT_TEST_SUITE_END();

 protected:
  std::string newDatabaseUrl() override { return test::newSqliteDatabase(); }
};

class PostgresEventDeliveryTest : public EventDeliveryTest {
  CPPUNIT_TEST_SUB_SUITE(PostgresEventDeliveryTest, EventDeliveryTest);
  CPPUNIT_TEST_SUITE_END();

 protected:
  std::string newDatabaseUrl() override { return test::newPostgresDatabase(); }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SqliteEventDeliveryTest);
CPPUNIT_TEST_SUITE_REGISTRATION(PostgresEventDeliveryTest);

}  // namespace catalog::host
