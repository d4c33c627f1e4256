// SRS §3.2.1 over HTTP, against a real catalogd with the characteristic plugin and the probe
// fixture (which records characteristic events and publishes specification events). The host
// trusts the test issuer's tokens.
#include <cppunit/extensions/HelperMacros.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "catalog/sdk/ids.hpp"
#include "support/assertions.hpp"
#include "support/catalogd_process.hpp"
#include "support/eventually.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"
#include "support/test_data.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {
namespace {

using sdk::Json;
using Headers = std::map<std::string, std::string>;

constexpr const char* kCollection = "/api/v1/characteristics";

CatalogdProcess& catalogd() {
  static TempDir dir;
  static CatalogdProcess process([] {
    CatalogdProcess::Options options{
        {"--plugins=characteristic,probe", "--data-dir=" + dir.file("var")},
        TestIssuer::instance().hostEnv(),
        dir.file("catalogd.log")};
    options.env.emplace("CATALOG_PLUGIN_PATH", CATALOG_FIXTURE_DIR);
    return options;
  }());
  return process;
}

// Most of the suite is about the characteristic rules, so a request carries an ADMIN token
// unless its headers name another Authorization. Requests without any token go to
// httpRequest() directly.
HttpResult send(const std::string& method, const std::string& path, const std::string& body,
                Headers headers = {}) {
  headers.merge(TestIssuer::instance().bearer("ADMIN"));
  return httpRequest(catalogd().port(), method, path, body, headers);
}

HttpResult call(const std::string& method, const std::string& path, const Json& body = Json(),
                Headers headers = {}) {
  return send(method, path, body.is_null() ? "" : body.dump(), std::move(headers));
}

Json create(const std::string& name, const std::string& value = "100",
            const std::string& unit = "Mbps") {
  const HttpResult result =
      call("POST", kCollection, {{"name", name}, {"value", value}, {"unit_of_measure", unit}});
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 201, result.status);
  return result.json;
}

std::string itemPath(const Json& characteristic) {
  return std::string(kCollection) + "/" + characteristic["id"].get<std::string>();
}

// Events the probe received about one characteristic, in order.
std::vector<Json> eventsAbout(const std::string& id) {
  std::vector<Json> events;
  const HttpResult received = call("GET", "/probe/events");
  for (const Json& event : received.json["items"]) {
    if (event["payload"].value("id", "") == id) events.push_back(event);
  }
  return events;
}

// Publishes a specification event through the probe's outbox and waits until the relay has
// delivered it (the probe's outbox is empty again), so its effect is in place.
void publishSpecificationEvent(const std::string& type, int version, const std::string& spec_id,
                               const std::vector<std::string>& characteristic_ids) {
  const HttpResult result =
      call("POST", "/probe/publish",
           {{"topic", "resource.specifications.events"},
            {"event_type", type},
            {"entity_version", version},
            {"payload", {{"id", spec_id}, {"characteristic_ids", characteristic_ids}}}});
  CPPUNIT_ASSERT_EQUAL(202, result.status);
  CPPUNIT_ASSERT(eventually([] {
    return call("GET", "/health").json["plugins"]["probe"]["outbox"].value("pending", -1) == 0;
  }));
}

// The characteristic's second event (after CharacteristicCreated) arrives, of `type` and at
// entity version 2.
void assertSecondEvent(const std::string& id, const std::string& type) {
  CPPUNIT_ASSERT(eventually([&] { return eventsAbout(id).size() == 2; }));
  const Json second = eventsAbout(id)[1];
  CPPUNIT_ASSERT_EQUAL(type, second.value("event_type", ""));
  CPPUNIT_ASSERT_EQUAL(2, second.value("entity_version", 0));
}

bool isIsoUtc(const std::string& text) {
  return text.size() == 24 && text[10] == 'T' && text.back() == 'Z';
}

}  // namespace

class CharacteristicApiTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(CharacteristicApiTest);
  CPPUNIT_TEST(testCreateReturnsTheCharacteristicWithLocation);
  CPPUNIT_TEST(testCreateEmitsCharacteristicCreatedEnvelope);
  CPPUNIT_TEST(testGetReturnsWhatWasCreated);
  CPPUNIT_TEST(testGetUnknownIdIsNotFound);
  CPPUNIT_TEST(testGetMalformedIdIsNotFound);
  CPPUNIT_TEST(testDuplicateNameIsConflict);
  CPPUNIT_TEST(testDuplicateNameDiffersOnlyInCaseIsConflict);
  CPPUNIT_TEST(testInvalidUnitIsBadRequestListingAllowedUnits);
  CPPUNIT_TEST(testNonNumericValueForMeasurableUnitIsBadRequest);
  CPPUNIT_TEST(testMissingFieldsAreBadRequestNamingTheField);
  CPPUNIT_TEST(testWrongFieldTypeIsBadRequest);
  CPPUNIT_TEST(testLengthAndCharacterRulesAreEnforced);
  CPPUNIT_TEST(testMalformedJsonIsBadRequest);
  CPPUNIT_TEST(testBytesThatAreNotUtf8AreRefusedNotFatal);
  CPPUNIT_TEST(testOutOfRangeNumbersAreBadRequest);
  CPPUNIT_TEST(testPathIsDecodedOnceAndMalformedEncodingIsBadRequest);
  CPPUNIT_TEST(testMalformedQueryIsBadRequest);
  CPPUNIT_TEST(testUpperCaseIdFindsTheCharacteristic);
  CPPUNIT_TEST(testUnreadBodyIsNeverTakenForTheNextRequest);
  CPPUNIT_TEST(testUpdateWithCurrentVersionIncrementsVersionAndEmitsUpdated);
  CPPUNIT_TEST(testUpdateWithStaleVersionIsConflict);
  CPPUNIT_TEST(testUpdateThatChangesNothingKeepsVersionAndEmitsNothing);
  CPPUNIT_TEST(testUpdateWithoutVersionIsBadRequest);
  CPPUNIT_TEST(testUpdateToAnotherCharacteristicsNameIsConflict);
  CPPUNIT_TEST(testUpdateUnknownIsNotFound);
  CPPUNIT_TEST(testDeleteRemovesAndEmitsDeleted);
  CPPUNIT_TEST(testDeleteUnknownIsNotFound);
  CPPUNIT_TEST(testDeleteReferencedCharacteristicIsRejected);
  CPPUNIT_TEST(testDeleteIsAllowedOnceNoSpecificationReferencesIt);
  CPPUNIT_TEST(testStaleSpecificationEventDoesNotRestoreAReference);
  CPPUNIT_TEST(testListHasTheProjectShapeAndPaginates);
  CPPUNIT_TEST(testInvalidPagingIsBadRequest);
  CPPUNIT_TEST(testUnknownRouteIsNotFoundInErrorFormat);
  CPPUNIT_TEST(testWrongMethodIsNotAllowedWithAllowHeader);
  CPPUNIT_TEST(testOversizedBodyIsRefused);
  CPPUNIT_TEST(testCorrelationIdIsEchoedOrGenerated);
  CPPUNIT_TEST(testHealthReportsThePluginsAndTheirDatabases);
  CPPUNIT_TEST(testUserCanListAndGet);
  CPPUNIT_TEST(testUserCannotCreateUpdateOrDelete);
  CPPUNIT_TEST(testRequestWithoutTokenIsUnauthorizedWithBearerChallenge);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testCreateReturnsTheCharacteristicWithLocation() {
    const std::string name = uniqueName("Speed");
    const HttpResult result =
        call("POST", kCollection, {{"name", name}, {"value", "100"}, {"unit_of_measure", "Mbps"}});
    CPPUNIT_ASSERT_EQUAL(201, result.status);
    const Json& body = result.json;
    CPPUNIT_ASSERT(sdk::isUuid(body.value("id", "")));
    CPPUNIT_ASSERT_EQUAL(name, body.value("name", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("100"), body.value("value", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("Mbps"), body.value("unit_of_measure", ""));
    CPPUNIT_ASSERT_EQUAL(1, body.value("version", 0));
    CPPUNIT_ASSERT(isIsoUtc(body.value("created_at", "")));
    CPPUNIT_ASSERT_EQUAL(body.value("created_at", ""), body.value("updated_at", ""));
    CPPUNIT_ASSERT_EQUAL(itemPath(body), result.headers.at("location"));
  }

  void testCreateEmitsCharacteristicCreatedEnvelope() {
    const std::string correlation_id = "test-" + sdk::newUuid();
    const HttpResult result =
        call("POST", kCollection,
             {{"name", uniqueName("Latency")}, {"value", "20"}, {"unit_of_measure", "Seconds"}},
             {{"X-Correlation-ID", correlation_id}});
    CPPUNIT_ASSERT_EQUAL(201, result.status);
    const std::string id = result.json["id"];
    CPPUNIT_ASSERT(eventually([&] { return eventsAbout(id).size() == 1; }));
    const Json event = eventsAbout(id)[0];
    CPPUNIT_ASSERT_EQUAL(std::string("resource.characteristics.events"), event.value("topic", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("CharacteristicCreated"), event.value("event_type", ""));
    CPPUNIT_ASSERT_EQUAL(1, event.value("entity_version", 0));
    CPPUNIT_ASSERT_EQUAL(correlation_id, event.value("correlation_id", ""));
    CPPUNIT_ASSERT(sdk::isUuid(event.value("event_id", "")));
    CPPUNIT_ASSERT_EQUAL(std::string("20"), event["payload"].value("value", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("Seconds"), event["payload"].value("unit_of_measure", ""));
  }

  void testGetReturnsWhatWasCreated() {
    const Json created = create(uniqueName("Storage"), "512", "GB");
    const HttpResult result = call("GET", itemPath(created));
    CPPUNIT_ASSERT_EQUAL(200, result.status);
    CPPUNIT_ASSERT_EQUAL(created.dump(), result.json.dump());
  }

  void testGetUnknownIdIsNotFound() {
    assertError(call("GET", std::string(kCollection) + "/" + sdk::newUuid()), 404, "NOT_FOUND");
  }

  void testGetMalformedIdIsNotFound() {
    assertError(call("GET", std::string(kCollection) + "/not-a-uuid"), 404, "NOT_FOUND");
  }

  void testDuplicateNameIsConflict() {
    const std::string name = uniqueName("Bandwidth");
    const Json first = create(name);
    const HttpResult result =
        call("POST", kCollection, {{"name", name}, {"value", "5"}, {"unit_of_measure", "Gbps"}});
    assertError(result, 409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL(first.value("id", ""),
                         result.json["error"]["details"].value("existing_id", ""));
  }

  void testDuplicateNameDiffersOnlyInCaseIsConflict() {
    const std::string name = uniqueName("Uplink");
    create(name);
    std::string upper = name;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    assertError(
        call("POST", kCollection, {{"name", upper}, {"value", "5"}, {"unit_of_measure", "Mbps"}}),
        409, "CONFLICT");
  }

  void testInvalidUnitIsBadRequestListingAllowedUnits() {
    const HttpResult result =
        call("POST", kCollection,
             {{"name", uniqueName("Speed")}, {"value", "1"}, {"unit_of_measure", "Kbps"}});
    assertError(result, 400, "VALIDATION_ERROR");
    const Json& details = result.json["error"]["details"];
    CPPUNIT_ASSERT_EQUAL(std::string("unit_of_measure"), details.value("field", ""));
    CPPUNIT_ASSERT_EQUAL(std::size_t{18}, details["allowed"].size());
  }

  void testNonNumericValueForMeasurableUnitIsBadRequest() {
    const HttpResult result =
        call("POST", kCollection,
             {{"name", uniqueName("Speed")}, {"value", "fast"}, {"unit_of_measure", "Mbps"}});
    assertError(result, 400, "VALIDATION_ERROR");
    CPPUNIT_ASSERT_EQUAL(std::string("value"), result.json["error"]["details"].value("field", ""));
    CPPUNIT_ASSERT_EQUAL(
        201,
        call("POST", kCollection,
             {{"name", uniqueName("Technology")}, {"value", "Fiber"}, {"unit_of_measure", "None"}})
            .status);
  }

  void testMissingFieldsAreBadRequestNamingTheField() {
    for (const std::string field : {"name", "value", "unit_of_measure"}) {
      Json body = {{"name", uniqueName("Speed")}, {"value", "1"}, {"unit_of_measure", "Mbps"}};
      body.erase(field);
      const HttpResult result = call("POST", kCollection, body);
      assertError(result, 400, "VALIDATION_ERROR");
      CPPUNIT_ASSERT_EQUAL(field, result.json["error"]["details"].value("field", ""));
    }
  }

  void testWrongFieldTypeIsBadRequest() {
    const HttpResult result =
        call("POST", kCollection,
             {{"name", uniqueName("Speed")}, {"value", 100}, {"unit_of_measure", "Mbps"}});
    assertError(result, 400, "VALIDATION_ERROR");
    CPPUNIT_ASSERT_EQUAL(std::string("value"), result.json["error"]["details"].value("field", ""));
  }

  void testLengthAndCharacterRulesAreEnforced() {
    assertError(call("POST", kCollection,
                     {{"name", std::string(201, 'n')}, {"value", "1"}, {"unit_of_measure", "MB"}}),
                400, "VALIDATION_ERROR");
    assertError(
        call("POST", kCollection,
             {{"name", uniqueName("Speed") + "!"}, {"value", "1"}, {"unit_of_measure", "MB"}}),
        400, "VALIDATION_ERROR");
    assertError(call("POST", kCollection,
                     {{"name", uniqueName("Notes")},
                      {"value", std::string(101, 'v')},
                      {"unit_of_measure", "None"}}),
                400, "VALIDATION_ERROR");
    assertError(call("POST", kCollection,
                     {{"name", uniqueName("Notes")}, {"value", ""}, {"unit_of_measure", "None"}}),
                400, "VALIDATION_ERROR");
  }

  void testMalformedJsonIsBadRequest() {
    assertError(send("POST", kCollection, "{\"name\": "), 400, "VALIDATION_ERROR");
    assertError(send("POST", kCollection, "[1, 2]"), 400, "VALIDATION_ERROR");
    assertError(send("POST", kCollection, ""), 400, "VALIDATION_ERROR");
  }

  void testBytesThatAreNotUtf8AreRefusedNotFatal() {
    const HttpResult body =
        send("POST", kCollection,
             "{\"name\": \"Speed\", \"value\": \"a\xff\", \"unit_of_measure\": \"None\"}");
    assertError(body, 400, "VALIDATION_ERROR");
    assertError(call("GET", std::string(kCollection) + "/%FF"), 404, "NOT_FOUND");
    assertError(call("GET", "/api/v1/%FF%FE"), 404, "NOT_FOUND");
  }

  void testOutOfRangeNumbersAreBadRequest() {
    assertError(send("POST", kCollection, "{\"name\": 1e400}"), 400, "VALIDATION_ERROR");
    const Json created = create(uniqueName("Speed"));
    const HttpResult huge = send("PUT", itemPath(created),
                                 "{\"name\": \"X\", \"value\": \"1\", \"unit_of_measure\": \"MB\","
                                 " \"version\": 18446744073709551615}");
    assertError(huge, 400, "VALIDATION_ERROR");
    CPPUNIT_ASSERT_EQUAL(std::string("version"), huge.json["error"]["details"].value("field", ""));
  }

  void testPathIsDecodedOnceAndMalformedEncodingIsBadRequest() {
    const Json created = create(uniqueName("Speed"));
    std::string encoded = itemPath(created);
    encoded.replace(
        encoded.size() - 36, 1, "%" + [&] {
          char hex[3];
          std::snprintf(hex, sizeof(hex), "%02X",
                        static_cast<unsigned char>(encoded[encoded.size() - 36]));
          return std::string(hex);
        }());
    CPPUNIT_ASSERT_EQUAL(200, call("GET", encoded).status);  // %3x decodes to the digit
    assertError(call("GET", std::string(kCollection) + "/%2525zz"), 404, "NOT_FOUND");
    assertError(call("GET", std::string(kCollection) + "/%zz"), 400, "VALIDATION_ERROR");
  }

  void testMalformedQueryIsBadRequest() {
    assertError(call("GET", std::string(kCollection) + "?page=%zz"), 400, "VALIDATION_ERROR");
  }

  void testUpperCaseIdFindsTheCharacteristic() {
    const Json created = create(uniqueName("Speed"));
    std::string upper = created["id"];
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const HttpResult found = call("GET", std::string(kCollection) + "/" + upper);
    CPPUNIT_ASSERT_EQUAL(200, found.status);
    CPPUNIT_ASSERT_EQUAL(created.value("id", ""), found.json.value("id", ""));
  }

  // A body the host does not need (here, for an unknown route) must still be consumed: left on
  // the connection it would be parsed as a second, smuggled request.
  void testUnreadBodyIsNeverTakenForTheNextRequest() {
    const std::string smuggled = "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n";
    const std::string request =
        "POST /api/v1/nothing-here HTTP/1.1\r\nHost: x\r\nContent-Length: " +
        std::to_string(smuggled.size()) + "\r\n\r\n" + smuggled;
    const std::string answers = rawHttpExchange(catalogd().port(), request);
    CPPUNIT_ASSERT_MESSAGE(answers, answers.rfind("HTTP/1.1 404", 0) == 0);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(answers, std::string::npos, answers.find("HTTP/1.1", 1));
  }

  void testUpdateWithCurrentVersionIncrementsVersionAndEmitsUpdated() {
    const Json created = create(uniqueName("Speed"));
    const HttpResult result = call(
        "PUT", itemPath(created),
        {{"name", created["name"]}, {"value", "1"}, {"unit_of_measure", "Gbps"}, {"version", 1}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 200, result.status);
    CPPUNIT_ASSERT_EQUAL(2, result.json.value("version", 0));
    CPPUNIT_ASSERT_EQUAL(std::string("Gbps"), result.json.value("unit_of_measure", ""));
    CPPUNIT_ASSERT_EQUAL(created.value("created_at", ""), result.json.value("created_at", ""));
    CPPUNIT_ASSERT_EQUAL(result.json.dump(), call("GET", itemPath(created)).json.dump());
    assertSecondEvent(created["id"], "CharacteristicUpdated");
  }

  void testUpdateThatChangesNothingKeepsVersionAndEmitsNothing() {
    const Json created = create(uniqueName("Speed"));
    const HttpResult same = call(
        "PUT", itemPath(created),
        {{"name", created["name"]}, {"value", "100"}, {"unit_of_measure", "Mbps"}, {"version", 1}});
    CPPUNIT_ASSERT_EQUAL(200, same.status);
    CPPUNIT_ASSERT_EQUAL(created.dump(), same.json.dump());
    // The version is still 1, and once a real change's event arrives (events arrive in order),
    // any event of the no-op would have arrived before it.
    const HttpResult real = call(
        "PUT", itemPath(created),
        {{"name", created["name"]}, {"value", "5"}, {"unit_of_measure", "Mbps"}, {"version", 1}});
    CPPUNIT_ASSERT_EQUAL(200, real.status);
    const std::string id = created["id"];
    CPPUNIT_ASSERT(eventually([&] {
      const auto events = eventsAbout(id);
      return !events.empty() && events.back()["payload"].value("value", "") == "5";
    }));
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, eventsAbout(id).size());
    assertSecondEvent(id, "CharacteristicUpdated");
  }

  void testUpdateWithStaleVersionIsConflict() {
    const Json created = create(uniqueName("Speed"));
    const Json change = {
        {"name", created["name"]}, {"value", "2"}, {"unit_of_measure", "Gbps"}, {"version", 1}};
    CPPUNIT_ASSERT_EQUAL(200, call("PUT", itemPath(created), change).status);
    const HttpResult stale = call("PUT", itemPath(created), change);
    assertError(stale, 409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL(2, stale.json["error"]["details"].value("current_version", 0));
    CPPUNIT_ASSERT_EQUAL(std::string("2"), call("GET", itemPath(created)).json.value("value", ""));
  }

  void testUpdateWithoutVersionIsBadRequest() {
    const Json created = create(uniqueName("Speed"));
    const HttpResult result =
        call("PUT", itemPath(created),
             {{"name", created["name"]}, {"value", "2"}, {"unit_of_measure", "Gbps"}});
    assertError(result, 400, "VALIDATION_ERROR");
    CPPUNIT_ASSERT_EQUAL(std::string("version"),
                         result.json["error"]["details"].value("field", ""));
  }

  void testUpdateToAnotherCharacteristicsNameIsConflict() {
    const Json first = create(uniqueName("Speed"));
    const Json second = create(uniqueName("Speed"));
    assertError(
        call(
            "PUT", itemPath(second),
            {{"name", first["name"]}, {"value", "2"}, {"unit_of_measure", "Mbps"}, {"version", 1}}),
        409, "CONFLICT");
    // Keeping its own name is no conflict.
    CPPUNIT_ASSERT_EQUAL(
        200,
        call(
            "PUT", itemPath(second),
            {{"name", second["name"]}, {"value", "3"}, {"unit_of_measure", "Mbps"}, {"version", 1}})
            .status);
  }

  void testUpdateUnknownIsNotFound() {
    assertError(call("PUT", std::string(kCollection) + "/" + sdk::newUuid(),
                     {{"name", uniqueName("Speed")},
                      {"value", "1"},
                      {"unit_of_measure", "Mbps"},
                      {"version", 1}}),
                404, "NOT_FOUND");
  }

  void testDeleteRemovesAndEmitsDeleted() {
    const Json created = create(uniqueName("Speed"));
    const HttpResult result = call("DELETE", itemPath(created));
    CPPUNIT_ASSERT_EQUAL(204, result.status);
    CPPUNIT_ASSERT(result.text.empty());
    assertError(call("GET", itemPath(created)), 404, "NOT_FOUND");
    assertSecondEvent(created["id"], "CharacteristicDeleted");
  }

  void testDeleteUnknownIsNotFound() {
    assertError(call("DELETE", std::string(kCollection) + "/" + sdk::newUuid()), 404, "NOT_FOUND");
  }

  void testDeleteReferencedCharacteristicIsRejected() {
    const Json created = create(uniqueName("Speed"));
    const std::string spec_id = sdk::newUuid();
    publishSpecificationEvent("SpecificationCreated", 1, spec_id, {created["id"]});
    const HttpResult result = call("DELETE", itemPath(created));
    assertError(result, 409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL(
        spec_id, result.json["error"]["details"]["specification_ids"][0].get<std::string>());
    CPPUNIT_ASSERT_EQUAL(200, call("GET", itemPath(created)).status);
  }

  void testDeleteIsAllowedOnceNoSpecificationReferencesIt() {
    const Json created = create(uniqueName("Speed"));
    const Json other = create(uniqueName("Speed"));
    const std::string spec_id = sdk::newUuid();
    publishSpecificationEvent("SpecificationCreated", 1, spec_id, {created["id"], other["id"]});
    CPPUNIT_ASSERT_EQUAL(409, call("DELETE", itemPath(created)).status);
    publishSpecificationEvent("SpecificationUpdated", 2, spec_id, {other["id"]});
    CPPUNIT_ASSERT_EQUAL(204, call("DELETE", itemPath(created)).status);
    CPPUNIT_ASSERT_EQUAL(409, call("DELETE", itemPath(other)).status);
    publishSpecificationEvent("SpecificationDeleted", 3, spec_id, {});
    CPPUNIT_ASSERT_EQUAL(204, call("DELETE", itemPath(other)).status);
  }

  void testStaleSpecificationEventDoesNotRestoreAReference() {
    const Json created = create(uniqueName("Speed"));
    const std::string spec_id = sdk::newUuid();
    publishSpecificationEvent("SpecificationDeleted", 2, spec_id, {});
    publishSpecificationEvent("SpecificationCreated", 1, spec_id, {created["id"]});
    CPPUNIT_ASSERT_EQUAL(204, call("DELETE", itemPath(created)).status);
  }

  void testListHasTheProjectShapeAndPaginates() {
    create(uniqueName("Paged"));
    create(uniqueName("Paged"));
    create(uniqueName("Paged"));
    const HttpResult all = call("GET", kCollection);
    CPPUNIT_ASSERT_EQUAL(200, all.status);
    const std::int64_t total = all.json.value("total", std::int64_t{0});
    CPPUNIT_ASSERT(total >= 3);
    CPPUNIT_ASSERT_EQUAL(1, all.json.value("page", 0));
    CPPUNIT_ASSERT_EQUAL(20, all.json.value("page_size", 0));
    CPPUNIT_ASSERT(all.json["items"].is_array());

    const HttpResult first = call("GET", std::string(kCollection) + "?page=1&page_size=2");
    const HttpResult second = call("GET", std::string(kCollection) + "?page=2&page_size=2");
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, first.json["items"].size());
    CPPUNIT_ASSERT_EQUAL(total, second.json.value("total", std::int64_t{0}));
    CPPUNIT_ASSERT(first.json["items"][0]["id"] != second.json["items"][0]["id"]);
    const HttpResult beyond = call("GET", std::string(kCollection) + "?page=100000&page_size=100");
    CPPUNIT_ASSERT_EQUAL(200, beyond.status);
    CPPUNIT_ASSERT(beyond.json["items"].empty());
  }

  void testInvalidPagingIsBadRequest() {
    for (const std::string query :
         {"page=0", "page=-1", "page=x", "page_size=0", "page_size=101", "page_size=2.5"}) {
      const HttpResult result = call("GET", std::string(kCollection) + "?" + query);
      assertError(result, 400, "VALIDATION_ERROR");
    }
    CPPUNIT_ASSERT_EQUAL(200, call("GET", std::string(kCollection) + "?page_size=100").status);
  }

  void testUnknownRouteIsNotFoundInErrorFormat() {
    assertError(call("GET", "/api/v1/nothing-here"), 404, "NOT_FOUND");
  }

  void testWrongMethodIsNotAllowedWithAllowHeader() {
    const HttpResult result = call("PATCH", kCollection);
    assertError(result, 405, "METHOD_NOT_ALLOWED");
    CPPUNIT_ASSERT(result.headers.at("allow").find("POST") != std::string::npos);
  }

  void testOversizedBodyIsRefused() {
    // Announce 2 MiB (the limit is 1 MiB) and send none of it: the host must answer from the
    // headers alone instead of reading the body.
    const std::string head = std::string("POST ") + kCollection +
                             " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                             "Authorization: Bearer " +
                             TestIssuer::instance().token("ADMIN") +
                             "\r\nContent-Length: 2097152\r\n\r\n";
    const std::string answer = rawHttpExchange(catalogd().port(), head, std::chrono::seconds(5));
    CPPUNIT_ASSERT_MESSAGE(answer, answer.rfind("HTTP/1.1 413", 0) == 0);
    CPPUNIT_ASSERT_MESSAGE(answer, answer.find("PAYLOAD_TOO_LARGE") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(200, call("GET", kCollection).status);  // the host is fine
  }

  void testCorrelationIdIsEchoedOrGenerated() {
    const HttpResult given = call("GET", kCollection, Json(), {{"X-Correlation-ID", "abc-123"}});
    CPPUNIT_ASSERT_EQUAL(std::string("abc-123"), given.headers.at("x-correlation-id"));
    const HttpResult generated = call("GET", kCollection);
    CPPUNIT_ASSERT(sdk::isUuid(generated.headers.at("x-correlation-id")));
    const HttpResult hostile = call("GET", kCollection, Json(), {{"X-Correlation-ID", "a\"b"}});
    CPPUNIT_ASSERT(sdk::isUuid(hostile.headers.at("x-correlation-id")));
  }

  void testHealthReportsThePluginsAndTheirDatabases() {
    const HttpResult health = call("GET", "/health");
    CPPUNIT_ASSERT_EQUAL(200, health.status);
    CPPUNIT_ASSERT_EQUAL(std::string("healthy"), health.json.value("status", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("connected"), health.json.value("database", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("in process"), health.json.value("message_broker", ""));
    CPPUNIT_ASSERT(health.json["dependencies"].is_object());
    CPPUNIT_ASSERT_EQUAL(std::string("connected"),
                         health.json["plugins"]["characteristic"].value("database", ""));
    CPPUNIT_ASSERT_EQUAL(200, call("GET", "/health/live").status);
    CPPUNIT_ASSERT_EQUAL(200, call("GET", "/health/ready").status);
  }

  void testUserCanListAndGet() {
    const Json created = create(uniqueName("Speed"));
    const Headers user = TestIssuer::instance().bearer("USER");
    CPPUNIT_ASSERT_EQUAL(200, call("GET", kCollection, Json(), user).status);
    const HttpResult read = call("GET", itemPath(created), Json(), user);
    CPPUNIT_ASSERT_EQUAL(200, read.status);
    CPPUNIT_ASSERT_EQUAL(created.dump(), read.json.dump());
  }

  void testUserCannotCreateUpdateOrDelete() {
    const Json created = create(uniqueName("Speed"));
    const Headers user = TestIssuer::instance().bearer("USER");
    const std::string name = uniqueName("Speed");
    assertError(call("POST", kCollection,
                     {{"name", name}, {"value", "1"}, {"unit_of_measure", "Mbps"}}, user),
                403, "FORBIDDEN");
    assertError(call("PUT", itemPath(created),
                     {{"name", created["name"]},
                      {"value", "2"},
                      {"unit_of_measure", "Mbps"},
                      {"version", 1}},
                     user),
                403, "FORBIDDEN");
    assertError(call("DELETE", itemPath(created), Json(), user), 403, "FORBIDDEN");
    // Nothing was changed or deleted, and the name is still free.
    CPPUNIT_ASSERT_EQUAL(created.dump(), call("GET", itemPath(created)).json.dump());
    create(name);
  }

  // Each request would succeed with an ADMIN token.
  void testRequestWithoutTokenIsUnauthorizedWithBearerChallenge() {
    const Json created = create(uniqueName("Speed"));
    const std::string fresh =
        Json{{"name", uniqueName("Speed")}, {"value", "1"}, {"unit_of_measure", "Mbps"}}.dump();
    const std::string change = Json{
        {"name", created["name"]},
        {"value", "2"},
        {"unit_of_measure", "Mbps"},
        {"version", 1}}.dump();
    struct Attempt {
      std::string method, path, body;
    };
    const std::vector<Attempt> attempts = {{"GET", kCollection, ""},
                                           {"GET", itemPath(created), ""},
                                           {"POST", kCollection, fresh},
                                           {"PUT", itemPath(created), change},
                                           {"DELETE", itemPath(created), ""}};
    for (const Attempt& attempt : attempts) {
      const HttpResult result =
          httpRequest(catalogd().port(), attempt.method, attempt.path, attempt.body);
      assertError(result, 401, "UNAUTHORIZED");
      CPPUNIT_ASSERT_MESSAGE(attempt.method + " " + attempt.path,
                             result.headers.count("www-authenticate") == 1 &&
                                 result.headers.at("www-authenticate").rfind("Bearer", 0) == 0);
    }
    CPPUNIT_ASSERT_EQUAL(created.dump(), call("GET", itemPath(created)).json.dump());
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CharacteristicApiTest);

}  // namespace catalog::test
