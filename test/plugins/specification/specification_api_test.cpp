// SRS §3.2.2 over HTTP, in one all-in-one host: the real characteristic plugin beside the
// specification plugin, and the probe fixture, which records events and publishes the ones no
// plugin here emits yet (offering events, a characteristic deletion the characteristic plugin
// would refuse). The host trusts the test issuer's tokens.
#include <cppunit/extensions/HelperMacros.h>

#include <map>
#include <string>
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

constexpr const char* kSpecifications = "/api/v1/specifications";
constexpr const char* kCharacteristics = "/api/v1/characteristics";

CatalogdProcess& catalogd() {
  static TempDir dir;
  static CatalogdProcess process([] {
    CatalogdProcess::Options options{
        {"--plugins=characteristic,specification,probe", "--data-dir=" + dir.file("var")},
        TestIssuer::instance().hostEnv(),
        dir.file("catalogd.log")};
    options.env.emplace("CATALOG_PLUGIN_PATH", CATALOG_FIXTURE_DIR);
    return options;
  }());
  return process;
}

// An ADMIN request unless `headers` names another Authorization.
HttpResult call(const std::string& method, const std::string& path, const Json& body = Json(),
                Headers headers = {}) {
  headers.merge(TestIssuer::instance().bearer("ADMIN"));
  return httpRequest(catalogd().port(), method, path, body.is_null() ? "" : body.dump(), headers);
}

std::string createCharacteristic(const std::string& value = "100",
                                 const std::string& unit = "Mbps") {
  const HttpResult result =
      call("POST", kCharacteristics,
           {{"name", uniqueName("Speed")}, {"value", value}, {"unit_of_measure", unit}});
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 201, result.status);
  return result.json["id"];
}

HttpResult postSpecification(const std::string& name, const std::vector<std::string>& ids) {
  return call("POST", kSpecifications, {{"name", name}, {"characteristic_ids", ids}});
}

Json createSpecification(const std::vector<std::string>& ids) {
  const HttpResult result = postSpecification(uniqueName("Package"), ids);
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 201, result.status);
  return result.json;
}

std::string pathOf(const char* collection, const std::string& id) {
  return std::string(collection) + "/" + id;
}

std::string pathOf(const Json& specification) {
  return pathOf(kSpecifications, specification["id"].get<std::string>());
}

// Publishes an event as another context would and waits until every subscriber has it.
void publish(const std::string& topic, const std::string& type, int version, const Json& payload) {
  const HttpResult result = call(
      "POST", "/probe/publish",
      {{"topic", topic}, {"event_type", type}, {"entity_version", version}, {"payload", payload}});
  CPPUNIT_ASSERT_EQUAL(202, result.status);
  CPPUNIT_ASSERT(eventually([] {
    return call("GET", "/health").json["plugins"]["probe"]["outbox"].value("pending", -1) == 0;
  }));
}

// Events the probe received on the specification topic about one specification, in order.
std::vector<Json> specificationEvents(const std::string& id) {
  std::vector<Json> events;
  const HttpResult received = call("GET", "/probe/events");  // outlives the loop
  for (const Json& event : received.json["items"]) {
    if (event.value("topic", "") == "resource.specifications.events" &&
        event["payload"].value("id", "") == id)
      events.push_back(event);
  }
  return events;
}

// Whether the specification plugin has relayed its own outbox, so characteristic has the
// references it announced.
bool specificationOutboxDrained() {
  return call("GET", "/health").json["plugins"]["specification"]["outbox"].value("pending", -1) ==
         0;
}

}  // namespace

class SpecificationApiTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(SpecificationApiTest);
  CPPUNIT_TEST(testCreateRightAfterTheCharacteristicNeedsNoRetry);
  CPPUNIT_TEST(testGetExpandsTheCharacteristicsInTheirOrder);
  CPPUNIT_TEST(testUnknownCharacteristicIdsAreAllNamed);
  CPPUNIT_TEST(testCharacteristicIdsAreRequiredWellFormedAndDistinct);
  CPPUNIT_TEST(testNameIsRequiredAndBounded);
  CPPUNIT_TEST(testDuplicateNameIsConflictRegardlessOfCase);
  CPPUNIT_TEST(testCreateEmitsSpecificationCreated);
  CPPUNIT_TEST(testPutReplacesEverythingAndEmitsTheFullList);
  CPPUNIT_TEST(testPutWithStaleVersionIsConflict);
  CPPUNIT_TEST(testPutThatChangesNothingKeepsTheVersion);
  CPPUNIT_TEST(testPutToAnotherSpecificationsNameIsConflict);
  CPPUNIT_TEST(testPutValidatesCharacteristics);
  CPPUNIT_TEST(testUnknownAndMalformedIdsAreNotFound);
  CPPUNIT_TEST(testCharacteristicUpdateReachesTheExpansion);
  CPPUNIT_TEST(testCharacteristicInUseCannotBeDeletedUntilTheSpecificationIs);
  CPPUNIT_TEST(testDeletedCharacteristicMarksSpecificationsInvalid);
  CPPUNIT_TEST(testReplacementMakesAnInvalidSpecificationValidAgain);
  CPPUNIT_TEST(testDeletedCharacteristicCannotBeListed);
  CPPUNIT_TEST(testStaleCharacteristicEventsChangeNothing);
  CPPUNIT_TEST(testSpecificationReferencedByAnOfferingCannotBeDeleted);
  CPPUNIT_TEST(testPublicationValidationNamesEveryProblem);
  CPPUNIT_TEST(testListPaginatesAndNarrowsToIds);
  CPPUNIT_TEST(testUserReadsButCannotWrite);
  CPPUNIT_TEST(testRequestsWithoutTokenAreUnauthorized);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testCreateRightAfterTheCharacteristicNeedsNoRetry() {
    // Back to back, twenty times: whether the characteristic's event or the lazy load gets
    // there first, the client never sees a 400.
    for (int i = 0; i < 20; ++i) {
      const std::string id = createCharacteristic();
      const HttpResult result = postSpecification(uniqueName("Immediate"), {id});
      CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 201, result.status);
      CPPUNIT_ASSERT_EQUAL(id, result.json["characteristics"][0].value("id", ""));
      CPPUNIT_ASSERT_EQUAL(std::string("Mbps"),
                           result.json["characteristics"][0].value("unit_of_measure", ""));
    }
  }

  void testGetExpandsTheCharacteristicsInTheirOrder() {
    const std::string speed = createCharacteristic("100", "Mbps");
    const std::string storage = createCharacteristic("2", "TB");
    const HttpResult created = postSpecification(uniqueName("Ordered"), {storage, speed});
    CPPUNIT_ASSERT_EQUAL(201, created.status);
    CPPUNIT_ASSERT_EQUAL(pathOf(created.json), created.headers.at("location"));
    CPPUNIT_ASSERT_EQUAL(1, created.json.value("version", 0));
    CPPUNIT_ASSERT(created.json.value("valid", false));

    const HttpResult got = call("GET", pathOf(created.json));
    CPPUNIT_ASSERT_EQUAL(200, got.status);
    const Json& characteristics = got.json["characteristics"];
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, characteristics.size());
    CPPUNIT_ASSERT_EQUAL(storage, characteristics[0].value("id", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("2"), characteristics[0].value("value", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("TB"), characteristics[0].value("unit_of_measure", ""));
    CPPUNIT_ASSERT(characteristics[0].value("name", "").rfind("Speed", 0) == 0);
    CPPUNIT_ASSERT_EQUAL(speed, characteristics[1].value("id", ""));
    CPPUNIT_ASSERT_EQUAL((Json{storage, speed}), got.json["characteristic_ids"]);
  }

  void testUnknownCharacteristicIdsAreAllNamed() {
    const std::string known = createCharacteristic();
    const std::string first = sdk::newUuid();
    const std::string second = sdk::newUuid();
    const HttpResult result = postSpecification(uniqueName("Unknown"), {first, known, second});
    assertError(result, 400, "VALIDATION_ERROR");
    const Json& details = result.json["error"]["details"];
    CPPUNIT_ASSERT_EQUAL(std::string("characteristic_ids"), details.value("field", ""));
    CPPUNIT_ASSERT_EQUAL((Json{first, second}), details["unknown_ids"]);
    const std::string message = result.json["error"].value("message", "");
    CPPUNIT_ASSERT(message.find(first) != std::string::npos &&
                   message.find(second) != std::string::npos);
  }

  void testCharacteristicIdsAreRequiredWellFormedAndDistinct() {
    const std::string known = createCharacteristic();
    std::string upper = known;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const std::vector<Json> bodies = {
        {{"name", uniqueName("Ids")}},
        {{"name", uniqueName("Ids")}, {"characteristic_ids", Json::array()}},
        {{"name", uniqueName("Ids")}, {"characteristic_ids", "not-an-array"}},
        {{"name", uniqueName("Ids")}, {"characteristic_ids", {1, 2}}},
        {{"name", uniqueName("Ids")}, {"characteristic_ids", {"nope"}}},
        {{"name", uniqueName("Ids")}, {"characteristic_ids", {known, upper}}},
    };
    for (const Json& body : bodies) {
      const HttpResult result = call("POST", kSpecifications, body);
      assertError(result, 400, "VALIDATION_ERROR");
      CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, std::string("characteristic_ids"),
                                   result.json["error"]["details"].value("field", ""));
    }
    // An upper-case id on its own is the same characteristic.
    const HttpResult created = postSpecification(uniqueName("Upper"), {upper});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(created.text, 201, created.status);
    CPPUNIT_ASSERT_EQUAL(known, created.json["characteristic_ids"][0].get<std::string>());
  }

  void testNameIsRequiredAndBounded() {
    const std::string known = createCharacteristic();
    for (const Json& name :
         {Json(), Json(""), Json("   "), Json(42), Json(std::string(201, 'n'))}) {
      Json body = {{"characteristic_ids", {known}}};
      if (!name.is_null()) body["name"] = name;
      const HttpResult result = call("POST", kSpecifications, body);
      assertError(result, 400, "VALIDATION_ERROR");
      CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, std::string("name"),
                                   result.json["error"]["details"].value("field", ""));
    }
    const HttpResult longest = postSpecification(std::string(200, 'n'), {known});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(longest.text, 201, longest.status);
    const HttpResult padded = postSpecification("  " + uniqueName("Padded") + "  ", {known});
    CPPUNIT_ASSERT_EQUAL(201, padded.status);
    CPPUNIT_ASSERT(padded.json.value("name", "").rfind("Padded", 0) == 0);
  }

  void testDuplicateNameIsConflictRegardlessOfCase() {
    const std::string known = createCharacteristic();
    const std::string name = uniqueName("Duplicate");
    const Json first = postSpecification(name, {known}).json;
    std::string shouted = name;
    for (char& c : shouted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const HttpResult result = postSpecification(shouted, {known});
    assertError(result, 409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL(first["id"].get<std::string>(),
                         result.json["error"]["details"].value("existing_id", ""));
  }

  void testCreateEmitsSpecificationCreated() {
    const std::string known = createCharacteristic();
    const Json created = createSpecification({known});
    CPPUNIT_ASSERT(eventually([&] { return specificationEvents(created["id"]).size() == 1; }));
    const Json event = specificationEvents(created["id"])[0];
    CPPUNIT_ASSERT_EQUAL(std::string("SpecificationCreated"), event.value("event_type", ""));
    CPPUNIT_ASSERT_EQUAL(1, event.value("entity_version", 0));
    CPPUNIT_ASSERT_EQUAL((Json{known}), event["payload"]["characteristic_ids"]);
    CPPUNIT_ASSERT_EQUAL(created["name"], event["payload"]["name"]);
  }

  void testPutReplacesEverythingAndEmitsTheFullList() {
    const std::string a = createCharacteristic();
    const std::string b = createCharacteristic();
    const std::string c = createCharacteristic();
    const Json created = createSpecification({a, b});
    const std::string renamed = uniqueName("Renamed");
    const HttpResult updated =
        call("PUT", pathOf(created),
             {{"name", renamed}, {"characteristic_ids", {c, a}}, {"version", 1}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(updated.text, 200, updated.status);
    CPPUNIT_ASSERT_EQUAL(2, updated.json.value("version", 0));
    CPPUNIT_ASSERT_EQUAL(renamed, updated.json.value("name", ""));
    CPPUNIT_ASSERT_EQUAL((Json{c, a}), updated.json["characteristic_ids"]);
    CPPUNIT_ASSERT_EQUAL(c, updated.json["characteristics"][0].value("id", ""));
    CPPUNIT_ASSERT_EQUAL((Json{c, a}), call("GET", pathOf(created)).json["characteristic_ids"]);

    CPPUNIT_ASSERT(eventually([&] { return specificationEvents(created["id"]).size() == 2; }));
    const Json event = specificationEvents(created["id"])[1];
    CPPUNIT_ASSERT_EQUAL(std::string("SpecificationUpdated"), event.value("event_type", ""));
    CPPUNIT_ASSERT_EQUAL(2, event.value("entity_version", 0));
    CPPUNIT_ASSERT_EQUAL((Json{c, a}), event["payload"]["characteristic_ids"]);
  }

  void testPutWithStaleVersionIsConflict() {
    const std::string a = createCharacteristic();
    const Json created = createSpecification({a});
    const Json body = {{"name", uniqueName("Stale")}, {"characteristic_ids", {a}}, {"version", 1}};
    CPPUNIT_ASSERT_EQUAL(200, call("PUT", pathOf(created), body).status);
    Json again = body;
    again["name"] = uniqueName("Stale");
    const HttpResult stale = call("PUT", pathOf(created), again);
    assertError(stale, 409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL(2, stale.json["error"]["details"].value("current_version", 0));
    assertError(call("PUT", pathOf(created), {{"name", "x"}, {"characteristic_ids", {a}}}), 400,
                "VALIDATION_ERROR");
  }

  void testPutThatChangesNothingKeepsTheVersion() {
    const std::string a = createCharacteristic();
    const Json created = createSpecification({a});
    const HttpResult same =
        call("PUT", pathOf(created),
             {{"name", created["name"]}, {"characteristic_ids", {a}}, {"version", 1}});
    CPPUNIT_ASSERT_EQUAL(200, same.status);
    CPPUNIT_ASSERT_EQUAL(1, same.json.value("version", 0));
    CPPUNIT_ASSERT(eventually([&] { return specificationEvents(created["id"]).size() == 1; }));
    CPPUNIT_ASSERT(specificationOutboxDrained());
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, specificationEvents(created["id"]).size());
  }

  void testPutToAnotherSpecificationsNameIsConflict() {
    const std::string a = createCharacteristic();
    const Json first = createSpecification({a});
    const Json second = createSpecification({a});
    assertError(call("PUT", pathOf(second),
                     {{"name", first["name"]}, {"characteristic_ids", {a}}, {"version", 1}}),
                409, "CONFLICT");
  }

  void testPutValidatesCharacteristics() {
    const std::string a = createCharacteristic();
    const Json created = createSpecification({a});
    const std::string unknown = sdk::newUuid();
    const HttpResult result =
        call("PUT", pathOf(created),
             {{"name", created["name"]}, {"characteristic_ids", {a, unknown}}, {"version", 1}});
    assertError(result, 400, "VALIDATION_ERROR");
    CPPUNIT_ASSERT_EQUAL((Json{unknown}), result.json["error"]["details"]["unknown_ids"]);
    assertError(
        call("PUT", pathOf(created),
             {{"name", created["name"]}, {"characteristic_ids", Json::array()}, {"version", 1}}),
        400, "VALIDATION_ERROR");
    CPPUNIT_ASSERT_EQUAL(1, call("GET", pathOf(created)).json.value("version", 0));
  }

  void testUnknownAndMalformedIdsAreNotFound() {
    const std::string a = createCharacteristic();
    const std::string unknown = pathOf(kSpecifications, sdk::newUuid());
    assertError(call("GET", unknown), 404, "NOT_FOUND");
    assertError(call("GET", pathOf(kSpecifications, "not-a-uuid")), 404, "NOT_FOUND");
    assertError(call("PUT", unknown,
                     {{"name", uniqueName("Ghost")}, {"characteristic_ids", {a}}, {"version", 1}}),
                404, "NOT_FOUND");
    assertError(call("DELETE", unknown), 404, "NOT_FOUND");
  }

  void testCharacteristicUpdateReachesTheExpansion() {
    const HttpResult characteristic =
        call("POST", kCharacteristics,
             {{"name", uniqueName("Speed")}, {"value", "100"}, {"unit_of_measure", "Mbps"}});
    const std::string id = characteristic.json["id"];
    const Json specification = createSpecification({id});
    const HttpResult updated = call("PUT", pathOf(kCharacteristics, id),
                                    {{"name", characteristic.json["name"]},
                                     {"value", "1"},
                                     {"unit_of_measure", "Gbps"},
                                     {"version", 1}});
    CPPUNIT_ASSERT_EQUAL(200, updated.status);
    CPPUNIT_ASSERT(eventually([&] {
      const Json expanded = call("GET", pathOf(specification)).json["characteristics"][0];
      return expanded.value("value", "") == "1" && expanded.value("unit_of_measure", "") == "Gbps";
    }));
  }

  void testCharacteristicInUseCannotBeDeletedUntilTheSpecificationIs() {
    const std::string a = createCharacteristic();
    const Json specification = createSpecification({a});
    CPPUNIT_ASSERT(eventually(specificationOutboxDrained));
    const HttpResult refused = call("DELETE", pathOf(kCharacteristics, a));
    assertError(refused, 409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL(specification["id"],
                         refused.json["error"]["details"]["specification_ids"][0]);

    CPPUNIT_ASSERT_EQUAL(204, call("DELETE", pathOf(specification)).status);
    CPPUNIT_ASSERT(
        eventually([&] { return specificationEvents(specification["id"]).size() == 2; }));
    CPPUNIT_ASSERT_EQUAL(std::string("SpecificationDeleted"),
                         specificationEvents(specification["id"])[1].value("event_type", ""));
    CPPUNIT_ASSERT(eventually(specificationOutboxDrained));
    CPPUNIT_ASSERT_EQUAL(204, call("DELETE", pathOf(kCharacteristics, a)).status);
    assertError(call("GET", pathOf(specification)), 404, "NOT_FOUND");
  }

  void testDeletedCharacteristicMarksSpecificationsInvalid() {
    // The characteristic plugin refuses such a deletion; it still happens when the deletion
    // races the specification's event, which a published CharacteristicDeleted stands for.
    const std::string a = createCharacteristic();
    const std::string b = createCharacteristic();
    const Json first = createSpecification({a, b});
    const Json second = createSpecification({b});
    const Json untouched = createSpecification({a});
    publish("resource.characteristics.events", "CharacteristicDeleted", 5,
            {{"id", b}, {"name", "Doomed"}});

    for (const Json* spec : {&first, &second}) {
      const HttpResult got = call("GET", pathOf(*spec));
      CPPUNIT_ASSERT_MESSAGE(got.text, !got.json.value("valid", true));
      CPPUNIT_ASSERT_EQUAL(2, got.json.value("version", 0));
      const Json& reason = got.json["invalid_reasons"][0];
      CPPUNIT_ASSERT_EQUAL(b, reason.value("characteristic_id", ""));
      CPPUNIT_ASSERT(reason.value("reason", "").find("Doomed") != std::string::npos);
      const Json deleted = got.json["characteristics"].back();
      CPPUNIT_ASSERT(deleted.value("deleted", false));
      CPPUNIT_ASSERT(eventually([&] { return specificationEvents((*spec)["id"]).size() == 2; }));
      const Json event = specificationEvents((*spec)["id"])[1];
      CPPUNIT_ASSERT_EQUAL(std::string("SpecificationUpdated"), event.value("event_type", ""));
      CPPUNIT_ASSERT(!event["payload"].value("valid", true));
    }
    CPPUNIT_ASSERT(call("GET", pathOf(untouched)).json.value("valid", false));
  }

  void testReplacementMakesAnInvalidSpecificationValidAgain() {
    const std::string a = createCharacteristic();
    const std::string b = createCharacteristic();
    const Json specification = createSpecification({a, b});
    publish("resource.characteristics.events", "CharacteristicDeleted", 9,
            {{"id", b}, {"name", "Gone"}});
    CPPUNIT_ASSERT(!call("GET", pathOf(specification)).json.value("valid", true));
    const HttpResult replaced =
        call("PUT", pathOf(specification),
             {{"name", specification["name"]}, {"characteristic_ids", {a}}, {"version", 2}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(replaced.text, 200, replaced.status);
    CPPUNIT_ASSERT(replaced.json.value("valid", false));
    CPPUNIT_ASSERT(replaced.json["invalid_reasons"].empty());
    CPPUNIT_ASSERT_EQUAL(3, replaced.json.value("version", 0));
  }

  void testDeletedCharacteristicCannotBeListed() {
    const std::string a = createCharacteristic();
    publish("resource.characteristics.events", "CharacteristicDeleted", 7,
            {{"id", a}, {"name", "Gone"}});
    const HttpResult result = postSpecification(uniqueName("Tombstone"), {a});
    assertError(result, 400, "VALIDATION_ERROR");
    CPPUNIT_ASSERT_EQUAL((Json{a}), result.json["error"]["details"]["unknown_ids"]);
  }

  void testStaleCharacteristicEventsChangeNothing() {
    const std::string a = createCharacteristic("100", "Mbps");
    const Json specification = createSpecification({a});
    // Older than what the cache holds (version 1 from CharacteristicCreated or the lazy load).
    publish("resource.characteristics.events", "CharacteristicUpdated", 1,
            {{"id", a}, {"name", "Old"}, {"value", "1"}, {"unit_of_measure", "GB"}});
    publish("resource.characteristics.events", "CharacteristicDeleted", 1,
            {{"id", a}, {"name", "Old"}});
    const HttpResult got = call("GET", pathOf(specification));
    CPPUNIT_ASSERT(got.json.value("valid", false));
    CPPUNIT_ASSERT_EQUAL(std::string("100"), got.json["characteristics"][0].value("value", ""));
  }

  void testSpecificationReferencedByAnOfferingCannotBeDeleted() {
    const Json specification = createSpecification({createCharacteristic()});
    const std::string offering = sdk::newUuid();
    publish("product.offerings.events", "OfferingCreated", 1,
            {{"id", offering},
             {"name", "Bundle"},
             {"specification_ids", {specification["id"]}},
             {"pricing_ids", Json::array()}});
    const HttpResult refused = call("DELETE", pathOf(specification));
    assertError(refused, 409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL((Json{offering}), refused.json["error"]["details"]["offering_ids"]);
    // A retired offering still references it.
    publish("product.offerings.events", "OfferingRetired", 4,
            {{"id", offering}, {"specification_ids", {specification["id"]}}});
    CPPUNIT_ASSERT_EQUAL(409, call("DELETE", pathOf(specification)).status);
    publish("product.offerings.events", "OfferingUpdated", 2,
            {{"id", offering}, {"specification_ids", Json::array()}});  // stale: ignored
    CPPUNIT_ASSERT_EQUAL(409, call("DELETE", pathOf(specification)).status);
    publish("product.offerings.events", "OfferingDeleted", 5, {{"id", offering}});
    CPPUNIT_ASSERT_EQUAL(204, call("DELETE", pathOf(specification)).status);
  }

  void testPublicationValidationNamesEveryProblem() {
    const std::string a = createCharacteristic();
    const std::string b = createCharacteristic();
    const Json good = createSpecification({a});
    const Json broken = createSpecification({b});
    publish("resource.characteristics.events", "CharacteristicDeleted", 3,
            {{"id", b}, {"name", "Gone"}});
    const std::string missing = sdk::newUuid();

    const HttpResult ok =
        call("POST", "/api/v1/specifications/validation", {{"specification_ids", {good["id"]}}});
    CPPUNIT_ASSERT_EQUAL(200, ok.status);
    CPPUNIT_ASSERT(ok.json.value("valid", false));
    CPPUNIT_ASSERT(ok.json["problems"].empty());

    const HttpResult bad = call("POST", "/api/v1/specifications/validation",
                                {{"specification_ids", {good["id"], broken["id"], missing}}});
    CPPUNIT_ASSERT_EQUAL(200, bad.status);
    CPPUNIT_ASSERT(!bad.json.value("valid", true));
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, bad.json["problems"].size());
    CPPUNIT_ASSERT_EQUAL(broken["id"], bad.json["problems"][0]["specification_id"]);
    CPPUNIT_ASSERT(bad.json["problems"][0].value("reason", "").find("Gone") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(missing, bad.json["problems"][1].value("specification_id", ""));

    for (const Json& body : {Json::object(), Json{{"specification_ids", Json::array()}},
                             Json{{"specification_ids", {"nope"}}}}) {
      assertError(call("POST", "/api/v1/specifications/validation", body), 400, "VALIDATION_ERROR");
    }
  }

  void testListPaginatesAndNarrowsToIds() {
    const std::string a = createCharacteristic();
    const Json first = createSpecification({a});
    const Json second = createSpecification({a});
    createSpecification({a});
    const HttpResult all = call("GET", kSpecifications);
    CPPUNIT_ASSERT_EQUAL(200, all.status);
    CPPUNIT_ASSERT(all.json.value("total", 0) >= 3);
    CPPUNIT_ASSERT_EQUAL(20, all.json.value("page_size", 0));
    const HttpResult paged = call("GET", std::string(kSpecifications) + "?page=2&page_size=1");
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, paged.json["items"].size());
    CPPUNIT_ASSERT(paged.json["items"][0]["characteristic_ids"].is_array());

    const std::string unknown = sdk::newUuid();
    const HttpResult narrowed =
        call("GET", std::string(kSpecifications) + "?id=" + second["id"].get<std::string>() +
                        "&id=" + unknown + "&id=" + first["id"].get<std::string>());
    CPPUNIT_ASSERT_EQUAL(200, narrowed.status);
    CPPUNIT_ASSERT_EQUAL(2, narrowed.json.value("total", 0));
    assertError(call("GET", std::string(kSpecifications) + "?id=bad"), 400, "VALIDATION_ERROR");
    assertError(call("GET", std::string(kSpecifications) + "?page_size=0"), 400,
                "VALIDATION_ERROR");
  }

  void testUserReadsButCannotWrite() {
    const std::string a = createCharacteristic();
    const Json specification = createSpecification({a});
    const Headers user = TestIssuer::instance().bearer("USER");
    CPPUNIT_ASSERT_EQUAL(200, call("GET", kSpecifications, Json(), user).status);
    CPPUNIT_ASSERT_EQUAL(200, call("GET", pathOf(specification), Json(), user).status);
    CPPUNIT_ASSERT_EQUAL(200, call("POST", "/api/v1/specifications/validation",
                                   {{"specification_ids", {specification["id"]}}}, user)
                                  .status);
    assertError(call("POST", kSpecifications,
                     {{"name", uniqueName("Nope")}, {"characteristic_ids", {a}}}, user),
                403, "FORBIDDEN");
    assertError(
        call("PUT", pathOf(specification),
             {{"name", uniqueName("Nope")}, {"characteristic_ids", {a}}, {"version", 1}}, user),
        403, "FORBIDDEN");
    assertError(call("DELETE", pathOf(specification), Json(), user), 403, "FORBIDDEN");
  }

  void testRequestsWithoutTokenAreUnauthorized() {
    const HttpResult result = httpRequest(catalogd().port(), "GET", kSpecifications);
    assertError(result, 401, "UNAUTHORIZED");
    CPPUNIT_ASSERT(result.headers.at("www-authenticate").rfind("Bearer", 0) == 0);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SpecificationApiTest);

}  // namespace catalog::test
