// The fleet on one machine: a real PostgreSQL 15 (a database per context, and the engine's), a
// real RabbitMQ, and seven catalogd processes, one per role, each started from its etc/roles
// file with only addresses and secrets in the environment, as a container would be. The SRS
// §5.5 scenario and the compensation scenario run through the gateway; then the faults: the
// store killed while offerings are being published, the broker stopped and started mid-run, a
// poison message, and two store instances sharing the work.
#include <Poco/String.h>
#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <csignal>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/catalogd_process.hpp"
#include "support/eventually.hpp"
#include "support/files.hpp"
#include "support/free_port.hpp"
#include "support/http_client.hpp"
#include "support/metrics.hpp"
#include "support/postgres_server.hpp"
#include "support/rabbitmq_server.hpp"
#include "support/temp_dir.hpp"
#include "support/test_data.hpp"
#include "support/trace_tree.hpp"
#include "support/zipkin_collector.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

constexpr const char* kAdminPassword = "split-admin-password";
constexpr const char* kWorkersPassword = "split-workers-password";
// In order of starting: identity first, whose keys every other role verifies tokens with.
const std::vector<std::string> kRoles = {"identity", "characteristic", "specification", "pricing",
                                         "store",    "offering",       "gateway"};
const std::string kStoreOfferingQueue = "store.offering-copies.queue";

std::string local(int port) { return "http://127.0.0.1:" + std::to_string(port); }

class SplitDeployment {
 public:
  SplitDeployment() {
    for (const std::string& role : kRoles) ports_[role] = freePort();
    for (const std::string& role : kRoles) {
      if (role != "gateway") databases_[role] = postgres_.createDatabase(role);
    }
    databases_["engine"] = postgres_.createDatabase("engine");
    for (const std::string& role : kRoles) start(role);
  }

  int gateway() const { return processes_.at("gateway")->port(); }
  RabbitMqServer& broker() { return broker_; }
  CatalogdProcess& process(const std::string& instance) { return *processes_.at(instance); }

  /// Starts `instance` of `role` ("store", or "store-2" for a second one on a free port).
  void start(const std::string& role, const std::string& instance = "") {
    const std::string name = instance.empty() ? role : instance;
    std::map<std::string, std::string> env = {
        {"CATALOG_BUS_URL", broker_.url()},
        {"ZIPKIN_URL", collector_.url()},
        {"CATALOG_LOG_LEVEL", "debug"},
        {"CATALOG_" + Poco::toUpper(role) + "_DATABASE_URL", databases_[role]},
        {"CATALOG_ENGINE_SERVICE_URL", local(ports_.at("offering"))}};
    for (const auto& [other, port] : ports_) {
      if (other != "gateway") env["CATALOG_" + Poco::toUpper(other) + "_SERVICE_URL"] = local(port);
    }
    if (role == "offering") {
      env["CATALOG_ENGINE_DATABASE_URL"] = databases_["engine"];
    } else if (role == "specification" || role == "pricing" || role == "store") {
      // The roles with saga workers, which sign in as the service account.
      env["CATALOG_ENGINE_URL"] = local(ports_.at("offering")) + "/engine-rest";
      env["CATALOG_SERVICE_ACCOUNT_PASSWORD"] = kWorkersPassword;
    }
    if (role == "identity") {
      // Seeded admins replace the generated first admin: both are seeded.
      env["CATALOG_IDENTITY_SEEDUSERS"] =
          std::string("admin:ADMIN:") + kAdminPassword + ", saga-workers:ADMIN:" + kWorkersPassword;
    }
    if (role == "gateway") env["CATALOG_GATEWAY_WEBROOT"] = dir_.file("web");
    log_files_.insert(dir_.file(name + ".log"));
    processes_[name] = std::make_unique<CatalogdProcess>(
        CatalogdProcess::Options{{"--config=" + std::string(CATALOG_BINARY_DIR) +
                                      "/etc/catalog/roles/" + role + ".properties",
                                  "--data-dir=" + dir_.file(name)},
                                 env,
                                 dir_.file(name + ".log"),
                                 instance.empty() ? ports_.at(role) : 0});
  }

  void stop(const std::string& instance) { processes_.erase(instance); }

  const ZipkinCollector& collector() const { return collector_; }
  /// What every process started so far has logged.
  std::string logs() const {
    std::string all;
    for (const std::string& file : log_files_) all += readFile(file);
    return all;
  }

