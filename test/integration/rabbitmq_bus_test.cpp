// The RabbitMQ bus on a real broker: events cross processes through durable topic exchanges and
// quorum queues; instances of a plugin share its queue; a message that keeps failing, or is not
// an event, ends in the subscription's dead-letter queue with its error while the consumer goes
// on; a broker outage loses and duplicates nothing; an event published before its subscriber
// declared its queue is retried until it arrives; heartbeats keep idle connections alive.
#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include "catalog/sdk/ids.hpp"
#include "support/catalogd_process.hpp"
#include "support/eventually.hpp"
#include "support/http_client.hpp"
#include "support/postgres_server.hpp"
#include "support/rabbitmq_server.hpp"
#include "support/temp_dir.hpp"
#include "support/test_issuer.hpp"
#include "support/trace_tree.hpp"
#include "support/zipkin_collector.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

constexpr const char* kTopic = "resource.characteristics.events";
// The probe's subscription to kTopic: plugin "probe", consumer "probe.<topic>".
const std::string kQueue = std::string("probe.probe.") + kTopic + ".queue";
const std::string kDeadLetters = std::string("probe.probe.") + kTopic + ".dlq";

RabbitMqServer& broker() {
  static RabbitMqServer server;
  return server;
}

// A catalogd with `plugins` on the broker's `vhost`; SQLite under dir/name.
std::unique_ptr<CatalogdProcess> host(const TempDir& dir, const std::string& name,
                                      const std::string& plugins, const std::string& vhost,
                                      std::map<std::string, std::string> env = {}) {
  CatalogdProcess::Options options{{"--plugins=" + plugins, "--data-dir=" + dir.file(name)},
                                   TestIssuer::instance().hostEnv(),
                                   dir.file(name + ".log")};
  options.env["CATALOG_PLUGIN_PATH"] = CATALOG_FIXTURE_DIR;
  options.env["CATALOG_BUS_URL"] = broker().url(vhost);
  options.env["CATALOG_OUTBOX_BACKOFF_MS"] = "100";
  for (auto& [key, value] : env) options.env[key] = value;
  return std::make_unique<CatalogdProcess>(options);
}

// Publishes a characteristic event named `name` from a probe (which also consumes it, unless
// another process's probe takes it first).
void publish(int port, const std::string& name) {
  const Json event = {{"topic", kTopic},
                      {"event_type", "CharacteristicCreated"},
                      {"entity_version", 1},
                      {"payload", {{"name", name}}}};
  const HttpResult result = httpRequest(port, "POST", "/probe/publish", event.dump());
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 202, result.status);
}

// The names a probe received, in order, duplicates kept.
std::vector<std::string> received(int port) {
  std::vector<std::string> names;
  const HttpResult events = httpRequest(port, "GET", "/probe/events");
  for (const Json& event : events.json["items"]) {
    if (event["topic"] == kTopic) names.push_back(event["payload"].value("name", ""));
  }
  return names;
}

// Creates a characteristic on the characteristic host at `port`; returns the answer.
HttpResult createCharacteristic(int port, const std::string& name, const std::string& value = "1",
                                const std::string& unit = "GB") {
  const HttpResult created =
      httpRequest(port, "POST", "/api/v1/characteristics",
                  Json{{"name", name}, {"value", value}, {"unit_of_measure", unit}}.dump(),
                  TestIssuer::instance().bearer("ADMIN"));
  CPPUNIT_ASSERT_EQUAL_MESSAGE(created.text, 201, created.status);
  return created;
}

std::string newVhost() {
  static int count = 0;
  const std::string vhost = "bus-test-" + std::to_string(++count);
  broker().addVhost(vhost);
  return vhost;
}

}  // namespace

class RabbitMqBusTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(RabbitMqBusTest);
  CPPUNIT_TEST(testEventReachesSubscriberInAnotherProcess);
  CPPUNIT_TEST(testTraceContextTravelsInMessageHeaders);
  CPPUNIT_TEST(testInstancesOfAPluginShareItsQueue);
  CPPUNIT_TEST(testFailingMessageIsDeadLetteredWithItsError);
  CPPUNIT_TEST(testMessageThatIsNoEventIsDeadLetteredAndConsumingGoesOn);
  CPPUNIT_TEST(testSubscriberDatabaseOutageDeadLettersNothing);
  CPPUNIT_TEST(testBrokerOutageLosesAndDuplicatesNothing);
  CPPUNIT_TEST(testEventWithoutSubscriberQueueIsRetriedUntilItArrives);
  CPPUNIT_TEST(testIdleConnectionsStayAlive);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testEventReachesSubscriberInAnotherProcess() {
    TempDir dir;
    const std::string vhost = newVhost();
    const auto subscriber = host(dir, "subscriber", "probe", vhost);
    const auto publisher = host(dir, "publisher", "characteristic", vhost);

    const HttpResult created = createCharacteristic(publisher->port(), "Speed", "100", "Mbps");

    CPPUNIT_ASSERT(eventually([&] { return received(subscriber->port()).size() == 1; }));
    const HttpResult events = httpRequest(subscriber->port(), "GET", "/probe/events");
    const Json& event = events.json["items"][0];
    CPPUNIT_ASSERT_EQUAL(std::string("CharacteristicCreated"),
                         event["event_type"].get<std::string>());
    CPPUNIT_ASSERT_EQUAL(created.json["id"], event["payload"]["id"]);
    CPPUNIT_ASSERT_EQUAL(created.headers.at("x-correlation-id"),
                         event["correlation_id"].get<std::string>());
    CPPUNIT_ASSERT_EQUAL(0, broker().readyMessages(vhost, kQueue));
    CPPUNIT_ASSERT_EQUAL(0, broker().readyMessages(vhost, kDeadLetters));
  }

  // A traced request's event carries its trace over the broker (traceparent and b3 headers),
  // so the consumer's span in another process is the publisher's child; a foreign publisher's
  // B3 header alone is followed too.
  void testTraceContextTravelsInMessageHeaders() {
    TempDir dir;
    const std::string vhost = newVhost();
    ZipkinCollector collector;
    const auto subscriber =
        host(dir, "subscriber", "probe", vhost, {{"ZIPKIN_URL", collector.url()}});
    const auto publisher =
        host(dir, "publisher", "characteristic", vhost, {{"ZIPKIN_URL", collector.url()}});
    const std::string trace = "7a1e0000000000000000000000000001";
    const std::string caller = "7a1e000000000001";
    std::map<std::string, std::string> headers = TestIssuer::instance().bearer("ADMIN");
    headers["traceparent"] = "00-" + trace + "-" + caller + "-01";
    const HttpResult created = httpRequest(
        publisher->port(), "POST", "/api/v1/characteristics",
        Json{{"name", "Traced"}, {"value", "1"}, {"unit_of_measure", "GB"}}.dump(), headers);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(created.text, 201, created.status);

    const std::string consume = "CONSUME " + kQueue;
    CPPUNIT_ASSERT(eventually([&] {
      const TraceTree tree(collector.trace(trace));
      return !tree.named(consume).empty() && tree.problem(caller).empty();
    }));
    const TraceTree tree(collector.trace(trace));
    const Json consumed = tree.named(consume).at(0);
    const Json published = tree.named(std::string("PUBLISH ") + kTopic).at(0);
    CPPUNIT_ASSERT_EQUAL(published["id"], consumed["parentId"]);
    CPPUNIT_ASSERT_EQUAL(Json("characteristic"), published["localEndpoint"]["serviceName"]);
    CPPUNIT_ASSERT_EQUAL(Json("probe"), consumed["localEndpoint"]["serviceName"]);

    const std::string b3_trace = "7a1e0000000000000000000000000002";
    const Json envelope = {
        {"event_id", sdk::newUuid()},      {"event_type", "CharacteristicCreated"},
        {"schema_version", "1.0"},         {"entity_version", 1},
        {"timestamp", sdk::utcNow()},      {"correlation_id", "from-abroad"},
        {"payload", {{"name", "Foreign"}}}};
    broker().publish(vhost, kTopic, "CharacteristicCreated", envelope.dump(),
                     {{"b3", b3_trace + "-7a1e000000000002-1"}});
    CPPUNIT_ASSERT(eventually([&] {
      for (const Json& span : collector.trace(b3_trace))
        if (span.value("name", "") == consume) return span["parentId"] == "7a1e000000000002";
      return false;
    }));
  }

  void testInstancesOfAPluginShareItsQueue() {
    TempDir dir;
    const std::string vhost = newVhost();
    const auto first = host(dir, "first", "probe", vhost, {{"CATALOG_BUS_PREFETCH", "1"}});
    const auto second = host(dir, "second", "probe", vhost, {{"CATALOG_BUS_PREFETCH", "1"}});

    std::set<std::string> sent;
    for (int i = 0; i < 40; ++i) {
      sent.insert("shared-" + std::to_string(i));
      publish(i % 2 == 0 ? first->port() : second->port(), "shared-" + std::to_string(i));
    }

    std::vector<std::string> a;
    std::vector<std::string> b;
    CPPUNIT_ASSERT(eventually([&] {
      a = received(first->port());
      b = received(second->port());
      return a.size() + b.size() >= sent.size();
    }));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // no late duplicate either
    a = received(first->port());
    b = received(second->port());
    CPPUNIT_ASSERT(!a.empty());
    CPPUNIT_ASSERT(!b.empty());
    std::multiset<std::string> all(a.begin(), a.end());
    all.insert(b.begin(), b.end());
    CPPUNIT_ASSERT_EQUAL(sent.size(), all.size());
    CPPUNIT_ASSERT(std::set<std::string>(all.begin(), all.end()) == sent);
  }

  void testFailingMessageIsDeadLetteredWithItsError() {
    TempDir dir;
    const std::string vhost = newVhost();
    const auto probe = host(dir, "probe", "probe", vhost,
                            {{"CATALOG_PROBE_FAIL", "true"},
                             {"CATALOG_BUS_MAX_DELIVERIES", "3"},
                             {"CATALOG_BUS_RETRY_BACKOFF_MS", "50"}});

    publish(probe->port(), "poison");

    std::vector<QueuedMessage> dead;
    CPPUNIT_ASSERT(eventually([&] {
      auto taken = broker().takeAll(vhost, kDeadLetters);
      dead.insert(dead.end(), taken.begin(), taken.end());
      return !dead.empty();
    }));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // and nothing more comes
    const auto later = broker().takeAll(vhost, kDeadLetters);
    dead.insert(dead.end(), later.begin(), later.end());
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, dead.size());
    const QueuedMessage& message = dead.front();
    CPPUNIT_ASSERT_EQUAL(std::string("probe told to fail"), message.headers.at("x-error"));
    CPPUNIT_ASSERT_EQUAL(std::string("probe/probe.") + kTopic, message.headers.at("x-consumer"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{3}, message.deliveries);
    CPPUNIT_ASSERT_EQUAL(std::string(kTopic), message.headers.at("x-original-exchange"));
    CPPUNIT_ASSERT_EQUAL(std::string("poison"),
                         Json::parse(message.body)["payload"]["name"].get<std::string>());
    CPPUNIT_ASSERT_EQUAL(0, broker().readyMessages(vhost, kQueue));
    CPPUNIT_ASSERT(received(probe->port()).empty());
  }

  void testMessageThatIsNoEventIsDeadLetteredAndConsumingGoesOn() {
    TempDir dir;
    const std::string vhost = newVhost();
    const auto probe = host(dir, "probe", "probe", vhost);
    // Consuming starts once the queue is bound: a message sent before would be unroutable.
    CPPUNIT_ASSERT(eventually([&] { return broker().consumers(vhost, kQueue) == 1; }));

    const std::set<std::string> broken = {"{not json", R"({"event_id": 5, "payload": {}})",
                                          R"({"event_id": "e-1", "payload": {}})"};
    for (const std::string& body : broken)
      broker().publish(vhost, kTopic, "CharacteristicCreated", body);
    publish(probe->port(), "after-the-poison");

    CPPUNIT_ASSERT(eventually([&] { return received(probe->port()).size() == 1; }));
    CPPUNIT_ASSERT_EQUAL(std::string("after-the-poison"), received(probe->port()).front());
    std::vector<QueuedMessage> dead;
    CPPUNIT_ASSERT_MESSAGE(probe->logs(), eventually([&] {
                             auto taken = broker().takeAll(vhost, kDeadLetters);
                             dead.insert(dead.end(), taken.begin(), taken.end());
                             return dead.size() == broken.size();
                           }));
    std::set<std::string> bodies;
    for (const QueuedMessage& message : dead) {
      bodies.insert(message.body);
      CPPUNIT_ASSERT(message.headers.at("x-error").rfind("not an event: ", 0) == 0);
      CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, message.deliveries);  // no retry helps
    }
    CPPUNIT_ASSERT(bodies == broken);
    CPPUNIT_ASSERT(probe->running());
  }

  // The subscriber's database goes away for longer than its allowed deliveries take: the
  // failures are the database's, not the events', so none is dead-lettered and all arrive once
  // it is back.
  void testSubscriberDatabaseOutageDeadLettersNothing() {
    TempDir dir;
    PostgresServer postgres;
    const std::string vhost = newVhost();
    const auto probe = host(dir, "probe", "probe", vhost,
                            {{"CATALOG_PROBE_DATABASE_URL", postgres.createDatabase("probe")},
                             {"CATALOG_BUS_MAX_DELIVERIES", "2"},
                             {"CATALOG_BUS_RETRY_BACKOFF_MS", "50"}});
    const auto publisher = host(dir, "publisher", "characteristic", vhost);
    const auto create = [&](const std::string& name) {
      createCharacteristic(publisher->port(), name);
    };

    postgres.stop();
    create("Outage One");
    create("Outage Two");
    CPPUNIT_ASSERT(
        eventually([&] { return probe->logs().find("(delivery 4 of 2)") != std::string::npos; }));
    postgres.start();

    std::vector<std::string> names;
    CPPUNIT_ASSERT_MESSAGE(probe->logs(), eventually([&] {
                             names = received(probe->port());
                             return names.size() == 2;
                           }));
    CPPUNIT_ASSERT((std::set<std::string>(names.begin(), names.end()) ==
                    std::set<std::string>{"Outage One", "Outage Two"}));
    CPPUNIT_ASSERT_EQUAL(0, broker().readyMessages(vhost, kDeadLetters));
  }

  void testBrokerOutageLosesAndDuplicatesNothing() {
    TempDir dir;
    const std::string vhost = newVhost();
    const auto publisher = host(dir, "publisher", "characteristic", vhost);
    const auto subscriber = host(dir, "subscriber", "probe", vhost);
    std::set<std::string> sent;
    const auto create = [&](const std::string& name) {
      createCharacteristic(publisher->port(), name);
      sent.insert(name);
    };
    for (int i = 0; i < 10; ++i) create("Before " + std::to_string(i));

    broker().stop();
    // Started again whatever happens, for the tests after this one.
    const std::unique_ptr<RabbitMqServer, void (*)(RabbitMqServer*)> restart(
        &broker(), [](RabbitMqServer* server) { server->start(); });
    for (int i = 0; i < 10; ++i) create("During " + std::to_string(i));
    const auto broker_state = [&](const CatalogdProcess& process) {
      return httpRequest(process.port(), "GET", "/health").json.value("message_broker", "");
    };
    CPPUNIT_ASSERT(eventually([&] { return broker_state(*publisher) == "disconnected"; }));
    CPPUNIT_ASSERT(eventually([&] { return broker_state(*subscriber) == "disconnected"; }));
    broker().start();
    for (int i = 0; i < 10; ++i) create("After " + std::to_string(i));

    std::vector<std::string> names;
    CPPUNIT_ASSERT(eventually(
        [&] {
          names = received(subscriber->port());
          return names.size() >= sent.size();
        },
        std::chrono::seconds(60)));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    names = received(subscriber->port());
    CPPUNIT_ASSERT_EQUAL(sent.size(), names.size());
    CPPUNIT_ASSERT(std::set<std::string>(names.begin(), names.end()) == sent);
    // The subscriber publishes nothing: its publisher reconnects by itself.
    CPPUNIT_ASSERT(eventually([&] { return broker_state(*publisher) == "connected"; }));
    CPPUNIT_ASSERT(eventually([&] { return broker_state(*subscriber) == "connected"; }));
    const HttpResult health = httpRequest(publisher->port(), "GET", "/health");
    CPPUNIT_ASSERT_EQUAL(0, health.json["plugins"]["characteristic"]["outbox"]["dead"].get<int>());
  }

  void testEventWithoutSubscriberQueueIsRetriedUntilItArrives() {
    TempDir dir;
    const std::string vhost = newVhost();
    const auto publisher = host(dir, "publisher", "characteristic", vhost);
    createCharacteristic(publisher->port(), "Early");
    CPPUNIT_ASSERT(eventually([&] {
      return publisher->logs().find("no subscriber has declared its queue yet") !=
             std::string::npos;
    }));

    const auto subscriber = host(dir, "subscriber", "probe", vhost);

    CPPUNIT_ASSERT(eventually([&] { return received(subscriber->port()).size() == 1; },
                              std::chrono::seconds(20)));
    CPPUNIT_ASSERT_EQUAL(std::string("Early"), received(subscriber->port()).front());
  }

  void testIdleConnectionsStayAlive() {
    TempDir dir;
    const std::string vhost = newVhost();
    const auto probe = host(dir, "probe", "probe", vhost, {{"CATALOG_BUS_HEARTBEAT_SECONDS", "1"}});
    publish(probe->port(), "first");
    CPPUNIT_ASSERT(eventually([&] { return received(probe->port()).size() == 1; }));

    std::this_thread::sleep_for(std::chrono::seconds(4));  // the broker drops a connection
                                                           // after two missed heartbeats
    publish(probe->port(), "second");

    CPPUNIT_ASSERT(eventually([&] { return received(probe->port()).size() == 2; }));
    const std::string logs = probe->logs();
    CPPUNIT_ASSERT_MESSAGE(logs, logs.find("lost the publishing connection") == std::string::npos);
    CPPUNIT_ASSERT_MESSAGE(logs, logs.find("reconnecting") == std::string::npos);
    CPPUNIT_ASSERT_MESSAGE(logs, logs.find("outbox relay paused") == std::string::npos);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RabbitMqBusTest);

}  // namespace catalog::test
