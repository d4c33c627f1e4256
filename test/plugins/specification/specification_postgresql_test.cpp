// The specification plugin on PostgreSQL (CATALOG_SPECIFICATION_DATABASE_URL), in one catalogd
// with the characteristic plugin (on SQLite) and the probe fixture: its migrations, queries,
// characteristic cache, reference tracking and outbox on the dialect the fleet runs on.
#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <cctype>
#include <string>
#include <vector>

#include "catalog/sdk/ids.hpp"
#include "support/assertions.hpp"
#include "support/catalogd_process.hpp"
#include "support/eventually.hpp"
#include "support/http_client.hpp"
#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"
#include "support/test_data.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

constexpr const char* kCharacteristics = "/api/v1/characteristics";
constexpr const char* kSpecifications = "/api/v1/specifications";
constexpr const char* kValidation = "/api/v1/specifications/validation";

PostgresServer& postgres() {
  static PostgresServer server;
  return server;
}

const std::string& databaseUrl() {
  static const std::string url = postgres().createDatabase("specification");
  return url;
}

CatalogdProcess& catalogd() {
  static TempDir dir;
  static CatalogdProcess process([] {
    CatalogdProcess::Options options{
        {"--plugins=characteristic,specification,probe", "--data-dir=" + dir.file("var")},
        TestIssuer::instance().hostEnv(),
        dir.file("catalogd.log")};
    options.env.emplace("CATALOG_PLUGIN_PATH", CATALOG_FIXTURE_DIR);
    options.env.emplace("CATALOG_SPECIFICATION_DATABASE_URL", databaseUrl());
    return options;
  }());
  return process;
}

HttpResult call(const std::string& method, const std::string& path, const Json& body = Json()) {
  return httpRequest(catalogd().port(), method, path, body.is_null() ? "" : body.dump(),
                     TestIssuer::instance().bearer("ADMIN"));
}

std::string lowerCase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string pathOf(const Json& entity, const std::string& collection) {
  return collection + "/" + entity.value("id", "");
}

Json createCharacteristic(const std::string& value = "100", const std::string& unit = "Mbps") {
  const HttpResult result =
      call("POST", kCharacteristics,
           {{"name", uniqueName("Speed")}, {"value", value}, {"unit_of_measure", unit}});
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 201, result.status);
  return result.json;
}

Json createSpecification(const std::vector<Json>& characteristics,
                         const std::string& name = uniqueName("Package")) {
  std::vector<std::string> ids;
  for (const Json& c : characteristics) ids.push_back(c.value("id", ""));
  const HttpResult result =
      call("POST", kSpecifications, {{"name", name}, {"characteristic_ids", ids}});
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 201, result.status);
  return result.json;
}

HttpResult getSpecification(const Json& specification) {
  return call("GET", pathOf(specification, kSpecifications));
}

// Publishes an event as another context would and waits until the relay has delivered it.
void publish(const std::string& topic, const std::string& type, int version, const Json& payload) {
  const HttpResult result = call(
      "POST", "/probe/publish",
      {{"topic", topic}, {"event_type", type}, {"entity_version", version}, {"payload", payload}});
  CPPUNIT_ASSERT_EQUAL(202, result.status);
  CPPUNIT_ASSERT(eventually([] {
    return call("GET", "/health").json["plugins"]["probe"]["outbox"].value("pending", -1) == 0;
  }));
}

// Events on `topic` the probe received about the entity `id`, in order.
std::vector<Json> eventsAbout(const std::string& topic, const std::string& id) {
  std::vector<Json> events;
  const HttpResult received = call("GET", "/probe/events");
  for (const Json& event : received.json["items"]) {
    if (event.value("topic", "") == topic && event["payload"].value("id", "") == id)
      events.push_back(event);
  }
  return events;
}

// Fails unless `condition` holds in the specification database itself.
void assertStored(const std::string& condition) {
  postgres().execute(databaseUrl(), "DO $$ BEGIN IF NOT (" + condition +
                                        ") THEN RAISE EXCEPTION 'not stored'; END IF; END $$");
}

}  // namespace

class SpecificationPostgresqlTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(SpecificationPostgresqlTest);
  CPPUNIT_TEST(testCreateStoresInPostgresqlAndExpandsCharacteristics);
  CPPUNIT_TEST(testDuplicateNameIsConflictRegardlessOfCase);
  CPPUNIT_TEST(testListPagesByNameAndNarrowsById);
  CPPUNIT_TEST(testPutReplacesFullyAndStaleVersionIsConflict);
  CPPUNIT_TEST(testCharacteristicUpdateReachesTheExpandedSpecification);
  CPPUNIT_TEST(testDeletedCharacteristicInvalidatesTheSpecification);
  CPPUNIT_TEST(testDeleteIsBlockedWhileAnOfferingReferencesIt);
  CPPUNIT_TEST(testDeleteRemovesAndEmitsSpecificationDeleted);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testCreateStoresInPostgresqlAndExpandsCharacteristics() {
    const Json speed = createCharacteristic("100", "Mbps");
    const Json storage = createCharacteristic("512", "GB");
    const Json created = createSpecification({storage, speed});
    CPPUNIT_ASSERT(sdk::isUuid(created.value("id", "")));
    CPPUNIT_ASSERT_EQUAL(1, created.value("version", 0));
    CPPUNIT_ASSERT(created.value("valid", false));
    CPPUNIT_ASSERT(created["invalid_reasons"].empty());
    CPPUNIT_ASSERT_EQUAL(Json::array({storage["id"], speed["id"]}).dump(),
                         created["characteristic_ids"].dump());
    const Json& expanded = created["characteristics"];
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, expanded.size());
    CPPUNIT_ASSERT_EQUAL(storage.value("name", ""), expanded[0].value("name", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("512"), expanded[0].value("value", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("GB"), expanded[0].value("unit_of_measure", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("Mbps"), expanded[1].value("unit_of_measure", ""));
    CPPUNIT_ASSERT_EQUAL(created.dump(), getSpecification(created).json.dump());

    const std::string id = created.value("id", "");
    assertStored("(SELECT count(*) FROM specifications WHERE id = '" + id + "') = 1");
    assertStored("(SELECT characteristic_id::text FROM specification_characteristics WHERE " +
                 std::string("specification_id = '") + id + "' AND position = 0) = '" +
                 storage.value("id", "") + "'");
  }

  void testDuplicateNameIsConflictRegardlessOfCase() {
    const Json speed = createCharacteristic();
    const std::string name = uniqueName("Fiber Package");
    const Json first = createSpecification({speed}, name);
    std::string shouting = name;
    for (char& c : shouting) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const HttpResult duplicate =
        call("POST", kSpecifications,
             {{"name", shouting}, {"characteristic_ids", Json::array({speed["id"]})}});
    assertError(duplicate, 409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL(first.value("id", ""),
                         duplicate.json["error"]["details"].value("existing_id", ""));
    const Json second = createSpecification({speed});
    assertError(call("PUT", pathOf(second, kSpecifications),
                     {{"name", shouting},
                      {"characteristic_ids", Json::array({speed["id"]})},
                      {"version", 1}}),
                409, "CONFLICT");
  }

  void testListPagesByNameAndNarrowsById() {
    const Json speed = createCharacteristic();
    const Json zeta = createSpecification({speed}, uniqueName("Zeta Narrowed"));
    createSpecification({speed});
    const Json alpha = createSpecification({speed}, uniqueName("Alpha Narrowed"));

    const HttpResult first = call("GET", std::string(kSpecifications) + "?page=1&page_size=2");
    const HttpResult second = call("GET", std::string(kSpecifications) + "?page=2&page_size=2");
    CPPUNIT_ASSERT_EQUAL(200, first.status);
    const std::int64_t total = first.json.value("total", std::int64_t{0});
    CPPUNIT_ASSERT(total >= 3);
    CPPUNIT_ASSERT_EQUAL(total, second.json.value("total", std::int64_t{0}));
    CPPUNIT_ASSERT_EQUAL(2, first.json.value("page_size", 0));
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, first.json["items"].size());
    CPPUNIT_ASSERT(!second.json["items"].empty());
    // Ordered by name, regardless of case, across pages.
    const std::string name0 = lowerCase(first.json["items"][0].value("name", ""));
    const std::string name1 = lowerCase(first.json["items"][1].value("name", ""));
    CPPUNIT_ASSERT(name0 < name1);
    CPPUNIT_ASSERT(name1 < lowerCase(second.json["items"][0].value("name", "")));
    CPPUNIT_ASSERT(first.json["items"][0]["characteristic_ids"].is_array());

    // Narrowed to the ids asked for (in any case, unknown ones ignored), still by name.
    std::string upper_alpha = alpha.value("id", "");
    for (char& ch : upper_alpha)
      ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    const HttpResult narrowed =
        call("GET", std::string(kSpecifications) + "?id=" + zeta.value("id", "") +
                        "&id=" + upper_alpha + "&id=" + sdk::newUuid());
    CPPUNIT_ASSERT_EQUAL_MESSAGE(narrowed.text, 200, narrowed.status);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, narrowed.json.value("total", std::int64_t{0}));
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, narrowed.json["items"].size());
    CPPUNIT_ASSERT_EQUAL(alpha.value("id", ""), narrowed.json["items"][0].value("id", ""));
    CPPUNIT_ASSERT_EQUAL(zeta.value("id", ""), narrowed.json["items"][1].value("id", ""));
    const HttpResult paged = call("GET", std::string(kSpecifications) + "?page=2&page_size=1&id=" +
                                             zeta.value("id", "") + "&id=" + upper_alpha);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, paged.json.value("total", std::int64_t{0}));
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, paged.json["items"].size());
    CPPUNIT_ASSERT_EQUAL(zeta.value("id", ""), paged.json["items"][0].value("id", ""));
    assertError(call("GET", std::string(kSpecifications) + "?id=nope"), 400, "VALIDATION_ERROR");
  }

  void testPutReplacesFullyAndStaleVersionIsConflict() {
    const Json speed = createCharacteristic();
    const Json latency = createCharacteristic("20", "Seconds");
    const Json created = createSpecification({speed, latency});
    const std::string new_name = uniqueName("Replaced");
    const Json replacement = {
        {"name", new_name}, {"characteristic_ids", Json::array({latency["id"]})}, {"version", 1}};

    const HttpResult replaced = call("PUT", pathOf(created, kSpecifications), replacement);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(replaced.text, 200, replaced.status);
    CPPUNIT_ASSERT_EQUAL(2, replaced.json.value("version", 0));
    CPPUNIT_ASSERT_EQUAL(new_name, replaced.json.value("name", ""));
    CPPUNIT_ASSERT_EQUAL(Json::array({latency["id"]}).dump(),
                         replaced.json["characteristic_ids"].dump());
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, replaced.json["characteristics"].size());
    CPPUNIT_ASSERT_EQUAL(created.value("created_at", ""), replaced.json.value("created_at", ""));
    CPPUNIT_ASSERT_EQUAL(replaced.json.dump(), getSpecification(created).json.dump());

    const HttpResult stale = call("PUT", pathOf(created, kSpecifications),
                                  {{"name", uniqueName("Stale")},
                                   {"characteristic_ids", Json::array({speed["id"]})},
                                   {"version", 1}});
    assertError(stale, 409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL(2, stale.json["error"]["details"].value("current_version", 0));
    CPPUNIT_ASSERT_EQUAL(replaced.json.dump(), getSpecification(created).json.dump());
    // The old name is free again: nothing of the replaced row lingers in the unique index.
    createSpecification({speed}, created.value("name", ""));
  }

  void testCharacteristicUpdateReachesTheExpandedSpecification() {
    const Json speed = createCharacteristic("100", "Mbps");
    const Json specification = createSpecification({speed});
    const HttpResult updated = call(
        "PUT", pathOf(speed, kCharacteristics),
        {{"name", speed["name"]}, {"value", "10"}, {"unit_of_measure", "Gbps"}, {"version", 1}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(updated.text, 200, updated.status);
    CPPUNIT_ASSERT(eventually([&] {
      const Json shown = getSpecification(specification).json["characteristics"][0];
      return shown.value("value", "") == "10" && shown.value("unit_of_measure", "") == "Gbps";
    }));
    // The specification itself did not change.
    CPPUNIT_ASSERT_EQUAL(1, getSpecification(specification).json.value("version", 0));
  }

  void testDeletedCharacteristicInvalidatesTheSpecification() {
    const Json speed = createCharacteristic();
    const Json latency = createCharacteristic("20", "Seconds");
    const Json affected = createSpecification({speed, latency});
    const Json untouched = createSpecification({latency});
    const std::string speed_id = speed.value("id", "");
    const std::string affected_id = affected.value("id", "");

    publish("resource.characteristics.events", "CharacteristicDeleted", 2,
            {{"id", speed_id}, {"name", speed["name"]}});
    CPPUNIT_ASSERT(
        eventually([&] { return !getSpecification(affected).json.value("valid", true); }));
    const Json invalid = getSpecification(affected).json;
    CPPUNIT_ASSERT_EQUAL(2, invalid.value("version", 0));
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, invalid["invalid_reasons"].size());
    CPPUNIT_ASSERT_EQUAL(speed_id, invalid["invalid_reasons"][0].value("characteristic_id", ""));
    CPPUNIT_ASSERT(invalid["invalid_reasons"][0].value("reason", "").find(speed_id) !=
                   std::string::npos);
    CPPUNIT_ASSERT(invalid["characteristics"][0].value("deleted", false));
    CPPUNIT_ASSERT(getSpecification(untouched).json.value("valid", false));

    const std::string missing = sdk::newUuid();
    const HttpResult validation =
        call("POST", kValidation,
             {{"specification_ids", Json::array({untouched["id"], affected_id, missing})}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(validation.text, 200, validation.status);
    CPPUNIT_ASSERT(!validation.json.value("valid", true));
    const Json& problems = validation.json["problems"];
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, problems.size());
    CPPUNIT_ASSERT_EQUAL(affected_id, problems[0].value("specification_id", ""));
    CPPUNIT_ASSERT(problems[0].value("reason", "").find(speed_id) != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(missing, problems[1].value("specification_id", ""));
    CPPUNIT_ASSERT(
        call("POST", kValidation, {{"specification_ids", Json::array({untouched["id"]})}})
            .json.value("valid", false));

    const std::string topic = "resource.specifications.events";
    CPPUNIT_ASSERT(eventually([&] { return eventsAbout(topic, affected_id).size() == 2; }));
    const Json announced = eventsAbout(topic, affected_id)[1];
    CPPUNIT_ASSERT_EQUAL(std::string("SpecificationUpdated"), announced.value("event_type", ""));
    CPPUNIT_ASSERT_EQUAL(2, announced.value("entity_version", 0));
    CPPUNIT_ASSERT(!announced["payload"].value("valid", true));

    // The deleted characteristic can't be listed again; a replacement without it is valid.
    const HttpResult relisted =
        call("PUT", pathOf(affected, kSpecifications),
             {{"name", affected["name"]},
              {"characteristic_ids", Json::array({speed_id, latency["id"]})},
              {"version", 2}});
    assertError(relisted, 400, "VALIDATION_ERROR");
    CPPUNIT_ASSERT_EQUAL(Json::array({speed_id}).dump(),
                         relisted.json["error"]["details"]["unknown_ids"].dump());
    const HttpResult repaired = call("PUT", pathOf(affected, kSpecifications),
                                     {{"name", affected["name"]},
                                      {"characteristic_ids", Json::array({latency["id"]})},
                                      {"version", 2}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(repaired.text, 200, repaired.status);
    CPPUNIT_ASSERT(repaired.json.value("valid", false));
    CPPUNIT_ASSERT(repaired.json["invalid_reasons"].empty());
    CPPUNIT_ASSERT_EQUAL(3, repaired.json.value("version", 0));
  }

  void testDeleteIsBlockedWhileAnOfferingReferencesIt() {
    const Json specification = createSpecification({createCharacteristic()});
    const std::string offering_id = sdk::newUuid();
    const std::string topic = "product.offerings.events";
    publish(topic, "OfferingCreated", 1,
            {{"id", offering_id}, {"specification_ids", Json::array({specification["id"]})}});

    const HttpResult blocked = call("DELETE", pathOf(specification, kSpecifications));
    assertError(blocked, 409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL(Json::array({offering_id}).dump(),
                         blocked.json["error"]["details"]["offering_ids"].dump());
    CPPUNIT_ASSERT_EQUAL(200, getSpecification(specification).status);

    publish(topic, "OfferingDeleted", 2, {{"id", offering_id}});
    CPPUNIT_ASSERT_EQUAL(204, call("DELETE", pathOf(specification, kSpecifications)).status);
    assertError(getSpecification(specification), 404, "NOT_FOUND");
  }

  void testDeleteRemovesAndEmitsSpecificationDeleted() {
    const Json speed = createCharacteristic();
    const Json specification = createSpecification({speed});
    const std::string id = specification.value("id", "");
    // The characteristic context learns of the reference from SpecificationCreated.
    CPPUNIT_ASSERT(
        eventually([&] { return eventsAbout("resource.specifications.events", id).size() == 1; }));
    assertError(call("DELETE", pathOf(speed, kCharacteristics)), 409, "CONFLICT");

    const HttpResult deleted = call("DELETE", pathOf(specification, kSpecifications));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(deleted.text, 204, deleted.status);
    CPPUNIT_ASSERT(deleted.text.empty());
    assertError(getSpecification(specification), 404, "NOT_FOUND");
    assertError(call("DELETE", pathOf(specification, kSpecifications)), 404, "NOT_FOUND");
    assertStored(
        "NOT EXISTS (SELECT 1 FROM specification_characteristics WHERE "
        "specification_id = '" +
        id + "')");

    CPPUNIT_ASSERT(
        eventually([&] { return eventsAbout("resource.specifications.events", id).size() == 2; }));
    const Json event = eventsAbout("resource.specifications.events", id)[1];
    CPPUNIT_ASSERT_EQUAL(std::string("SpecificationDeleted"), event.value("event_type", ""));
    CPPUNIT_ASSERT_EQUAL(2, event.value("entity_version", 0));
    CPPUNIT_ASSERT_EQUAL(specification.value("name", ""), event["payload"].value("name", ""));
    // ...and of its end from SpecificationDeleted.
    CPPUNIT_ASSERT(
        eventually([&] { return call("DELETE", pathOf(speed, kCharacteristics)).status == 204; }));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SpecificationPostgresqlTest);

}  // namespace catalog::test
