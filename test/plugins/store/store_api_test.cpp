// The store end to end in one host with the real contexts and the engine: the publication saga
// creates the entry, the offering's publication makes it visible with the whole hierarchy,
// changes to its sources re-project it, retirement takes it away, and a failed publication
// leaves nothing behind. The rules of the read model run with the store on SQLite and on a real
// PostgreSQL (JSONB documents, tsvector); the other contexts stay on SQLite.
#include <cppunit/extensions/HelperMacros.h>

#include <cstdio>
#include <memory>
#include <string>

#include "support/assertions.hpp"
#include "support/catalog_client.hpp"
#include "support/eventually.hpp"
#include "support/postgres_server.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

constexpr const char* kStore = "/api/v1/store/offerings";

using Env = std::map<std::string, std::string>;

// The store's own database on one PostgreSQL server for the suite, a new database per host.
Env onPostgresql() {
  static PostgresServer server;
  static int databases = 0;
  return {{"CATALOG_STORE_DATABASE_URL",
           server.createDatabase("store_" + std::to_string(++databases))}};
}

// The host of these tests: every context of the catalog, the store working its saga steps.
class Store {
 public:
  explicit Store(const Env& env = {})
      : host_(catalogHost(dir_, "characteristic,specification,pricing,offering,store,probe", env)),
        client_(host_.port()) {}

  const CatalogClient& client() const { return client_; }

  // The public store's answer, without a token.
  HttpResult get(const std::string& path) const { return httpRequest(client_.port(), "GET", path); }

  // Waits until GET …/{id} answers `status`; returns that answer.
  HttpResult onceAnswering(const std::string& id, int status) const {
    HttpResult last;
    const bool reached = eventually([&] {
      last = get(std::string(kStore) + "/" + id);
      return last.status == status;
    });
    CPPUNIT_ASSERT_MESSAGE("store answered " + std::to_string(last.status) + ": " + last.text,
                           reached);
    return last;
  }

 private:
  TempDir dir_;
  CatalogdProcess host_;
  CatalogClient client_;
};

}  // namespace

class StoreApiTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(StoreApiTest);
  CPPUNIT_TEST(testPublishedOfferingAppearsWithItsWholeHierarchy);
  CPPUNIT_TEST(testSourceChangesReprojectThePublishedOffering);
  CPPUNIT_TEST(testShuffledAndRepeatedEventsConvergeToTheNewest);
  CPPUNIT_TEST(testRetiredOfferingLeavesTheStore);
  CPPUNIT_TEST(testFailedPublicationLeavesNothingInTheStore);
  CPPUNIT_TEST(testUnknownOrMalformedIdIsNotFound);
  CPPUNIT_TEST(testRebuildRestoresALostReadModel);
  CPPUNIT_TEST(testPublishedOfferingAppearsWithItsWholeHierarchyOnPostgresql);
  CPPUNIT_TEST(testSourceChangesReprojectThePublishedOfferingOnPostgresql);
  CPPUNIT_TEST(testShuffledAndRepeatedEventsConvergeToTheNewestOnPostgresql);
  CPPUNIT_TEST(testRetiredOfferingLeavesTheStoreOnPostgresql);
  CPPUNIT_TEST(testFailedPublicationLeavesNothingInTheStoreOnPostgresql);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testPublishedOfferingAppearsWithItsWholeHierarchy() { assertWholeHierarchy(Env()); }
  void testSourceChangesReprojectThePublishedOffering() { assertReprojection(Env()); }
  void testShuffledAndRepeatedEventsConvergeToTheNewest() { assertConvergence(Env()); }
  void testRetiredOfferingLeavesTheStore() { assertRetirement(Env()); }
  void testFailedPublicationLeavesNothingInTheStore() { assertFailedPublication(Env()); }

  void testPublishedOfferingAppearsWithItsWholeHierarchyOnPostgresql() {
    assertWholeHierarchy(onPostgresql());
  }
  void testSourceChangesReprojectThePublishedOfferingOnPostgresql() {
    assertReprojection(onPostgresql());
  }
  void testShuffledAndRepeatedEventsConvergeToTheNewestOnPostgresql() {
    assertConvergence(onPostgresql());
  }
  void testRetiredOfferingLeavesTheStoreOnPostgresql() { assertRetirement(onPostgresql()); }
  void testFailedPublicationLeavesNothingInTheStoreOnPostgresql() {
    assertFailedPublication(onPostgresql());
  }

  // The rebuild and the not-found answers run on SQLite only: they read and write no more than
  // the rules above. The store's database lost while the host was down: after a restart the
  // store is empty, and an admin's rebuild brings the published offering back whole from the source
  // contexts.
  void testRebuildRestoresALostReadModel() {
    TempDir dir;
    const std::string plugins = "characteristic,specification,pricing,offering,store";
    auto host = std::make_unique<CatalogdProcess>(catalogHost(dir, plugins));
    std::string id;
    Json before;
    {
      const CatalogClient c(host->port());
      id = c.newCompleteOffering()["id"].get<std::string>();
      CPPUNIT_ASSERT_EQUAL(202, c.publish(id).status);
      c.offeringOnceIn(id, "PUBLISHED");
      CPPUNIT_ASSERT(eventually([&] {
        before = httpRequest(c.port(), "GET", std::string(kStore) + "/" + id).json;
        return before.value("id", "") == id;
      }));
      c.newOffering();  // a draft: never in the store
    }
    CPPUNIT_ASSERT_EQUAL(0, host->terminate());
    for (const char* suffix : {"", "-wal", "-shm"})
      std::remove(dir.file(std::string("var/store.db") + suffix).c_str());
    host = std::make_unique<CatalogdProcess>(catalogHost(dir, plugins));
    const CatalogClient c(host->port());
    CPPUNIT_ASSERT_EQUAL(404, httpRequest(c.port(), "GET", std::string(kStore) + "/" + id).status);

    const HttpResult refused =
        c.call("POST", "/api/v1/store/rebuild", Json(),
               {{"Authorization", TestIssuer::instance().bearer("USER").at("Authorization")}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(refused.text, 403, refused.status);
    const HttpResult rebuilt = c.call("POST", "/api/v1/store/rebuild");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(rebuilt.text, 200, rebuilt.status);
    CPPUNIT_ASSERT_EQUAL((Json{{"offerings", 1},
                               {"specifications", 1},
                               {"characteristics", 1},
                               {"prices", 1},
                               {"removed", 0},
                               {"skipped", Json::array()}}),
                         rebuilt.json);
    const HttpResult after = httpRequest(c.port(), "GET", std::string(kStore) + "/" + id);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(after.text, 200, after.status);
    CPPUNIT_ASSERT_EQUAL(before, after.json);
  }

  void testUnknownOrMalformedIdIsNotFound() {
    Store store;
    for (const char* id : {"3f0c5d1e-8d7a-4a57-9a55-5f4f1d2c9b10", "not-a-uuid"}) {
      const HttpResult result = store.get(std::string(kStore) + "/" + id);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 404, result.status);
      CPPUNIT_ASSERT_EQUAL(Json("NOT_FOUND"), result.json["error"]["code"]);
      CPPUNIT_ASSERT(result.json["error"]["correlation_id"].is_string());
    }
  }

 private:
  static void assertWholeHierarchy(const Env& env) {
    Store store(env);
    const CatalogClient& c = store.client();
    const Json speed =
        c.created("/api/v1/characteristics",
                  {{"name", uniqueName("Speed")}, {"value", "100"}, {"unit_of_measure", "Mbps"}});
    const Json fibre = c.created("/api/v1/specifications", {{"name", uniqueName("Fibre")},
                                                            {"characteristic_ids", {speed["id"]}}});
    const Json price = c.created("/api/v1/prices", {{"name", uniqueName("Monthly")},
                                                    {"value", "50"},
                                                    {"unit", "per month"},
                                                    {"currency", "USD"}});
    const Json draft = c.newOffering({{"description", "Fast fibre"},
                                      {"specification_ids", {fibre["id"]}},
                                      {"pricing_ids", {price["id"]}},
                                      {"sales_channels", {"online", "retail"}}});
    const std::string id = draft["id"];
    CPPUNIT_ASSERT_EQUAL(404, store.get(std::string(kStore) + "/" + id).status);
    CPPUNIT_ASSERT_EQUAL(202, c.publish(id).status);
    const Json published = c.offeringOnceIn(id, "PUBLISHED");

    const Json document = store.onceAnswering(id, 200).json;
    CPPUNIT_ASSERT_EQUAL(draft["name"], document["name"]);
    CPPUNIT_ASSERT_EQUAL(Json("Fast fibre"), document["description"]);
    CPPUNIT_ASSERT_EQUAL(Json("PUBLISHED"), document["lifecycle_status"]);
    CPPUNIT_ASSERT_EQUAL(published["published_at"], document["published_at"]);
    CPPUNIT_ASSERT_EQUAL((Json{"online", "retail"}), document["sales_channels"]);
    const Json& specification = document["specifications"].at(0);
    CPPUNIT_ASSERT_EQUAL(fibre["name"], specification["name"]);
    CPPUNIT_ASSERT_EQUAL(
        unordered(
            {{"id", speed["id"]}, {"name", speed["name"]}, {"value", "100"}, {"unit", "Mbps"}}),
        unordered(specification["characteristics"].at(0)));
    CPPUNIT_ASSERT_EQUAL(unordered({{"id", price["id"]},
                                    {"name", price["name"]},
                                    {"value", "50.00"},
                                    {"currency", "USD"},
                                    {"unit", "per month"}}),
                         unordered(document["pricing"].at(0)));

    const HttpResult list = store.get(kStore);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(list.text, 200, list.status);
    CPPUNIT_ASSERT_EQUAL(Json(1), list.json["total"]);
    CPPUNIT_ASSERT_EQUAL(document, list.json["items"].at(0));
  }

  static void assertReprojection(const Env& env) {
    Store store(env);
    const CatalogClient& c = store.client();
    const Json draft = c.newCompleteOffering();
    const std::string id = draft["id"];
    CPPUNIT_ASSERT_EQUAL(202, c.publish(id).status);
    c.offeringOnceIn(id, "PUBLISHED");
    Json document = store.onceAnswering(id, 200).json;

    // The prices are released once the saga ends; then they may change.
    const std::string price_path = "/api/v1/prices/" + draft["pricing_ids"][0].get<std::string>();
    HttpResult updated;
    const bool changed = eventually([&] {
      const Json price = c.call("GET", price_path).json;
      updated = c.call("PUT", price_path,
                       {{"name", price["name"]},
                        {"value", "42.50"},
                        {"unit", price["unit"]},
                        {"currency", "EUR"},
                        {"version", price["version"]}});
      return updated.status == 200;
    });
    CPPUNIT_ASSERT_MESSAGE(updated.text, changed);
    const bool reprojected = eventually([&] {
      document = store.get(std::string(kStore) + "/" + id).json;
      return document["pricing"].at(0).value("value", "") == "42.50";
    });
    CPPUNIT_ASSERT_MESSAGE(document.dump(), reprojected);
    CPPUNIT_ASSERT_EQUAL(Json("EUR"), document["pricing"].at(0)["currency"]);

    const std::string characteristic_id =
        document["specifications"][0]["characteristics"][0].value("id", "");
    const std::string characteristic_path = "/api/v1/characteristics/" + characteristic_id;
    const Json characteristic = c.call("GET", characteristic_path).json;
    const HttpResult renamed = c.call("PUT", characteristic_path,
                                      {{"name", characteristic["name"]},
                                       {"value", "1"},
                                       {"unit_of_measure", "Gbps"},
                                       {"version", characteristic["version"]}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(renamed.text, 200, renamed.status);
    const bool followed = eventually([&] {
      document = store.get(std::string(kStore) + "/" + id).json;
      return document["specifications"][0]["characteristics"][0].value("unit", "") == "Gbps";
    });
    CPPUNIT_ASSERT_MESSAGE(document.dump(), followed);
  }

  // Versions 2 to 7 of the offering's characteristic, each sent twice, in an order that puts
  // older ones after newer ones: the document ends at version 7 and stays there.
  static void assertConvergence(const Env& env) {
    Store store(env);
    const CatalogClient& c = store.client();
    const std::string id = c.newCompleteOffering()["id"];
    CPPUNIT_ASSERT_EQUAL(202, c.publish(id).status);
    c.offeringOnceIn(id, "PUBLISHED");
    const Json characteristic =
        store.onceAnswering(id, 200).json["specifications"][0]["characteristics"][0];
    const auto version = [&](int v) {
      return Json{{"id", characteristic["id"]},
                  {"name", characteristic["name"]},
                  {"value", std::to_string(v * 100)},
                  {"unit_of_measure", "Mbps"},
                  {"version", v}};
    };
    for (const int v : {4, 2, 7, 3, 7, 5, 2, 6, 4, 3, 6, 5})
      c.publishEvent("resource.characteristics.events", "CharacteristicUpdated", v, version(v));
    Json document;
    const bool converged = eventually([&] {
      document = store.get(std::string(kStore) + "/" + id).json;
      return document["specifications"][0]["characteristics"][0].value("value", "") == "700";
    });
    CPPUNIT_ASSERT_MESSAGE(document.dump(), converged);
    // A stale event after the newest changes nothing (publishEvent returns once it is delivered).
    c.publishEvent("resource.characteristics.events", "CharacteristicUpdated", 1, version(1));
    document = store.get(std::string(kStore) + "/" + id).json;
    CPPUNIT_ASSERT_EQUAL(Json("700"), document["specifications"][0]["characteristics"][0]["value"]);
  }

  static void assertRetirement(const Env& env) {
    Store store(env);
    const CatalogClient& c = store.client();
    const std::string id = c.newCompleteOffering()["id"];
    CPPUNIT_ASSERT_EQUAL(202, c.publish(id).status);
    c.offeringOnceIn(id, "PUBLISHED");
    store.onceAnswering(id, 200);
    const HttpResult retired = c.call("POST", offeringPath(id) + "/retire");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(retired.text, 200, retired.status);
    const HttpResult gone = store.onceAnswering(id, 404);
    CPPUNIT_ASSERT_EQUAL(Json("NOT_FOUND"), gone.json["error"]["code"]);
    CPPUNIT_ASSERT_EQUAL(Json(0), store.get(kStore).json["total"]);
  }

  // The pricing context refuses a price another saga holds: the saga compensates and the
  // store's entry, never created, is not there either.
  static void assertFailedPublication(const Env& env) {
    Store store(env);
    const CatalogClient& c = store.client();
    const Json draft = c.newCompleteOffering();
    const std::string id = draft["id"];
    const HttpResult held =
        c.call("POST", "/api/v1/prices/locks",
               {{"saga_id", "someone-else"}, {"price_ids", draft["pricing_ids"]}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(held.text, 200, held.status);
    CPPUNIT_ASSERT_EQUAL(202, c.publish(id).status);
    const Json reverted = c.offeringOnceIn(id, "DRAFT");
    CPPUNIT_ASSERT_MESSAGE(reverted.dump(), reverted["failure_reason"].is_string());
    CPPUNIT_ASSERT_EQUAL(404, store.get(std::string(kStore) + "/" + id).status);
    CPPUNIT_ASSERT_EQUAL(Json(0), store.get(kStore).json["total"]);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(StoreApiTest);

}  // namespace catalog::test
