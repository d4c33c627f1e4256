// SRS §3.2.4 and §9.4 over HTTP, in one all-in-one host with the workflow engine: drafts with
// optimistic versions, lists, roles, the offering events, and what those events do in the
// specification and pricing contexts (a listed specification or price can't be deleted). The
// probe records the events; the saga probe works the store steps no plugin here works yet.
#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "catalog/sdk/ids.hpp"
#include "support/assertions.hpp"
#include "support/catalog_client.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

const CatalogClient& api() {
  static TempDir dir;
  static CatalogdProcess process(
      catalogHost(dir, "characteristic,specification,pricing,offering,probe,saga_probe"));
  static const CatalogClient client(process.port());
  return client;
}

const Headers& user() {
  static const Headers headers = TestIssuer::instance().bearer("USER");
  return headers;
}

std::string idOf(const Json& entity) { return entity.value("id", ""); }

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

void assertRejectedField(const HttpResult& result, const std::string& field) {
  assertError(result, 400, "VALIDATION_ERROR");
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, field,
                               result.json["error"]["details"].value("field", ""));
}

std::vector<std::string> idsOf(const Json& page) {
  std::vector<std::string> ids;
  for (const Json& item : page.value("items", Json::array())) ids.push_back(idOf(item));
  return ids;
}

bool contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::vector<Json> offeringEvents(const std::string& id) {
  return api().eventsAbout(kOfferingTopic, id);
}

}  // namespace

class OfferingApiTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(OfferingApiTest);
  CPPUNIT_TEST(testDraftWithOnlyANameIsCreated);
  CPPUNIT_TEST(testCreateCanonicalisesIdsAndChannels);
  CPPUNIT_TEST(testCreateRejectsMalformedFieldsNamingThem);
  CPPUNIT_TEST(testCreateEmitsOfferingCreatedWithItsIds);
  CPPUNIT_TEST(testPutReplacesTheDraftAndEmitsOfferingUpdated);
  CPPUNIT_TEST(testPutWithStaleVersionIsConflict);
  CPPUNIT_TEST(testPutWithoutVersionIsRejected);
  CPPUNIT_TEST(testPutThatChangesNothingKeepsTheVersion);
  CPPUNIT_TEST(testDeleteDraftIsGoneAndEmitsOfferingDeleted);
  CPPUNIT_TEST(testListFiltersByLifecycleStatus);
  CPPUNIT_TEST(testListRejectsAnUnknownLifecycleStatus);
  CPPUNIT_TEST(testListPaginatesAndNarrowsToIds);
  CPPUNIT_TEST(testUnknownOfferingIsNotFoundEverywhere);
  CPPUNIT_TEST(testDraftWithoutPublicationHasNoPublicationView);
  CPPUNIT_TEST(testUserManagesDraftsButCannotPublishOrRetire);
  CPPUNIT_TEST(testRequestsWithoutTokenAreUnauthorized);
  CPPUNIT_TEST(testSpecificationListedByADraftCannotBeDeletedUntilTheDraftIs);
  CPPUNIT_TEST(testPriceListedByADraftCannotBeDeletedUntilTheDraftIs);
  CPPUNIT_TEST(testReferenceMovesWithTheDraftsUpdate);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testDraftWithOnlyANameIsCreated() {
    const std::string name = uniqueName("Name Only");
    const HttpResult result = api().call("POST", kOfferings, {{"name", name}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 201, result.status);
    CPPUNIT_ASSERT_EQUAL(offeringPath(result.json), result.headers.at("location"));
    CPPUNIT_ASSERT(sdk::canonicalUuid(idOf(result.json)).has_value());
    CPPUNIT_ASSERT_EQUAL(name, result.json.value("name", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("DRAFT"), result.json.value("lifecycle_status", ""));
    CPPUNIT_ASSERT_EQUAL(1, result.json.value("version", 0));
    for (const char* list : {"specification_ids", "pricing_ids", "sales_channels"})
      CPPUNIT_ASSERT_EQUAL_MESSAGE(list, Json::array(), result.json[list]);
    for (const char* unset : {"published_at", "retired_at", "saga_id", "failure_reason"})
      CPPUNIT_ASSERT_MESSAGE(unset, result.json[unset].is_null());
    CPPUNIT_ASSERT(!result.json.value("created_at", "").empty());

    const Json got = api().offering(idOf(result.json));
    CPPUNIT_ASSERT_EQUAL(result.json, got);
  }

  void testCreateCanonicalisesIdsAndChannels() {
    const std::string specification = api().newSpecification();
    const std::string price = api().newPrice();
    const Json created =
        api().newOffering({{"specification_ids", {upper(specification), specification}},
                           {"pricing_ids", {upper(price)}},
                           {"sales_channels", {" online ", "retail", "online"}}});
    CPPUNIT_ASSERT_EQUAL((Json{specification}), created["specification_ids"]);
    CPPUNIT_ASSERT_EQUAL((Json{price}), created["pricing_ids"]);
    CPPUNIT_ASSERT_EQUAL((Json{"online", "retail"}), created["sales_channels"]);
    CPPUNIT_ASSERT_EQUAL(created["sales_channels"],
                         api().offering(idOf(created))["sales_channels"]);
  }

  void testCreateRejectsMalformedFieldsNamingThem() {
    const std::vector<std::pair<Json, std::string>> cases = {
        {Json::object(), "name"},
        {{{"name", "   "}}, "name"},
        {{{"name", std::string(201, 'n')}}, "name"},
        {{{"name", 42}}, "name"},
        {{{"name", "Fiber"}, {"description", std::string(2001, 'd')}}, "description"},
        {{{"name", "Fiber"}, {"specification_ids", {"not-a-uuid"}}}, "specification_ids"},
        {{{"name", "Fiber"}, {"pricing_ids", "not-an-array"}}, "pricing_ids"},
        {{{"name", "Fiber"}, {"sales_channels", {std::string(51, 'c')}}}, "sales_channels"},
    };
    for (const auto& [body, field] : cases)
      assertRejectedField(api().call("POST", kOfferings, body), field);
  }

  void testCreateEmitsOfferingCreatedWithItsIds() {
    const Json created = api().newCompleteOffering();
    api().awaitOutboxDrained("offering");
    const std::vector<Json> events = offeringEvents(idOf(created));
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, events.size());
    CPPUNIT_ASSERT_EQUAL(std::string("OfferingCreated"), events[0].value("event_type", ""));
    CPPUNIT_ASSERT_EQUAL(1, events[0].value("entity_version", 0));
    const Json& payload = events[0]["payload"];
    CPPUNIT_ASSERT_EQUAL(created["specification_ids"], payload["specification_ids"]);
    CPPUNIT_ASSERT_EQUAL(created["pricing_ids"], payload["pricing_ids"]);
    CPPUNIT_ASSERT_EQUAL(std::string("DRAFT"), payload.value("lifecycle_status", ""));
  }

  void testPutReplacesTheDraftAndEmitsOfferingUpdated() {
    const Json created = api().newCompleteOffering();
    const std::string other_specification = api().newSpecification();
    const std::string renamed = uniqueName("Renamed Offer");
    const HttpResult updated =
        api().call("PUT", offeringPath(created),
                   replacement(created, {{"name", renamed},
                                         {"description", "Now with TV"},
                                         {"specification_ids", {other_specification}},
                                         {"sales_channels", {"retail"}}}));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(updated.text, 200, updated.status);
    CPPUNIT_ASSERT_EQUAL(2, updated.json.value("version", 0));
    CPPUNIT_ASSERT_EQUAL(renamed, updated.json.value("name", ""));
    const Json got = api().offering(idOf(created));
    CPPUNIT_ASSERT_EQUAL(std::string("Now with TV"), got.value("description", ""));
    CPPUNIT_ASSERT_EQUAL((Json{other_specification}), got["specification_ids"]);
    CPPUNIT_ASSERT_EQUAL(created["pricing_ids"], got["pricing_ids"]);
    CPPUNIT_ASSERT_EQUAL((Json{"retail"}), got["sales_channels"]);

    api().awaitOutboxDrained("offering");
    const std::vector<Json> events = offeringEvents(idOf(created));
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, events.size());
    CPPUNIT_ASSERT_EQUAL(std::string("OfferingUpdated"), events[1].value("event_type", ""));
    CPPUNIT_ASSERT_EQUAL(2, events[1].value("entity_version", 0));
    CPPUNIT_ASSERT_EQUAL((Json{other_specification}), events[1]["payload"]["specification_ids"]);
    CPPUNIT_ASSERT_EQUAL(created["pricing_ids"], events[1]["payload"]["pricing_ids"]);
  }

  void testPutWithStaleVersionIsConflict() {
    const Json created = api().newOffering();
    CPPUNIT_ASSERT_EQUAL(200, api()
                                  .call("PUT", offeringPath(created),
                                        replacement(created, {{"name", uniqueName("First")}}))
                                  .status);
    const HttpResult stale = api().call("PUT", offeringPath(created),
                                        replacement(created, {{"name", uniqueName("Second")}}));
    assertError(stale, 409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL(2, stale.json["error"]["details"].value("current_version", 0));
    CPPUNIT_ASSERT(api().offering(idOf(created)).value("name", "").rfind("First", 0) == 0);
  }

  void testPutWithoutVersionIsRejected() {
    const Json created = api().newOffering();
    Json body = replacement(created, {{"name", uniqueName("No Version")}});
    body.erase("version");
    assertRejectedField(api().call("PUT", offeringPath(created), body), "version");
    CPPUNIT_ASSERT_EQUAL(created["name"], api().offering(idOf(created))["name"]);
  }

  void testPutThatChangesNothingKeepsTheVersion() {
    const Json created = api().newCompleteOffering();
    const HttpResult same = api().call("PUT", offeringPath(created), replacement(created));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(same.text, 200, same.status);
    CPPUNIT_ASSERT_EQUAL(1, same.json.value("version", 0));
    api().awaitOutboxDrained("offering");
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, offeringEvents(idOf(created)).size());
  }

  void testDeleteDraftIsGoneAndEmitsOfferingDeleted() {
    const Json created = api().newCompleteOffering();
    const HttpResult deleted = api().call("DELETE", offeringPath(created));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(deleted.text, 204, deleted.status);
    assertError(api().call("GET", offeringPath(created)), 404, "NOT_FOUND");
    assertError(api().call("DELETE", offeringPath(created)), 404, "NOT_FOUND");

    api().awaitOutboxDrained("offering");
    const std::vector<Json> events = offeringEvents(idOf(created));
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, events.size());
    CPPUNIT_ASSERT_EQUAL(std::string("OfferingDeleted"), events[1].value("event_type", ""));
    CPPUNIT_ASSERT_EQUAL(2, events[1].value("entity_version", 0));
  }

  void testListFiltersByLifecycleStatus() {
    const Json draft = api().newOffering();
    const Json published = api().newCompleteOffering();
    const HttpResult accepted = api().publish(idOf(published));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(accepted.text, 202, accepted.status);
    api().offeringOnceIn(idOf(published), "PUBLISHED");

    const std::string list = std::string(kOfferings) + "?page_size=100&lifecycle_status=";
    const HttpResult drafts = api().call("GET", list + "DRAFT");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(drafts.text, 200, drafts.status);
    CPPUNIT_ASSERT(contains(idsOf(drafts.json), idOf(draft)));
    CPPUNIT_ASSERT(!contains(idsOf(drafts.json), idOf(published)));
    for (const Json& item : drafts.json["items"])
      CPPUNIT_ASSERT_EQUAL(std::string("DRAFT"), item.value("lifecycle_status", ""));

    const HttpResult live = api().call("GET", list + "PUBLISHED");
    CPPUNIT_ASSERT(contains(idsOf(live.json), idOf(published)));
    CPPUNIT_ASSERT(!contains(idsOf(live.json), idOf(draft)));
    // Nothing else in this suite is PUBLISHING or RETIRED: the totals are counted per status.
    const HttpResult all = api().call("GET", kOfferings);
    CPPUNIT_ASSERT_EQUAL(all.json.value("total", 0),
                         drafts.json.value("total", 0) + live.json.value("total", 0));
    CPPUNIT_ASSERT(live.json.value("total", 0) < all.json.value("total", 0));

    // Narrowed to ids, the filter still applies.
    const HttpResult both = api().call("GET", std::string(kOfferings) +
                                                  "?lifecycle_status=PUBLISHED&id=" + idOf(draft) +
                                                  "&id=" + idOf(published));
    CPPUNIT_ASSERT_EQUAL((Json{idOf(published)}), Json(idsOf(both.json)));
  }

  void testListRejectsAnUnknownLifecycleStatus() {
    const HttpResult result = api().call("GET", std::string(kOfferings) + "?lifecycle_status=LIVE");
    assertRejectedField(result, "lifecycle_status");
  }

  void testListPaginatesAndNarrowsToIds() {
    const Json first = api().newOffering();
    const Json second = api().newOffering();
    api().newOffering();
    const HttpResult all = api().call("GET", kOfferings);
    CPPUNIT_ASSERT_EQUAL(200, all.status);
    CPPUNIT_ASSERT(all.json.value("total", 0) >= 3);
    CPPUNIT_ASSERT_EQUAL(20, all.json.value("page_size", 0));
    const HttpResult page = api().call("GET", std::string(kOfferings) + "?page=2&page_size=2");
    CPPUNIT_ASSERT_EQUAL(2, page.json.value("page", 0));
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, page.json["items"].size());
    CPPUNIT_ASSERT_EQUAL(all.json["items"][2], page.json["items"][0]);

    const HttpResult narrowed =
        api().call("GET", std::string(kOfferings) + "?id=" + idOf(second) +
                              "&id=" + sdk::newUuid() + "&id=" + upper(idOf(first)));
    CPPUNIT_ASSERT_EQUAL(200, narrowed.status);
    CPPUNIT_ASSERT_EQUAL(2, narrowed.json.value("total", 0));
    CPPUNIT_ASSERT(contains(idsOf(narrowed.json), idOf(first)));
    CPPUNIT_ASSERT(contains(idsOf(narrowed.json), idOf(second)));
    assertRejectedField(api().call("GET", std::string(kOfferings) + "?id=bad"), "id");
    assertError(api().call("GET", std::string(kOfferings) + "?page_size=0"), 400,
                "VALIDATION_ERROR");
  }

  void testUnknownOfferingIsNotFoundEverywhere() {
    const Json some = api().newOffering();
    for (const std::string& path :
         {offeringPath(sdk::newUuid()), offeringPath(std::string("not-a-uuid"))}) {
      assertError(api().call("GET", path), 404, "NOT_FOUND");
      assertError(api().call("PUT", path, replacement(some)), 404, "NOT_FOUND");
      assertError(api().call("DELETE", path), 404, "NOT_FOUND");
      assertError(api().call("POST", path + "/publish"), 404, "NOT_FOUND");
      assertError(api().call("POST", path + "/retire"), 404, "NOT_FOUND");
      assertError(api().call("GET", path + "/publication"), 404, "NOT_FOUND");
    }
  }

  void testDraftWithoutPublicationHasNoPublicationView() {
    const Json draft = api().newOffering();
    assertError(api().call("GET", offeringPath(draft) + "/publication"), 404, "NOT_FOUND");
  }

  void testUserManagesDraftsButCannotPublishOrRetire() {
    const Json complete = api().newCompleteOffering();
    Json body = replacement(complete, {{"name", uniqueName("By User")}});
    body.erase("version");
    const HttpResult created = api().call("POST", kOfferings, body, user());
    CPPUNIT_ASSERT_EQUAL_MESSAGE(created.text, 201, created.status);
    const HttpResult updated =
        api().call("PUT", offeringPath(created.json),
                   replacement(created.json, {{"name", uniqueName("By User")}}), user());
    CPPUNIT_ASSERT_EQUAL_MESSAGE(updated.text, 200, updated.status);
    CPPUNIT_ASSERT_EQUAL(200, api().call("GET", offeringPath(created.json), Json(), user()).status);
    CPPUNIT_ASSERT_EQUAL(200, api().call("GET", kOfferings, Json(), user()).status);

    assertError(api().publish(idOf(created.json), user()), 403, "FORBIDDEN");
    assertError(api().call("POST", offeringPath(created.json) + "/retire", Json(), user()), 403,
                "FORBIDDEN");
    CPPUNIT_ASSERT_EQUAL(std::string("DRAFT"),
                         api().offering(idOf(created.json)).value("lifecycle_status", ""));

    const HttpResult deleted = api().call("DELETE", offeringPath(created.json), Json(), user());
    CPPUNIT_ASSERT_EQUAL_MESSAGE(deleted.text, 204, deleted.status);
  }

  void testRequestsWithoutTokenAreUnauthorized() {
    const Json draft = api().newOffering();
    const int port = api().port();
    for (const HttpResult& result :
         {httpRequest(port, "GET", kOfferings), httpRequest(port, "GET", offeringPath(draft)),
          httpRequest(port, "POST", kOfferings, Json{{"name", "Anonymous"}}.dump()),
          httpRequest(port, "DELETE", offeringPath(draft)),
          httpRequest(port, "POST", offeringPath(draft) + "/publish"),
          httpRequest(port, "GET", offeringPath(draft) + "/publication")}) {
      assertError(result, 401, "UNAUTHORIZED");
    }
    CPPUNIT_ASSERT_EQUAL(200, api().call("GET", offeringPath(draft)).status);
  }

  // `path` (a specification or price the draft lists under `field`) can't be deleted while the
  // draft lists it, and can once the draft is gone.
  void assertDeletableOnlyWithoutTheDraft(const std::string& path, const std::string& field,
                                          const std::string& id) {
    const Json draft = api().newOffering({{field, {id}}});
    api().awaitOutboxDrained("offering");
    const HttpResult refused = api().call("DELETE", path);
    assertError(refused, 409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL((Json{idOf(draft)}), refused.json["error"]["details"]["offering_ids"]);

    CPPUNIT_ASSERT_EQUAL(204, api().call("DELETE", offeringPath(draft)).status);
    api().awaitOutboxDrained("offering");
    const HttpResult deleted = api().call("DELETE", path);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(deleted.text, 204, deleted.status);
  }

  void testSpecificationListedByADraftCannotBeDeletedUntilTheDraftIs() {
    const std::string specification = api().newSpecification();
    assertDeletableOnlyWithoutTheDraft("/api/v1/specifications/" + specification,
                                       "specification_ids", specification);
  }

  void testPriceListedByADraftCannotBeDeletedUntilTheDraftIs() {
    const std::string price = api().newPrice();
    assertDeletableOnlyWithoutTheDraft("/api/v1/prices/" + price, "pricing_ids", price);
  }

  void testReferenceMovesWithTheDraftsUpdate() {
    const std::string kept = api().newPrice();
    const std::string dropped = api().newPrice();
    const Json draft = api().newOffering({{"pricing_ids", {kept, dropped}}});
    api().awaitOutboxDrained("offering");
    assertError(api().call("DELETE", "/api/v1/prices/" + dropped), 409, "CONFLICT");

    const HttpResult updated =
        api().call("PUT", offeringPath(draft), replacement(draft, {{"pricing_ids", {kept}}}));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(updated.text, 200, updated.status);
    api().awaitOutboxDrained("offering");
    CPPUNIT_ASSERT_EQUAL(204, api().call("DELETE", "/api/v1/prices/" + dropped).status);
    assertError(api().call("DELETE", "/api/v1/prices/" + kept), 409, "CONFLICT");
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OfferingApiTest);

}  // namespace catalog::test