 private:
  TempDir dir_;
  PostgresServer postgres_;
  RabbitMqServer broker_;
  ZipkinCollector collector_;
  std::set<std::string> log_files_;
  std::map<std::string, int> ports_;
  std::map<std::string, std::string> databases_;
  std::map<std::string, std::unique_ptr<CatalogdProcess>> processes_;
};

SplitDeployment& fleet() {
  static SplitDeployment deployment;
  return deployment;
}

// The catalog API through the gateway, as the admin signed in through it.
class Admin {
 public:
  Admin() {
    const HttpResult login =
        httpRequest(fleet().gateway(), "POST", "/api/v1/auth/login",
                    Json{{"username", "admin"}, {"password", kAdminPassword}}.dump());
    CPPUNIT_ASSERT_EQUAL_MESSAGE(login.text, 200, login.status);
    token_ = login.json.at("access_token");
    issued().push_back(token_);
    issued().push_back(login.json.at("refresh_token"));
  }

  /// Every token handed to an Admin during the run.
  static std::vector<std::string>& issued() {
    static std::vector<std::string> tokens;
    return tokens;
  }

  HttpResult call(const std::string& method, const std::string& path,
                  const Json& body = Json()) const {
    return httpRequest(fleet().gateway(), method, path, body.is_null() ? "" : body.dump(),
                       {{"Authorization", "Bearer " + token_}});
  }

  Json created(const std::string& path, const Json& body) const {
    const HttpResult result = call("POST", path, body);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(path + ": " + result.text, 201, result.status);
    return result.json;
  }

  Json draft(const std::string& name, const std::string& characteristic = "") const {
    return draftOffering(
        [this](const std::string& path, const Json& body) { return created(path, body); }, name,
        characteristic);
  }

  const std::string& token() const { return token_; }

  std::string status(const std::string& id) const {
    return call("GET", "/api/v1/offerings/" + id).json.value("lifecycle_status", "");
  }

  // Waits until every offering is PUBLISHED and in the store; asserts it.
  void awaitInStore(const std::vector<std::string>& ids, std::chrono::seconds timeout) const {
    for (const std::string& id : ids) {
      CPPUNIT_ASSERT_MESSAGE(
          id + " is " + status(id),
          eventually([&] { return call("GET", "/api/v1/store/offerings/" + id).status == 200; },
                     timeout));
      CPPUNIT_ASSERT_EQUAL(std::string("PUBLISHED"), status(id));
    }
  }

  // How many store entries a search for `text` finds.
  int found(const std::string& text) const {
    return call("GET", "/api/v1/store/search?limit=100&q=" + text).json.value("total", -1);
  }

 private:
  std::string token_;
};

std::vector<std::string> drafts(const Admin& admin, const std::string& prefix, int count) {
  std::vector<std::string> ids;
  for (int i = 0; i < count; ++i)
    ids.push_back(admin.draft(prefix + " " + std::to_string(i))["id"]);
  return ids;
}

void publishAll(const Admin& admin, const std::vector<std::string>& ids) {
  for (const std::string& id : ids) {
    const HttpResult published = admin.call("POST", "/api/v1/offerings/" + id + "/publish");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(published.text, 202, published.status);
  }
}

}  // namespace

class SplitDeploymentTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(SplitDeploymentTest);
  CPPUNIT_TEST(testEveryContextIsRemoteBehindTheGateway);
  CPPUNIT_TEST(testSrsScenarioThroughTheGateway);
  CPPUNIT_TEST(testPublicationIsOneTraceAcrossTheFleet);
  CPPUNIT_TEST(testFailedStepCompensatesAcrossProcesses);
  CPPUNIT_TEST(testStoreKilledWhilePublishingConverges);
  CPPUNIT_TEST(testBrokerRestartLosesAndDuplicatesNothing);
  CPPUNIT_TEST(testPoisonMessageIsDeadLetteredAndTheStoreGoesOn);
  CPPUNIT_TEST(testTwoStoreInstancesShareTheWork);
  CPPUNIT_TEST(testLogsOfTheWholeRunHoldNoSecret);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testEveryContextIsRemoteBehindTheGateway() {
    const HttpResult answer = httpRequest(fleet().gateway(), "GET", "/health/dependencies");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(answer.text, 200, answer.status);
    for (const char* context :
         {"identity", "characteristic", "specification", "pricing", "offering", "store"}) {
      CPPUNIT_ASSERT_EQUAL_MESSAGE(context, Json("remote"),
                                   answer.json["dependencies"][context].value("location", Json()));
    }
    for (const std::string& role : kRoles) {
      HttpResult health;
      CPPUNIT_ASSERT_MESSAGE(role + ": " + health.text, eventually([&] {
                               health = httpRequest(fleet().process(role).port(), "GET", "/health");
                               return health.json.value("message_broker", "") == "connected";
                             }));
    }
  }

  // SRS §5.5 through the gateway: build, publish (saga steps in four processes), find it in the
  // store by text, price and characteristic, retire it, and see it gone.
  void testSrsScenarioThroughTheGateway() {
    const Admin admin;
    const Json offering = admin.draft("Split Highspeed Home", "Speed");
    const std::string id = offering["id"];
    publishAll(admin, {id});

    admin.awaitInStore({id}, std::chrono::seconds(30));
    const HttpResult shown = admin.call("GET", "/api/v1/store/offerings/" + id);
    CPPUNIT_ASSERT_EQUAL(Json("Split Highspeed Home"), shown.json["name"]);
    CPPUNIT_ASSERT_EQUAL(Json("100"),
                         shown.json["specifications"][0]["characteristics"][0]["value"]);
    CPPUNIT_ASSERT_EQUAL(Json("50.00"), shown.json["pricing"][0]["value"]);
    const HttpResult found = admin.call(
        "GET",
        "/api/v1/store/search?q=split%20highspeed&max_price=100&characteristic=Speed:%3E50Mbps");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(found.text, Json(1), found.json["total"]);
    const Json publication = admin.call("GET", "/api/v1/offerings/" + id + "/publication").json;
    CPPUNIT_ASSERT_EQUAL_MESSAGE(publication.dump(), Json("PUBLISHED"), publication["state"]);

    const HttpResult retired = admin.call("POST", "/api/v1/offerings/" + id + "/retire");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(retired.text, 200, retired.status);
    CPPUNIT_ASSERT(eventually(
        [&] { return admin.call("GET", "/api/v1/store/offerings/" + id).status == 404; }));
  }

  // The caller's trace goes through six processes: the gateway's call to the offering host, the
  // saga's steps in the workers' hosts with their calls to the engine, the event over RabbitMQ
  // and the store's consumer — one tree in the collector.
  void testPublicationIsOneTraceAcrossTheFleet() {
    const std::string trace = "5a1e0000000000000000000000000001";
    const std::string caller = "5a1e000000000001";
    const Admin admin;
    const std::string id = admin.draft("Split Traced Home")["id"];
    const HttpResult published =
        httpRequest(fleet().gateway(), "POST", "/api/v1/offerings/" + id + "/publish", "",
                    {{"Authorization", "Bearer " + admin.token()},
                     {"traceparent", "00-" + trace + "-" + caller + "-01"}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(published.text, 202, published.status);
    admin.awaitInStore({id}, std::chrono::seconds(30));

    const std::string consume = "CONSUME " + kStoreOfferingQueue;
    CPPUNIT_ASSERT_MESSAGE(TraceTree(fleet().collector().trace(trace)).describe(), eventually([&] {
                             const TraceTree tree(fleet().collector().trace(trace));
                             return !tree.named(consume).empty() && tree.problem(caller).empty();
                           }));
    const TraceTree tree(fleet().collector().trace(trace));
    const std::string shown = tree.describe();
    for (const char* service :
         {"gateway", "offering", "engine", "pricing", "specification", "store"}) {
      CPPUNIT_ASSERT_MESSAGE(std::string(service) + "\n" + shown,
                             tree.services().count(service) == 1);
    }
    // Over HTTP a call is a CLIENT span in the caller and a SERVER span in the callee.
    const std::vector<Json> forwarded = tree.named("POST offering");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(shown, std::size_t{1}, forwarded.size());
    CPPUNIT_ASSERT_EQUAL(Json("CLIENT"), forwarded[0]["kind"]);
    CPPUNIT_ASSERT_EQUAL(Json("gateway"), forwarded[0]["localEndpoint"]["serviceName"]);
    const std::vector<Json> served = tree.named("POST /api/v1/offerings/{id}/publish");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(shown, std::size_t{1}, served.size());
    CPPUNIT_ASSERT_EQUAL(forwarded[0]["id"], served[0]["parentId"]);
    const Json step = tree.named("SAGA offering-publication-saga lock-prices").at(0);
    CPPUNIT_ASSERT_EQUAL(Json("pricing"), step["localEndpoint"]["serviceName"]);
    CPPUNIT_ASSERT(tree.descends(step, served[0]));
    // The step's verdict reaches the engine in the offering host within the step's span.
    bool reported = false;
    for (const Json& call : tree.named("POST engine"))
      reported = reported ||
                 (call["localEndpoint"]["serviceName"] == "pricing" && tree.descends(call, step));
    CPPUNIT_ASSERT_MESSAGE(shown, reported);
    const Json event = tree.named("PUBLISH product.offerings.events").back();
    const std::vector<Json> consumed = tree.named(consume);
    CPPUNIT_ASSERT_MESSAGE(shown, std::any_of(consumed.begin(), consumed.end(), [&](const Json& c) {
                             return c["parentId"] == event["id"] &&
                                    c["localEndpoint"]["serviceName"] == "store";
                           }));
    const Json confirm = tree.named("SAGA offering-publication-saga confirm-publication").at(0);
    CPPUNIT_ASSERT_MESSAGE(shown, tree.descends(event, confirm));

    // On PostgreSQL too, the offering host reads its database, its outbox and its engine into
    // gauges (refreshed every few seconds).
    const int offering = fleet().process("offering").port();
    CPPUNIT_ASSERT(eventually(
        [&] {
          return scrapedValue(offering, "catalog_db_up{plugin=\"offering\"}") == 1.0 &&
                 scrapedValue(offering, "catalog_outbox_pending_events{plugin=\"offering\"}") ==
                     0.0 &&
                 scrapedValue(offering,
                              "catalog_saga_instances{process=\"offering-publication-saga\","
                              "state=\"COMPLETED\"}") >= 1.0;
        },
        std::chrono::seconds(15)));
    CPPUNIT_ASSERT_EQUAL(
        0.0,
        *scrapedValue(offering, "catalog_outbox_oldest_pending_age_seconds{plugin=\"offering\"}"));
  }

  // Another saga holds the price: the lock step fails in the pricing process, the offering
  // process compensates, the offering is a DRAFT again with the reason and the store has
  // nothing; once the price is free it publishes.
  void testFailedStepCompensatesAcrossProcesses() {
    const Admin admin;
    const Json offering = admin.draft("Split Locked Home");
    const std::string id = offering["id"];
    const std::string price_id = offering["pricing_ids"][0];
    const HttpResult held = admin.call("POST", "/api/v1/prices/locks",
                                       {{"saga_id", "other-saga"}, {"price_ids", {price_id}}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(held.text, 200, held.status);

    publishAll(admin, {id});
    Json reverted;
    CPPUNIT_ASSERT(eventually(
        [&] {
          reverted = admin.call("GET", "/api/v1/offerings/" + id).json;
          return reverted.value("lifecycle_status", "") == "DRAFT" &&
                 reverted["failure_reason"].is_string();
        },
        std::chrono::seconds(30)));
    CPPUNIT_ASSERT_EQUAL(404, admin.call("GET", "/api/v1/store/offerings/" + id).status);
    CPPUNIT_ASSERT_EQUAL(Json("other-saga"),
                         admin.call("GET", "/api/v1/prices/" + price_id).json["locked_by_saga_id"]);

    CPPUNIT_ASSERT_EQUAL(200, admin.call("DELETE", "/api/v1/prices/locks/other-saga").status);
    publishAll(admin, {id});
    admin.awaitInStore({id}, std::chrono::seconds(30));
  }

  void testStoreKilledWhilePublishingConverges() {
    const Admin admin;
    const std::vector<std::string> ids = drafts(admin, "Split Crash", 8);
    publishAll(admin, ids);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // mid-run

    fleet().process("store").kill9();
    fleet().start("store");

    // A saga task the killed store held waits out its lock (30 s) before another worker gets it.
    admin.awaitInStore(ids, std::chrono::seconds(60));
    CPPUNIT_ASSERT_EQUAL(static_cast<int>(ids.size()), admin.found("split%20crash"));
  }

  void testBrokerRestartLosesAndDuplicatesNothing() {
    const Admin admin;
    const std::vector<std::string> before = drafts(admin, "Split Outage", 4);
    publishAll(admin, before);

    fleet().broker().stop();
    // Started again whatever happens, for the tests after this one.
    const std::unique_ptr<RabbitMqServer, void (*)(RabbitMqServer*)> restart(
        &fleet().broker(), [](RabbitMqServer* server) { server->start(); });
    // Written while the broker is away: the events wait in the outboxes.
    const Json changed = admin.draft("Split Outage Late");
    fleet().broker().start();
    publishAll(admin, {changed["id"]});

    std::vector<std::string> all = before;
    all.push_back(changed["id"]);
    admin.awaitInStore(all, std::chrono::seconds(60));
    CPPUNIT_ASSERT_EQUAL(static_cast<int>(all.size()), admin.found("split%20outage"));
    for (const std::string& role : kRoles) {
      CPPUNIT_ASSERT(eventually([&] {
        return httpRequest(fleet().process(role).port(), "GET", "/health")
                   .json.value("message_broker", "") == "connected";
      }));
    }
  }

  void testPoisonMessageIsDeadLetteredAndTheStoreGoesOn() {
    const Admin admin;
    const std::string poison = R"({"event_type":"OfferingPublished","poison":true})";
    fleet().broker().publish("", "product.offerings.events", "OfferingPublished", poison);
    std::vector<QueuedMessage> dead;
    CPPUNIT_ASSERT(eventually([&] {
      auto taken = fleet().broker().takeAll("", "store.offering-copies.dlq");
      dead.insert(dead.end(), taken.begin(), taken.end());
      return std::any_of(dead.begin(), dead.end(),
                         [&](const QueuedMessage& message) { return message.body == poison; });
    }));
    for (const QueuedMessage& message : dead) {
      if (message.body == poison)
        CPPUNIT_ASSERT(message.headers.at("x-error").rfind("not an event: ", 0) == 0);
    }
    CPPUNIT_ASSERT(scrapedValue(fleet().process("store").port(),
                                "catalog_events_dead_lettered_total{subscription=\"store.offering-"
                                "copies\"}") >= 1.0);

    const std::string id = admin.draft("Split After Poison")["id"];
    publishAll(admin, {id});
    admin.awaitInStore({id}, std::chrono::seconds(30));
  }

  void testTwoStoreInstancesShareTheWork() {
    const Admin admin;
    fleet().start("store", "store-2");
    CPPUNIT_ASSERT(
        eventually([&] { return fleet().broker().consumers("", kStoreOfferingQueue) == 2; }));

    const std::vector<std::string> ids = drafts(admin, "Split Pair", 8);
    publishAll(admin, ids);

    admin.awaitInStore(ids, std::chrono::seconds(30));
    CPPUNIT_ASSERT_EQUAL(static_cast<int>(ids.size()), admin.found("split%20pair"));
    for (const std::string& id : ids) {
      const Json entry = admin.call("GET", "/api/v1/store/offerings/" + id).json;
      CPPUNIT_ASSERT_EQUAL(std::size_t{1}, entry["pricing"].size());
      CPPUNIT_ASSERT_EQUAL(std::size_t{1}, entry["specifications"].size());
    }

    // The second instance alone does the work while the first is down (asked directly: the
    // gateway knows only the first). A saga task the first one's parked long poll took as it
    // died waits out its lock (30 s).
    fleet().stop("store");
    const std::vector<std::string> alone = drafts(admin, "Split Second", 3);
    publishAll(admin, alone);
    const int second = fleet().process("store-2").port();
    for (const std::string& id : alone) {
      CPPUNIT_ASSERT_MESSAGE(
          id + " is " + admin.status(id),
          eventually(
              [&] {
                return httpRequest(second, "GET", "/api/v1/store/offerings/" + id).status == 200;
              },
              std::chrono::seconds(60)));
    }
    fleet().start("store");
    fleet().stop("store-2");
  }

  // Seven processes at debug level through every test above — logins, sagas, a crash, a broker
  // outage, a poison message — and no log line, span or metric holds a password or a token.
  void testLogsOfTheWholeRunHoldNoSecret() {
    std::string logs = fleet().logs();
    for (const Json& span : fleet().collector().spans()) logs += span.dump();
    for (const std::string& role : kRoles)
      logs += httpRequest(fleet().process(role).port(), "GET", "/metrics").text;
    CPPUNIT_ASSERT(logs.find("\"DEBUG\"") != std::string::npos);
    std::vector<std::string> secrets = {kAdminPassword, kWorkersPassword, ":guest@"};
    for (const std::string& token : Admin::issued()) {
      secrets.push_back(token);
      if (const auto dot = token.rfind('.'); dot != std::string::npos)
        secrets.push_back(token.substr(dot + 1));  // a signature alone
    }
    CPPUNIT_ASSERT(secrets.size() > 10);
    for (const std::string& secret : secrets)
      CPPUNIT_ASSERT_MESSAGE("a log holds a secret", logs.find(secret) == std::string::npos);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SplitDeploymentTest);

}  // namespace catalog::test
