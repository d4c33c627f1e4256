// SRS §3.2.3 over HTTP, against a real catalogd with the pricing plugin and the probe fixture
// (which records pricing events and publishes offering events). The host trusts the test
// issuer's tokens.
#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "catalog/sdk/ids.hpp"
#include "price_client.hpp"
#include "support/assertions.hpp"
#include "support/catalogd_process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

CatalogdProcess& catalogd() {
  static TempDir dir;
  static CatalogdProcess process([] {
    CatalogdProcess::Options options{{"--plugins=pricing,probe", "--data-dir=" + dir.file("var")},
                                     TestIssuer::instance().hostEnv(),
                                     dir.file("catalogd.log")};
    options.env.emplace("CATALOG_PLUGIN_PATH", CATALOG_FIXTURE_DIR);
    return options;
  }());
  return process;
}

const PriceClient& api() {
  static const PriceClient client(catalogd().port());
  return client;
}

bool isIsoUtc(const std::string& text) {
  return text.size() == 24 && text[10] == 'T' && text.back() == 'Z';
}

}  // namespace

class PricingApiTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(PricingApiTest);
  CPPUNIT_TEST(testCreateReturnsThePriceWithLocation);
  CPPUNIT_TEST(testCreateEmitsPriceCreatedWithValueAsText);
  CPPUNIT_TEST(testWholeValueIsRenderedWithTwoDecimals);
  CPPUNIT_TEST(testNumericValueIsTakenAsWritten);
  CPPUNIT_TEST(testValueWithThreeDecimalsIsBadRequest);
  CPPUNIT_TEST(testInvalidValuesAreBadRequestNamingValue);
  CPPUNIT_TEST(testInvalidCurrencyIsBadRequestListingAllowed);
  CPPUNIT_TEST(testDuplicateNameIsConflict);
  CPPUNIT_TEST(testDuplicateNameDiffersOnlyInCaseIsConflict);
  CPPUNIT_TEST(testNameAndUnitLengthsAreEnforced);
  CPPUNIT_TEST(testMissingFieldsAreBadRequestNamingTheField);
  CPPUNIT_TEST(testWrongFieldTypesAreBadRequestNamingTheField);
  CPPUNIT_TEST(testMalformedBodiesAreBadRequestNotFatal);
  CPPUNIT_TEST(testGetReturnsWhatWasCreated);
  CPPUNIT_TEST(testUnknownOrMalformedIdIsNotFound);
  CPPUNIT_TEST(testUpperCaseIdFindsThePrice);
  CPPUNIT_TEST(testListIsOrderedByNameAndPaginates);
  CPPUNIT_TEST(testListSortsByTheKeyAndOrderAsked);
  CPPUNIT_TEST(testListIsNarrowedToGivenIds);
  CPPUNIT_TEST(testUpdateWithCurrentVersionIncrementsVersionAndEmitsUpdated);
  CPPUNIT_TEST(testUpdateWithStaleVersionIsConflict);
  CPPUNIT_TEST(testUpdateThatChangesNothingKeepsVersionAndEmitsNothing);
  CPPUNIT_TEST(testUpdateWithoutVersionIsBadRequest);
  CPPUNIT_TEST(testUpdateBodyIsValidatedBeforeThePriceIsLookedUp);
  CPPUNIT_TEST(testUpdateToAnotherPricesNameIsConflict);
  CPPUNIT_TEST(testUpdateOfLockedPriceIsLocked);
  CPPUNIT_TEST(testDeleteRemovesAndEmitsDeleted);
  CPPUNIT_TEST(testDeleteOfLockedPriceIsLocked);
  CPPUNIT_TEST(testDeleteReferencedByOfferingIsConflict);
  CPPUNIT_TEST(testDeleteIsAllowedOnceNoOfferingReferencesIt);
  CPPUNIT_TEST(testLockLocksForTheSagaAndEmitsPriceLocked);
  CPPUNIT_TEST(testLockBySameSagaIsIdempotent);
  CPPUNIT_TEST(testLockByAnotherSagaIsLockedNamingTheHolder);
  CPPUNIT_TEST(testLockNeedsAValidSagaId);
  CPPUNIT_TEST(testUnlockByNonHolderIsConflict);
  CPPUNIT_TEST(testUnlockThenUpdateWorks);
  CPPUNIT_TEST(testEventsOfALockCycleCarryConsecutiveVersions);
  CPPUNIT_TEST(testMultiLockLocksEveryPriceForTheSaga);
  CPPUNIT_TEST(testFailedMultiLockReleasesWhatTheSagaHeldBefore);
  CPPUNIT_TEST(testMultiLockWithMissingPriceIsNotFoundAndLocksNothing);
  CPPUNIT_TEST(testMultiLockNeedsOneToHundredValidIds);
  CPPUNIT_TEST(testReleaseAllUnlocksEveryPriceOfTheSaga);
  CPPUNIT_TEST(testConcurrentLocksBySagasHaveExactlyOneWinner);
  CPPUNIT_TEST(testUserCanListAndGet);
  CPPUNIT_TEST(testUserCannotChangeOrLock);
  CPPUNIT_TEST(testRequestWithoutTokenIsUnauthorized);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testCreateReturnsThePriceWithLocation() {
    const std::string name = uniqueName("Monthly Fee");
    const HttpResult result = api().call("POST", kPrices, priceBody(name, "49.99", "per month"));
    CPPUNIT_ASSERT_EQUAL(201, result.status);
    const Json& body = result.json;
    CPPUNIT_ASSERT(sdk::isUuid(body.value("id", "")));
    CPPUNIT_ASSERT_EQUAL(name, body.value("name", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("49.99"), body.value("value", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("per month"), body.value("unit", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("USD"), body.value("currency", ""));
    CPPUNIT_ASSERT_EQUAL(false, body.value("locked", true));
    CPPUNIT_ASSERT(body.contains("locked_by_saga_id") && body["locked_by_saga_id"].is_null());
    CPPUNIT_ASSERT_EQUAL(1, body.value("version", 0));
    CPPUNIT_ASSERT(isIsoUtc(body.value("created_at", "")));
    CPPUNIT_ASSERT_EQUAL(body.value("created_at", ""), body.value("updated_at", ""));
    CPPUNIT_ASSERT_EQUAL(itemPath(body), result.headers.at("location"));
  }

  void testCreateEmitsPriceCreatedWithValueAsText() {
    const std::string correlation_id = "test-" + sdk::newUuid();
    const HttpResult result = api().call("POST", kPrices, priceBody(uniqueName("Setup Fee"), "50"),
                                         {{"X-Correlation-ID", correlation_id}});
    CPPUNIT_ASSERT_EQUAL(201, result.status);
    const Json event = api().eventsUntil(idOf(result.json), "PriceCreated").at(0);
    CPPUNIT_ASSERT_EQUAL(std::string("commercial.pricing.events"), event.value("topic", ""));
    CPPUNIT_ASSERT_EQUAL(1, event.value("entity_version", 0));
    CPPUNIT_ASSERT_EQUAL(correlation_id, event.value("correlation_id", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("50.00"), event["payload"].value("value", ""));
    CPPUNIT_ASSERT_EQUAL(result.json.dump(), event["payload"].dump());
  }

  void testWholeValueIsRenderedWithTwoDecimals() {
    const Json created = api().create(uniqueName("Fee"), "50");
    CPPUNIT_ASSERT_EQUAL(std::string("50.00"), created.value("value", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("50.00"), api().current(created).value("value", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("0.50"),
                         api().create(uniqueName("Fee"), "0.5").value("value", ""));
  }

  void testNumericValueIsTakenAsWritten() {
    const HttpResult cents =
        api().send("POST", kPrices,
                   R"({"name": ")" + uniqueName("Fee") +
                       R"(", "value": 49.99, "unit": "x", "currency": "EUR"})");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(cents.text, 201, cents.status);
    CPPUNIT_ASSERT_EQUAL(std::string("49.99"), cents.json.value("value", ""));
    const HttpResult exponent =
        api().send("POST", kPrices,
                   R"({"name": ")" + uniqueName("Fee") +
                       R"(", "value": 1e2, "unit": "x", "currency": "EUR"})");
    CPPUNIT_ASSERT_EQUAL(std::string("100.00"), exponent.json.value("value", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("7.00"),
                         api().create(uniqueName("Fee"), 7).value("value", ""));
  }

  void testValueWithThreeDecimalsIsBadRequest() {
    const HttpResult result = api().call("POST", kPrices, priceBody(uniqueName("Fee"), "49.999"));
    assertRejectedField(result, "value");
    CPPUNIT_ASSERT(result.json["error"].value("message", "").find("two decimal places") !=
                   std::string::npos);
    assertRejectedField(api().call("POST", kPrices, priceBody(uniqueName("Fee"), 49.999)), "value");
  }

  void testInvalidValuesAreBadRequestNamingValue() {
    const std::vector<Json> values = {"0", "0.00", "-1", "1e2", "",
                                      " ", "abc",  "1.", ".5",  "100000000",
                                      0,   -1,     1e20, true,  Json::array()};
    for (const Json& value : values) {
      assertRejectedField(api().call("POST", kPrices, priceBody(uniqueName("Fee"), value)),
                          "value");
    }
    CPPUNIT_ASSERT_EQUAL(std::string("99999999.99"),
                         api().create(uniqueName("Fee"), "99999999.99").value("value", ""));
  }

  void testInvalidCurrencyIsBadRequestListingAllowed() {
    for (const std::string currency : {"GBP", "usd", ""}) {
      const HttpResult result =
          api().call("POST", kPrices, priceBody(uniqueName("Fee"), "1", "per month", currency));
      assertRejectedField(result, "currency");
      CPPUNIT_ASSERT_EQUAL(Json({"USD", "EUR", "TRY"}).dump(),
                           result.json["error"]["details"]["allowed"].dump());
    }
    CPPUNIT_ASSERT_EQUAL(
        201,
        api().call("POST", kPrices, priceBody(uniqueName("Fee"), "1", "one-time", "TRY")).status);
  }

  void testDuplicateNameIsConflict() {
    const std::string name = uniqueName("Annual Fee");
    const Json first = api().create(name);
    const HttpResult result = api().call("POST", kPrices, priceBody(name, "5"));
    assertError(result, 409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL(idOf(first), result.json["error"]["details"].value("existing_id", ""));
  }

  void testDuplicateNameDiffersOnlyInCaseIsConflict() {
    const std::string name = uniqueName("Annual Fee");
    api().create(name);
    assertError(api().call("POST", kPrices, priceBody(upperCase(name))), 409, "CONFLICT");
    assertError(api().call("POST", kPrices, priceBody("  " + name + " ")), 409, "CONFLICT");
  }

  void testNameAndUnitLengthsAreEnforced() {
    assertRejectedField(
        api().call("POST", kPrices, priceBody(uniqueName("Fee"), "1", std::string(51, 'u'))),
        "unit");
    assertRejectedField(api().call("POST", kPrices, priceBody(uniqueName("Fee"), "1", "  ")),
                        "unit");
    assertRejectedField(api().call("POST", kPrices, priceBody(std::string(201, 'n'))), "name");
    assertRejectedField(api().call("POST", kPrices, priceBody(" ")), "name");
    const HttpResult longest =
        api().call("POST", kPrices, priceBody(uniqueName("Fee"), "1", std::string(50, 'u')));
    CPPUNIT_ASSERT_EQUAL(201, longest.status);
  }

  void testMissingFieldsAreBadRequestNamingTheField() {
    for (const std::string field : {"name", "value", "unit", "currency"}) {
      Json body = priceBody(uniqueName("Fee"));
      body.erase(field);
      assertRejectedField(api().call("POST", kPrices, body), field);
      body[field] = nullptr;
      assertRejectedField(api().call("POST", kPrices, body), field);
    }
  }

  void testWrongFieldTypesAreBadRequestNamingTheField() {
    const std::map<std::string, Json> wrong = {
        {"name", 1}, {"value", Json::object()}, {"unit", true}, {"currency", Json::array()}};
    for (const auto& [field, value] : wrong) {
      Json body = priceBody(uniqueName("Fee"));
      body[field] = value;
      assertRejectedField(api().call("POST", kPrices, body), field);
    }
  }

  void testMalformedBodiesAreBadRequestNotFatal() {
    assertError(api().send("POST", kPrices, "{\"name\": "), 400, "VALIDATION_ERROR");
    assertError(api().send("POST", kPrices, "[1, 2]"), 400, "VALIDATION_ERROR");
    assertError(api().send("POST", kPrices, ""), 400, "VALIDATION_ERROR");
    assertError(api().send("POST", kPrices,
                           R"({"name": "a)"
                           "\xff"
                           R"(", "value": "1", "unit": "x", "currency": "USD"})"),
                400, "VALIDATION_ERROR");
    assertError(api().send("POST", kPrices,
                           R"({"name": "Fee", "value": 1e400, "unit": "x", "currency": "USD"})"),
                400, "VALIDATION_ERROR");
    assertRejectedField(api().send("POST", kPrices,
                                   R"({"name": "Fee", "value": 184467440737095516150,)"
                                   R"( "unit": "x", "currency": "USD"})"),
                        "value");
    assertRejectedField(
        api().send("POST", kPrices,
                   R"({"name": "Fee\u0000", "value": "1", "unit": "x", "currency": "USD"})"),
        "name");
    assertRejectedField(
        api().send("POST", kPriceLocks,
                   R"({"saga_id": "s\u0000", "price_ids": [")" + sdk::newUuid() + "\"]}"),
        "saga_id");
    assertRejectedField(api().call("DELETE", std::string(kPriceLocks) + "/%FF"), "saga_id");
    assertError(api().call("GET", std::string(kPrices) + "/%FF"), 404, "NOT_FOUND");
    CPPUNIT_ASSERT_EQUAL(200, api().call("GET", kPrices).status);  // the host is fine
  }

  void testGetReturnsWhatWasCreated() {
    const Json created = api().createPrice();
    const HttpResult result = api().call("GET", itemPath(created));
    CPPUNIT_ASSERT_EQUAL(200, result.status);
    CPPUNIT_ASSERT_EQUAL(created.dump(), result.json.dump());
  }

  void testUnknownOrMalformedIdIsNotFound() {
    const Json unknown = {{"id", sdk::newUuid()}};
    const Json malformed = {{"id", "not-a-uuid"}};
    for (const Json& price : {unknown, malformed}) {
      assertError(api().call("GET", itemPath(price)), 404, "NOT_FOUND");
      assertError(api().call("PUT", itemPath(price), replacement(api().create(uniqueName("Fee")))),
                  404, "NOT_FOUND");
      assertError(api().call("DELETE", itemPath(price)), 404, "NOT_FOUND");
      assertError(api().lock(price, uniqueSaga()), 404, "NOT_FOUND");
      assertError(api().unlock(price, uniqueSaga()), 404, "NOT_FOUND");
    }
  }

  void testUpperCaseIdFindsThePrice() {
    const Json created = api().createPrice();
    const HttpResult found =
        api().call("GET", std::string(kPrices) + "/" + upperCase(idOf(created)));
    CPPUNIT_ASSERT_EQUAL(200, found.status);
    CPPUNIT_ASSERT_EQUAL(idOf(created), idOf(found.json));
  }

  void testListIsOrderedByNameAndPaginates() {
    api().create(uniqueName("Paged"));
    api().create(uniqueName("Paged"));
    api().create(uniqueName("Paged"));
    const HttpResult all = api().call("GET", std::string(kPrices) + "?page_size=100");
    CPPUNIT_ASSERT_EQUAL(200, all.status);
    const std::int64_t total = all.json.value("total", std::int64_t{0});
    CPPUNIT_ASSERT(total >= 3);
    CPPUNIT_ASSERT_EQUAL(1, all.json.value("page", 0));
    std::vector<std::string> names;
    for (const Json& item : all.json["items"]) names.push_back(item.value("name", ""));
    CPPUNIT_ASSERT(std::is_sorted(names.begin(), names.end(), [](std::string a, std::string b) {
      std::transform(a.begin(), a.end(), a.begin(), ::tolower);
      std::transform(b.begin(), b.end(), b.begin(), ::tolower);
      return a < b;
    }));
    const HttpResult first = api().call("GET", std::string(kPrices) + "?page=1&page_size=2");
    const HttpResult second = api().call("GET", std::string(kPrices) + "?page=2&page_size=2");
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, first.json["items"].size());
    CPPUNIT_ASSERT(first.json["items"][0]["id"] != second.json["items"][0]["id"]);
    assertError(api().call("GET", std::string(kPrices) + "?page_size=101"), 400,
                "VALIDATION_ERROR");
  }

  void testListSortsByTheKeyAndOrderAsked() {
    api().create(uniqueName("Sorted"), "0.01");
    api().create(uniqueName("Sorted"), "99999.99");
    const auto values = [](const std::string& query) {
      const HttpResult page = api().call("GET", std::string(kPrices) + "?page_size=100&" + query);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(page.text, 200, page.status);
      std::vector<double> found;
      for (const Json& item : page.json["items"])
        found.push_back(std::stod(item.value("value", "")));
      return found;
    };
    const std::vector<double> ascending = values("sort=value");
    CPPUNIT_ASSERT(std::is_sorted(ascending.begin(), ascending.end()));
    CPPUNIT_ASSERT(ascending.front() <= 0.01);
    const std::vector<double> descending = values("sort=value&order=desc");
    CPPUNIT_ASSERT(std::is_sorted(descending.rbegin(), descending.rend()));
    CPPUNIT_ASSERT(descending.front() >= 99999.99);
    CPPUNIT_ASSERT_EQUAL(ascending.size(), descending.size());

    const HttpResult unknown = api().call("GET", std::string(kPrices) + "?sort=secret");
    assertError(unknown, 400, "VALIDATION_ERROR");
    CPPUNIT_ASSERT_EQUAL(std::string("sort"), unknown.json["error"]["details"].value("field", ""));
    CPPUNIT_ASSERT(unknown.json["error"].value("message", "").find("name, value, currency") !=
                   std::string::npos);
    assertError(api().call("GET", std::string(kPrices) + "?sort=name&order=sideways"), 400,
                "VALIDATION_ERROR");
  }

  void testListIsNarrowedToGivenIds() {
    const Json b = api().create(uniqueName("B Narrowed"));
    const Json a = api().create(uniqueName("A Narrowed"));
    const HttpResult result =
        api().call("GET", std::string(kPrices) + "?id=" + idOf(b) + "&id=" + upperCase(idOf(a)) +
                              "&id=" + idOf(b) + "&id=" + sdk::newUuid());
    CPPUNIT_ASSERT_EQUAL(200, result.status);
    CPPUNIT_ASSERT_EQUAL(2, result.json.value("total", 0));
    CPPUNIT_ASSERT_EQUAL(idOf(a), idOf(result.json["items"][0]));
    CPPUNIT_ASSERT_EQUAL(idOf(b), idOf(result.json["items"][1]));
    assertRejectedField(api().call("GET", std::string(kPrices) + "?id=nope"), "id");
  }

  void testUpdateWithCurrentVersionIncrementsVersionAndEmitsUpdated() {
    const Json created = api().createPrice();
    const HttpResult result = api().call(
        "PUT", itemPath(created), replacement(created, {{"value", "59.5"}, {"currency", "EUR"}}));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 200, result.status);
    CPPUNIT_ASSERT_EQUAL(2, result.json.value("version", 0));
    CPPUNIT_ASSERT_EQUAL(std::string("59.50"), result.json.value("value", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("EUR"), result.json.value("currency", ""));
    CPPUNIT_ASSERT_EQUAL(created.value("created_at", ""), result.json.value("created_at", ""));
    CPPUNIT_ASSERT_EQUAL(result.json.dump(), api().current(created).dump());
    const auto events = api().eventsUntil(idOf(created), "PriceUpdated");
    CPPUNIT_ASSERT_EQUAL(2, events.back().value("entity_version", 0));
    CPPUNIT_ASSERT_EQUAL(std::string("59.50"), events.back()["payload"].value("value", ""));
  }

  void testUpdateWithStaleVersionIsConflict() {
    const Json created = api().createPrice();
    const Json change = replacement(created, {{"value", "2"}});
    CPPUNIT_ASSERT_EQUAL(200, api().call("PUT", itemPath(created), change).status);
    const HttpResult stale =
        api().call("PUT", itemPath(created), replacement(created, {{"value", "3"}}));
    assertError(stale, 409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL(2, stale.json["error"]["details"].value("current_version", 0));
    CPPUNIT_ASSERT_EQUAL(std::string("2.00"), api().current(created).value("value", ""));
  }

  void testUpdateThatChangesNothingKeepsVersionAndEmitsNothing() {
    const Json created = api().createPrice();
    const HttpResult same =
        api().call("PUT", itemPath(created), replacement(created, {{"value", 49.99}}));
    CPPUNIT_ASSERT_EQUAL(200, same.status);
    CPPUNIT_ASSERT_EQUAL(created.dump(), same.json.dump());
    CPPUNIT_ASSERT_EQUAL(
        200, api().call("PUT", itemPath(created), replacement(created, {{"value", "5"}})).status);
    const auto events = api().eventsUntil(idOf(created), "PriceUpdated");
    CPPUNIT_ASSERT((typesOf(events) == std::vector<std::string>{"PriceCreated", "PriceUpdated"}));
    CPPUNIT_ASSERT_EQUAL(2, events.back().value("entity_version", 0));
  }

  void testUpdateWithoutVersionIsBadRequest() {
    const Json created = api().createPrice();
    Json body = replacement(created);
    body.erase("version");
    assertRejectedField(api().call("PUT", itemPath(created), body), "version");
    body["version"] = "1";
    assertRejectedField(api().call("PUT", itemPath(created), body), "version");
  }

  void testUpdateBodyIsValidatedBeforeThePriceIsLookedUp() {
    const Json created = api().createPrice();
    const Json bad = replacement(created, {{"currency", "GBP"}});
    assertRejectedField(api().call("PUT", std::string(kPrices) + "/" + sdk::newUuid(), bad),
                        "currency");
    const std::string saga = uniqueSaga();
    CPPUNIT_ASSERT_EQUAL(200, api().lock(created, saga).status);
    assertRejectedField(api().call("PUT", itemPath(created), bad), "currency");
    api().unlock(created, saga);
  }

  void testUpdateToAnotherPricesNameIsConflict() {
    const Json first = api().createPrice();
    const Json second = api().createPrice();
    assertError(api().call("PUT", itemPath(second),
                           replacement(second, {{"name", upperCase(first["name"])}})),
                409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL(
        200, api().call("PUT", itemPath(second), replacement(second, {{"value", "3"}})).status);
  }

  void testUpdateOfLockedPriceIsLocked() {
    const Json created = api().createPrice();
    const std::string saga = uniqueSaga();
    const Json locked = api().lock(created, saga).json;
    for (const Json& body : {replacement(locked, {{"value", "1"}}), replacement(locked),
                             replacement(created, {{"value", "1"}})}) {
      const HttpResult result = api().call("PUT", itemPath(created), body);
      assertError(result, 423, "LOCKED");
      CPPUNIT_ASSERT_EQUAL(saga, result.json["error"]["details"].value("locked_by_saga_id", ""));
    }
    CPPUNIT_ASSERT_EQUAL(locked.dump(), api().current(created).dump());
  }

  void testDeleteRemovesAndEmitsDeleted() {
    const Json created = api().createPrice();
    const HttpResult result = api().call("DELETE", itemPath(created));
    CPPUNIT_ASSERT_EQUAL(204, result.status);
    CPPUNIT_ASSERT(result.text.empty());
    assertError(api().call("GET", itemPath(created)), 404, "NOT_FOUND");
    const Json deleted = api().eventsUntil(idOf(created), "PriceDeleted").back();
    CPPUNIT_ASSERT_EQUAL(2, deleted.value("entity_version", 0));
    CPPUNIT_ASSERT_EQUAL(Json({{"id", idOf(created)}, {"name", created["name"]}}).dump(),
                         deleted["payload"].dump());
  }

  void testDeleteOfLockedPriceIsLocked() {
    const Json created = api().createPrice();
    const std::string saga = uniqueSaga();
    CPPUNIT_ASSERT_EQUAL(200, api().lock(created, saga).status);
    const HttpResult result = api().call("DELETE", itemPath(created));
    assertError(result, 423, "LOCKED");
    CPPUNIT_ASSERT_EQUAL(saga, result.json["error"]["details"].value("locked_by_saga_id", ""));
    CPPUNIT_ASSERT_EQUAL(200, api().call("GET", itemPath(created)).status);
    CPPUNIT_ASSERT_EQUAL(200, api().unlock(created, saga).status);
    CPPUNIT_ASSERT_EQUAL(204, api().call("DELETE", itemPath(created)).status);
  }

  void testDeleteReferencedByOfferingIsConflict() {
    const Json created = api().createPrice();
    const std::string offering_id = sdk::newUuid();
    api().publishOfferingEvent("OfferingCreated", 1, offering_id, {idOf(created)});
    const HttpResult result = api().call("DELETE", itemPath(created));
    assertError(result, 409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL(offering_id,
                         result.json["error"]["details"]["offering_ids"][0].get<std::string>());
    CPPUNIT_ASSERT_EQUAL(200, api().call("GET", itemPath(created)).status);
  }

  void testDeleteIsAllowedOnceNoOfferingReferencesIt() {
    const Json created = api().createPrice();
    const Json other = api().createPrice();
    const std::string offering_id = sdk::newUuid();
    api().publishOfferingEvent("OfferingCreated", 1, offering_id, {idOf(created), idOf(other)});
    CPPUNIT_ASSERT_EQUAL(409, api().call("DELETE", itemPath(created)).status);
    api().publishOfferingEvent("OfferingUpdated", 2, offering_id, {idOf(other)});
    CPPUNIT_ASSERT_EQUAL(204, api().call("DELETE", itemPath(created)).status);
    CPPUNIT_ASSERT_EQUAL(409, api().call("DELETE", itemPath(other)).status);
    api().publishOfferingEvent("OfferingDeleted", 3, offering_id, {});
    CPPUNIT_ASSERT_EQUAL(204, api().call("DELETE", itemPath(other)).status);
  }

  void testLockLocksForTheSagaAndEmitsPriceLocked() {
    const Json created = api().createPrice();
    const std::string saga = uniqueSaga();
    const HttpResult result = api().lock(created, saga);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 200, result.status);
    CPPUNIT_ASSERT_EQUAL(true, result.json.value("locked", false));
    CPPUNIT_ASSERT_EQUAL(saga, result.json.value("locked_by_saga_id", ""));
    CPPUNIT_ASSERT_EQUAL(2, result.json.value("version", 0));
    CPPUNIT_ASSERT_EQUAL(result.json.dump(), api().current(created).dump());
    const Json event = api().eventsUntil(idOf(created), "PriceLocked").back();
    CPPUNIT_ASSERT_EQUAL(2, event.value("entity_version", 0));
    CPPUNIT_ASSERT_EQUAL(saga, event["payload"].value("locked_by_saga_id", ""));
  }

  void testLockBySameSagaIsIdempotent() {
    const Json created = api().createPrice();
    const std::string saga = uniqueSaga();
    const Json first = api().lock(created, saga).json;
    const HttpResult again = api().lock(created, saga);
    CPPUNIT_ASSERT_EQUAL(200, again.status);
    CPPUNIT_ASSERT_EQUAL(first.dump(), again.json.dump());
    CPPUNIT_ASSERT_EQUAL(200, api().unlock(created, saga).status);
    const auto events = api().eventsUntil(idOf(created), "PriceUnlocked");
    CPPUNIT_ASSERT((typesOf(events) ==
                    std::vector<std::string>{"PriceCreated", "PriceLocked", "PriceUnlocked"}));
  }

  void testLockByAnotherSagaIsLockedNamingTheHolder() {
    const Json created = api().createPrice();
    const std::string holder = uniqueSaga();
    const Json locked = api().lock(created, holder).json;
    const HttpResult result = api().lock(created, uniqueSaga());
    assertError(result, 423, "LOCKED");
    CPPUNIT_ASSERT_EQUAL(holder, result.json["error"]["details"].value("locked_by_saga_id", ""));
    CPPUNIT_ASSERT_EQUAL(locked.dump(), api().current(created).dump());
  }

  void testLockNeedsAValidSagaId() {
    const Json created = api().createPrice();
    const std::string path = itemPath(created) + "/lock";
    for (const Json& body : {Json::object(), Json{{"saga_id", ""}}, Json{{"saga_id", 7}},
                             Json{{"saga_id", std::string(101, 's')}}}) {
      assertRejectedField(api().call("POST", path, body), "saga_id");
    }
    assertError(api().call("POST", path), 400, "VALIDATION_ERROR");
    CPPUNIT_ASSERT_EQUAL(200,
                         api().call("POST", path, {{"saga_id", std::string(100, 's')}}).status);
    CPPUNIT_ASSERT_EQUAL(200, api().releaseAll(std::string(100, 's')).status);
  }

  void testUnlockByNonHolderIsConflict() {
    const Json created = api().createPrice();
    assertError(api().unlock(created, uniqueSaga()), 409, "CONFLICT");
    const std::string holder = uniqueSaga();
    const Json locked = api().lock(created, holder).json;
    const HttpResult result = api().unlock(created, uniqueSaga());
    assertError(result, 409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL(holder, result.json["error"]["details"].value("locked_by_saga_id", ""));
    CPPUNIT_ASSERT_EQUAL(locked.dump(), api().current(created).dump());
  }

  void testUnlockThenUpdateWorks() {
    const Json created = api().createPrice();
    const std::string saga = uniqueSaga();
    api().lock(created, saga);
    const HttpResult unlocked = api().unlock(created, saga);
    CPPUNIT_ASSERT_EQUAL(200, unlocked.status);
    CPPUNIT_ASSERT_EQUAL(false, unlocked.json.value("locked", true));
    CPPUNIT_ASSERT(unlocked.json["locked_by_saga_id"].is_null());
    CPPUNIT_ASSERT_EQUAL(3, unlocked.json.value("version", 0));
    const HttpResult updated =
        api().call("PUT", itemPath(created), replacement(unlocked.json, {{"value", "1"}}));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(updated.text, 200, updated.status);
    CPPUNIT_ASSERT_EQUAL(4, updated.json.value("version", 0));
    assertError(api().unlock(created, saga), 409, "CONFLICT");
  }

  void testEventsOfALockCycleCarryConsecutiveVersions() {
    const Json created = api().createPrice();
    const std::string saga = uniqueSaga();
    api().lock(created, saga);
    const Json unlocked = api().unlock(created, saga).json;
    api().call("PUT", itemPath(created), replacement(unlocked, {{"unit", "per year"}}));
    api().call("DELETE", itemPath(created));
    const auto events = api().eventsUntil(idOf(created), "PriceDeleted");
    CPPUNIT_ASSERT(
        (typesOf(events) == std::vector<std::string>{"PriceCreated", "PriceLocked", "PriceUnlocked",
                                                     "PriceUpdated", "PriceDeleted"}));
    for (std::size_t i = 0; i < events.size(); ++i) {
      CPPUNIT_ASSERT_EQUAL(static_cast<int>(i + 1), events[i].value("entity_version", 0));
    }
    CPPUNIT_ASSERT_EQUAL(std::string("49.99"), events[1]["payload"].value("value", ""));
  }

  void testMultiLockLocksEveryPriceForTheSaga() {
    const Json a = api().createPrice();
    const Json b = api().createPrice();
    const std::string saga = uniqueSaga();
    const HttpResult result = api().lockAll(saga, {idOf(b), upperCase(idOf(a)), idOf(b)});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 200, result.status);
    CPPUNIT_ASSERT_EQUAL(saga, result.json.value("saga_id", ""));
    const Json& prices = result.json["prices"];
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, prices.size());
    CPPUNIT_ASSERT(idOf(prices[0]) < idOf(prices[1]));
    for (const Json& price : prices) {
      CPPUNIT_ASSERT_EQUAL(saga, price.value("locked_by_saga_id", ""));
      CPPUNIT_ASSERT_EQUAL(2, price.value("version", 0));
      CPPUNIT_ASSERT_EQUAL(price.dump(), api().current(price).dump());
    }
    // Again, idempotently: nothing changes.
    const HttpResult again = api().lockAll(saga, {idOf(a), idOf(b)});
    CPPUNIT_ASSERT_EQUAL(200, again.status);
    CPPUNIT_ASSERT_EQUAL(prices.dump(), again.json["prices"].dump());
    CPPUNIT_ASSERT_EQUAL(std::string("PriceLocked"),
                         api().eventsUntil(idOf(a), "PriceLocked").back().value("event_type", ""));
    api().releaseAll(saga);
  }

  void testFailedMultiLockReleasesWhatTheSagaHeldBefore() {
    const Json a = api().createPrice();
    const Json b = api().createPrice();
    const Json c = api().createPrice();
    const std::string saga = uniqueSaga();
    const std::string other = uniqueSaga();
    CPPUNIT_ASSERT_EQUAL(200, api().lock(a, saga).status);
    CPPUNIT_ASSERT_EQUAL(200, api().lock(b, other).status);
    const HttpResult result = api().lockAll(saga, {idOf(a), idOf(b), idOf(c)});
    assertError(result, 423, "LOCKED");
    const Json& details = result.json["error"]["details"];
    CPPUNIT_ASSERT_EQUAL(idOf(b), details.value("id", ""));
    CPPUNIT_ASSERT_EQUAL(other, details.value("locked_by_saga_id", ""));
    CPPUNIT_ASSERT_EQUAL(false, api().current(a).value("locked", true));
    CPPUNIT_ASSERT_EQUAL(other, api().current(b).value("locked_by_saga_id", ""));
    CPPUNIT_ASSERT_EQUAL(false, api().current(c).value("locked", true));
    CPPUNIT_ASSERT((typesOf(api().eventsUntil(idOf(a), "PriceUnlocked")) ==
                    std::vector<std::string>{"PriceCreated", "PriceLocked", "PriceUnlocked"}));
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, api().eventsAbout(idOf(c)).size());
  }

  void testMultiLockWithMissingPriceIsNotFoundAndLocksNothing() {
    const Json a = api().createPrice();
    const Json held_before = api().createPrice();
    const std::string saga = uniqueSaga();
    CPPUNIT_ASSERT_EQUAL(200, api().lock(held_before, saga).status);
    const std::string missing = sdk::newUuid();
    const std::string also_missing = sdk::newUuid();
    const HttpResult result =
        api().lockAll(saga, {idOf(a), missing, idOf(held_before), also_missing});
    assertError(result, 404, "NOT_FOUND");
    const Json& ids = result.json["error"]["details"]["ids"];
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, ids.size());
    CPPUNIT_ASSERT(std::find(ids.begin(), ids.end(), missing) != ids.end());
    CPPUNIT_ASSERT(std::find(ids.begin(), ids.end(), also_missing) != ids.end());
    CPPUNIT_ASSERT_EQUAL(a.dump(), api().current(a).dump());
    CPPUNIT_ASSERT_EQUAL(false, api().current(held_before).value("locked", true));
    CPPUNIT_ASSERT(api().releaseAll(saga).json["released"].empty());
  }

  void testMultiLockNeedsOneToHundredValidIds() {
    const std::string saga = uniqueSaga();
    assertRejectedField(api().call("POST", kPriceLocks, {{"saga_id", saga}}), "price_ids");
    assertRejectedField(api().lockAll(saga, {}), "price_ids");
    assertRejectedField(api().lockAll(saga, {"not-a-uuid"}), "price_ids");
    assertRejectedField(api().lockAll(saga, std::vector<std::string>(101, sdk::newUuid())),
                        "price_ids");
    assertRejectedField(api().call("POST", kPriceLocks, {{"saga_id", saga}, {"price_ids", "x"}}),
                        "price_ids");
    assertRejectedField(api().call("POST", kPriceLocks, {{"price_ids", {sdk::newUuid()}}}),
                        "saga_id");
    assertError(api().lockAll(saga, std::vector<std::string>(100, sdk::newUuid())), 404,
                "NOT_FOUND");
  }

  void testReleaseAllUnlocksEveryPriceOfTheSaga() {
    const Json a = api().createPrice();
    const Json b = api().createPrice();
    const Json kept = api().createPrice();
    const std::string saga = uniqueSaga();
    const std::string other = uniqueSaga();
    CPPUNIT_ASSERT_EQUAL(200, api().lockAll(saga, {idOf(a), idOf(b)}).status);
    CPPUNIT_ASSERT_EQUAL(200, api().lock(kept, other).status);
    const HttpResult released = api().releaseAll(saga);
    CPPUNIT_ASSERT_EQUAL(200, released.status);
    CPPUNIT_ASSERT_EQUAL(saga, released.json.value("saga_id", ""));
    std::vector<std::string> expected = {idOf(a), idOf(b)};
    std::sort(expected.begin(), expected.end());
    CPPUNIT_ASSERT_EQUAL(Json(expected).dump(), released.json["released"].dump());
    CPPUNIT_ASSERT_EQUAL(false, api().current(a).value("locked", true));
    CPPUNIT_ASSERT_EQUAL(false, api().current(b).value("locked", true));
    CPPUNIT_ASSERT_EQUAL(other, api().current(kept).value("locked_by_saga_id", ""));
    CPPUNIT_ASSERT_EQUAL(
        3, api().eventsUntil(idOf(a), "PriceUnlocked").back().value("entity_version", 0));
    const HttpResult again = api().releaseAll(saga);
    CPPUNIT_ASSERT_EQUAL(200, again.status);
    CPPUNIT_ASSERT(again.json["released"].empty());
  }

  void testConcurrentLocksBySagasHaveExactlyOneWinner() { assertOneSagaWinsTheLockRace(api(), 8); }

  void testUserCanListAndGet() {
    const Json created = api().createPrice();
    CPPUNIT_ASSERT_EQUAL(200, api().call("GET", kPrices, Json(), userHeaders()).status);
    const HttpResult read = api().call("GET", itemPath(created), Json(), userHeaders());
    CPPUNIT_ASSERT_EQUAL(200, read.status);
    CPPUNIT_ASSERT_EQUAL(created.dump(), read.json.dump());
  }

  void testUserCannotChangeOrLock() {
    const Json created = api().createPrice();
    const std::string name = uniqueName("Fee");
    const std::string saga = uniqueSaga();
    const Json saga_body = {{"saga_id", saga}};
    assertError(api().call("POST", kPrices, priceBody(name), userHeaders()), 403, "FORBIDDEN");
    assertError(
        api().call("PUT", itemPath(created), replacement(created, {{"value", "2"}}), userHeaders()),
        403, "FORBIDDEN");
    assertError(api().call("DELETE", itemPath(created), Json(), userHeaders()), 403, "FORBIDDEN");
    assertError(api().call("POST", itemPath(created) + "/lock", saga_body, userHeaders()), 403,
                "FORBIDDEN");
    assertError(api().call("POST", itemPath(created) + "/unlock", saga_body, userHeaders()), 403,
                "FORBIDDEN");
    assertError(api().call("POST", kPriceLocks, {{"saga_id", saga}, {"price_ids", {idOf(created)}}},
                           userHeaders()),
                403, "FORBIDDEN");
    assertError(api().call("DELETE", std::string(kPriceLocks) + "/" + saga, Json(), userHeaders()),
                403, "FORBIDDEN");
    CPPUNIT_ASSERT_EQUAL(created.dump(), api().current(created).dump());
    api().create(name);  // the name is still free
  }

  // Each request would succeed with an ADMIN token.
  void testRequestWithoutTokenIsUnauthorized() {
    const Json created = api().createPrice();
    const std::string saga = Json{{"saga_id", uniqueSaga()}}.dump();
    struct Attempt {
      std::string method, path, body;
    };
    const std::vector<Attempt> attempts = {
        {"GET", kPrices, ""},
        {"GET", itemPath(created), ""},
        {"POST", kPrices, priceBody(uniqueName("Fee")).dump()},
        {"PUT", itemPath(created), replacement(created, {{"value", "2"}}).dump()},
        {"DELETE", itemPath(created), ""},
        {"POST", itemPath(created) + "/lock", saga},
        {"POST", kPriceLocks, Json{{"saga_id", "s"}, {"price_ids", {idOf(created)}}}.dump()},
        {"DELETE", std::string(kPriceLocks) + "/s", ""}};
    for (const Attempt& attempt : attempts) {
      const HttpResult result =
          httpRequest(catalogd().port(), attempt.method, attempt.path, attempt.body);
      assertError(result, 401, "UNAUTHORIZED");
      CPPUNIT_ASSERT(result.headers.at("www-authenticate").rfind("Bearer", 0) == 0);
    }
    CPPUNIT_ASSERT_EQUAL(created.dump(), api().current(created).dump());
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PricingApiTest);

}  // namespace catalog::test
