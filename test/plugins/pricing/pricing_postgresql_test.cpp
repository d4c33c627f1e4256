// The pricing plugin on PostgreSQL (CATALOG_PRICING_DATABASE_URL): its migrations and queries
// for the dialect the fleet runs on, and its locks under real concurrency: on PostgreSQL,
// unlike SQLite, writers of one database do run at the same time.
#include <cppunit/extensions/HelperMacros.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "catalog/sdk/ids.hpp"
#include "price_client.hpp"
#include "support/assertions.hpp"
#include "support/catalogd_process.hpp"
#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

PostgresServer& postgres() {
  static PostgresServer server;
  return server;
}

CatalogdProcess& catalogd() {
  static TempDir dir;
  static CatalogdProcess process([] {
    CatalogdProcess::Options options{{"--plugins=pricing,probe", "--data-dir=" + dir.file("var")},
                                     TestIssuer::instance().hostEnv(),
                                     dir.file("catalogd.log")};
    options.env.emplace("CATALOG_PLUGIN_PATH", CATALOG_FIXTURE_DIR);
    options.env.emplace("CATALOG_PRICING_DATABASE_URL", postgres().createDatabase("pricing"));
    return options;
  }());
  return process;
}

const PriceClient& api() {
  static const PriceClient client(catalogd().port());
  return client;
}

}  // namespace

class PricingPostgresqlTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(PricingPostgresqlTest);
  CPPUNIT_TEST(testPricesAreCreatedListedFoundUpdatedAndDeleted);
  CPPUNIT_TEST(testDuplicateNameIsConflictRegardlessOfCase);
  CPPUNIT_TEST(testValueRoundTripsExactly);
  CPPUNIT_TEST(testTextThatPostgresqlCannotStoreIsBadRequest);
  CPPUNIT_TEST(testLockSemantics);
  CPPUNIT_TEST(testDeleteReferencedByOfferingIsConflict);
  CPPUNIT_TEST(testConcurrentLocksBySagasHaveExactlyOneWinner);
  CPPUNIT_TEST(testConcurrentMultiLocksOverOverlappingPricesNeverDeadlock);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testPricesAreCreatedListedFoundUpdatedAndDeleted() {
    const Json created = api().create(uniqueName("PG Fee"), "19.90");
    CPPUNIT_ASSERT_EQUAL(created.dump(), api().current(created).dump());
    const HttpResult upper =
        api().call("GET", std::string(kPrices) + "/" + upperCase(idOf(created)));
    CPPUNIT_ASSERT_EQUAL(200, upper.status);
    const HttpResult narrowed = api().call("GET", std::string(kPrices) + "?id=" + idOf(created));
    CPPUNIT_ASSERT_EQUAL(1, narrowed.json.value("total", 0));
    CPPUNIT_ASSERT(
        api().call("GET", std::string(kPrices) + "?page_size=100").json.value("total", 0) >= 1);

    const HttpResult updated =
        api().call("PUT", itemPath(created), replacement(created, {{"currency", "TRY"}}));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(updated.text, 200, updated.status);
    CPPUNIT_ASSERT_EQUAL(2, updated.json.value("version", 0));
    assertError(api().call("PUT", itemPath(created), replacement(created, {{"value", "1"}})), 409,
                "CONFLICT");
    CPPUNIT_ASSERT_EQUAL(204, api().call("DELETE", itemPath(created)).status);
    assertError(api().call("GET", itemPath(created)), 404, "NOT_FOUND");
    assertError(api().call("GET", std::string(kPrices) + "/not-a-uuid"), 404, "NOT_FOUND");
  }

  void testDuplicateNameIsConflictRegardlessOfCase() {
    const std::string name = uniqueName("PG Setup Fee");
    const Json first = api().create(name);
    const HttpResult duplicate = api().call("POST", kPrices, priceBody(upperCase(name)));
    assertError(duplicate, 409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL(idOf(first), duplicate.json["error"]["details"].value("existing_id", ""));
    const Json second = api().createPrice();
    assertError(api().call("PUT", itemPath(second), replacement(second, {{"name", name}})), 409,
                "CONFLICT");
  }

  void testValueRoundTripsExactly() {
    for (const std::string value : {"12345678.91", "99999999.99", "0.01", "0.10", "1.00"}) {
      const Json created = api().create(uniqueName("PG Exact"), value);
      CPPUNIT_ASSERT_EQUAL(value, created.value("value", ""));
      CPPUNIT_ASSERT_EQUAL(value, api().current(created).value("value", ""));
    }
    CPPUNIT_ASSERT_EQUAL(std::string("12345678.91"),
                         api().create(uniqueName("PG Exact"), 12345678.91).value("value", ""));
    assertRejectedField(api().call("POST", kPrices, priceBody(uniqueName("PG"), "100000000")),
                        "value");
  }

  // U+0000 is valid JSON but no PostgreSQL text; an id that is no UUID is no PostgreSQL UUID.
  void testTextThatPostgresqlCannotStoreIsBadRequest() {
    assertRejectedField(
        api().send("POST", kPrices,
                   R"({"name": "a\u0000b", "value": "1", "unit": "x", "currency": "USD"})"),
        "name");
    assertRejectedField(
        api().send("POST", kPriceLocks,
                   R"({"saga_id": "\u0000", "price_ids": [")" + sdk::newUuid() + "\"]}"),
        "saga_id");
    assertRejectedField(api().lockAll(uniqueSaga(), {"0000-zz"}), "price_ids");
    assertRejectedField(api().call("DELETE", std::string(kPriceLocks) + "/%FF%00"), "saga_id");
    CPPUNIT_ASSERT_EQUAL(200, api().call("GET", std::string(kPrices) + "?page=1000000").status);
  }

  void testLockSemantics() {
    const Json price = api().createPrice();
    const std::string saga = uniqueSaga();
    const std::string other = uniqueSaga();
    const HttpResult locked = api().lock(price, saga);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(locked.text, 200, locked.status);
    CPPUNIT_ASSERT_EQUAL(saga, locked.json.value("locked_by_saga_id", ""));
    CPPUNIT_ASSERT_EQUAL(locked.json.dump(), api().lock(price, saga).json.dump());
    assertError(api().lock(price, other), 423, "LOCKED");
    assertError(api().unlock(price, other), 409, "CONFLICT");
    assertError(api().call("PUT", itemPath(price), replacement(locked.json, {{"value", "2"}})), 423,
                "LOCKED");
    assertError(api().call("DELETE", itemPath(price)), 423, "LOCKED");
    const HttpResult unlocked = api().unlock(price, saga);
    CPPUNIT_ASSERT_EQUAL(200, unlocked.status);
    CPPUNIT_ASSERT_EQUAL(3, unlocked.json.value("version", 0));
    CPPUNIT_ASSERT_EQUAL(
        200,
        api().call("PUT", itemPath(price), replacement(unlocked.json, {{"value", "2"}})).status);

    const Json a = api().createPrice();
    const Json b = api().createPrice();
    CPPUNIT_ASSERT_EQUAL(200, api().lock(a, saga).status);
    CPPUNIT_ASSERT_EQUAL(200, api().lock(b, other).status);
    assertError(api().lockAll(saga, {idOf(a), idOf(b)}), 423, "LOCKED");
    CPPUNIT_ASSERT_EQUAL(false, api().current(a).value("locked", true));
    assertError(api().lockAll(saga, {idOf(a), sdk::newUuid()}), 404, "NOT_FOUND");
    CPPUNIT_ASSERT_EQUAL(false, api().current(a).value("locked", true));
    CPPUNIT_ASSERT_EQUAL(200, api().lockAll(saga, {idOf(a), idOf(price)}).status);
    const HttpResult released = api().releaseAll(saga);
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, released.json["released"].size());
    CPPUNIT_ASSERT_EQUAL(other, api().current(b).value("locked_by_saga_id", ""));
  }

  void testDeleteReferencedByOfferingIsConflict() {
    const Json price = api().createPrice();
    const std::string offering_id = sdk::newUuid();
    api().publishOfferingEvent("OfferingCreated", 1, offering_id, {idOf(price)});
    assertError(api().call("DELETE", itemPath(price)), 409, "CONFLICT");
    api().publishOfferingEvent("OfferingDeleted", 2, offering_id, {});
    CPPUNIT_ASSERT_EQUAL(204, api().call("DELETE", itemPath(price)).status);
  }

  // Row locks, not one writer at a time as on SQLite: three rounds to give a race its chance.
  void testConcurrentLocksBySagasHaveExactlyOneWinner() {
    for (int round = 0; round < 3; ++round) assertOneSagaWinsTheLockRace(api(), 8);
  }

  // Saga S locks [A, B] while saga T locks [B, A]: taken in one order, the locks queue instead
  // of deadlocking, one saga gets both and the other none.
  void testConcurrentMultiLocksOverOverlappingPricesNeverDeadlock() {
    for (int round = 0; round < 10; ++round) {
      const std::string a = idOf(api().createPrice());
      const std::string b = idOf(api().createPrice());
      const std::string s = uniqueSaga();
      const std::string t = uniqueSaga();
      const std::vector<HttpResult> results = atOnce({[&] {
                                                        return api().lockAll(s, {a, b});
                                                      },
                                                      [&] {
                                                        return api().lockAll(t, {b, a});
                                                      }});
      const bool s_won = results[0].status == 200;
      const HttpResult& loss = s_won ? results[1] : results[0];
      const std::string& winner = s_won ? s : t;
      const std::string& loser = s_won ? t : s;
      CPPUNIT_ASSERT_EQUAL_MESSAGE(results[0].text + results[1].text, 200,
                                   (s_won ? results[0] : results[1]).status);
      assertError(loss, 423, "LOCKED");
      CPPUNIT_ASSERT_EQUAL(winner, loss.json["error"]["details"].value("locked_by_saga_id", ""));
      for (const std::string& id : {a, b}) {
        CPPUNIT_ASSERT_EQUAL(winner, api().current({{"id", id}}).value("locked_by_saga_id", ""));
      }
      CPPUNIT_ASSERT(api().releaseAll(loser).json["released"].empty());
      CPPUNIT_ASSERT_EQUAL(std::size_t{2}, api().releaseAll(winner).json["released"].size());
    }
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PricingPostgresqlTest);

}  // namespace catalog::test
