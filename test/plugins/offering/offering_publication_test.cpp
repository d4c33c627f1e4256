// Publication and retirement of offerings (SRS §3.2.4, §7, §9.4) end to end on catalogd's
// embedded engine: the real pricing, specification and offering workers run the saga, the saga
// probe stands in for the store's steps. Every case builds characteristic → specification →
// price → offering through the API and publishes it: the pre-flight refusals, the happy path
// with its prices released, compensation from a lock held by another saga and from a failing
// store step, retirement, concurrent publishes, a host killed mid-saga, and a host with no
// pricing context.
//
// Not covered: a specification invalidated between the pre-flight and the saga's
// validate-specifications step (the gateway's "No" path with the real workers). Nothing
// outside the plugins can hold the saga between those steps deterministically;
// test/e2e/saga_workers_test.cpp covers that path with the probe's workers.
#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "catalog/sdk/ids.hpp"
#include "support/assertions.hpp"
#include "support/catalog_client.hpp"
#include "support/eventually.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

constexpr const char* kAllPlugins =
    "characteristic,specification,pricing,offering,probe,saga_probe";

// The host most cases share: every step completes.
const CatalogClient& api() {
  static TempDir dir;
  static CatalogdProcess process(catalogHost(dir, kAllPlugins));
  static const CatalogClient client(process.port());
  return client;
}

std::string idOf(const Json& entity) { return entity.value("id", ""); }

std::string priceOf(const Json& offering) { return offering["pricing_ids"][0]; }

std::string specificationOf(const Json& offering) { return offering["specification_ids"][0]; }

Json price(const CatalogClient& client, const std::string& id) {
  const HttpResult result = client.call("GET", "/api/v1/prices/" + id);
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 200, result.status);
  return result.json;
}

std::string lowerCase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Publishes, asserts the SRS's 202 body, and returns the saga id.
std::string publishAccepted(const CatalogClient& client, const std::string& id) {
  const HttpResult result = client.publish(id);
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 202, result.status);
  CPPUNIT_ASSERT(!result.json.value("message", "").empty());
  CPPUNIT_ASSERT_EQUAL(id, result.json.value("offering_id", ""));
  CPPUNIT_ASSERT_EQUAL(std::string("PUBLISHING"), result.json.value("status", ""));
  const std::string saga = result.json.value("saga_id", "");
  CPPUNIT_ASSERT_MESSAGE(result.text, !saga.empty());
  return saga;
}

// A complete draft, published and waited for.
Json publishedOffering(const CatalogClient& client) {
  const Json draft = client.newCompleteOffering();
  publishAccepted(client, idOf(draft));
  return client.offeringOnceIn(idOf(draft), "PUBLISHED");
}

// Waits until the publication view's saga has ended (state PUBLISHED or FAILED, nothing
// running) and returns the view.
Json endedPublication(const CatalogClient& client, const std::string& id) {
  Json view;
  const bool ended = eventually([&] {
    view = client.publication(id);
    const std::string state = view.value("state", "");
    return (state == "PUBLISHED" || state == "FAILED") && !view["ended_at"].is_null();
  });
  CPPUNIT_ASSERT_MESSAGE("the saga never ended: " + view.dump(), ended);
  return view;
}

// The status of each step by its activity id: the release of the prices and their undo share
// the topic unlock-prices.
std::map<std::string, std::string> statusesOf(const Json& view) {
  std::map<std::string, std::string> statuses;
  for (const Json& step : view.value("steps", Json::array()))
    statuses[step.value("activity_id", "")] = step.value("status", "");
  return statuses;
}

void assertStep(const Json& view, const std::string& activity_id, const std::string& status) {
  CPPUNIT_ASSERT_EQUAL_MESSAGE(activity_id + " in " + view.dump(), status,
                               statusesOf(view)[activity_id]);
}

// The offering stayed the draft it was: DRAFT, at `version`, never given a saga.
void assertUntouchedDraft(const CatalogClient& client, const std::string& id, int version) {
  const Json now = client.offering(id);
  CPPUNIT_ASSERT_EQUAL_MESSAGE(now.dump(), std::string("DRAFT"), now.value("lifecycle_status", ""));
  CPPUNIT_ASSERT_EQUAL_MESSAGE(now.dump(), version, now.value("version", 0));
  CPPUNIT_ASSERT(now["saga_id"].is_null());
  assertError(client.call("GET", offeringPath(id) + "/publication"), 404, "NOT_FOUND");
}

// The engine's process instances started for the offering (its business key).
Json sagasOf(const CatalogClient& client, const std::string& id) {
  const HttpResult result =
      client.call("GET", "/engine-rest/history/process-instance?processInstanceBusinessKey=" + id);
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 200, result.status);
  return result.json;
}

// The topics the saga probe handled for `saga`, in order.
std::vector<std::string> probeHandled(const CatalogClient& client, const std::string& saga) {
  std::vector<std::string> topics;
  const HttpResult result = client.call("GET", "/saga-probe/handled?instance=" + saga);
  for (const Json& item : result.json.value("items", Json::array()))
    topics.push_back(item.value("topic", ""));
  return topics;
}

}  // namespace

class OfferingPublicationTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(OfferingPublicationTest);
  CPPUNIT_TEST(testPublishedOfferingHasItsDateAndItsSaga);
  CPPUNIT_TEST(testPublicationReleasesThePricesItLocked);
  CPPUNIT_TEST(testPriceOfPublishedOfferingCanChangeButNotBeDeleted);
  CPPUNIT_TEST(testPublicationEmitsInitiatedThenPublished);
  CPPUNIT_TEST(testPublicationViewShowsTheForwardStepsDone);
  CPPUNIT_TEST(testIncompleteDraftIsRefusedNamingWhatIsMissing);
  CPPUNIT_TEST(testUnknownPriceIsRefusedBeforeTheSaga);
  CPPUNIT_TEST(testUnknownSpecificationIsRefusedBeforeTheSaga);
  CPPUNIT_TEST(testInvalidSpecificationIsRefusedWithItsProblems);
  CPPUNIT_TEST(testPublishingAPublishedOfferingIsConflict);
  CPPUNIT_TEST(testPublishedOfferingCannotBeChangedOrDeleted);
  CPPUNIT_TEST(testPublishingOfferingCannotBeChangedOrDeleted);
  CPPUNIT_TEST(testPriceHeldByAnotherSagaRevertsTheOfferingToDraft);
  CPPUNIT_TEST(testFailedStoreStepUnlocksThePricesAndRevertsTheOffering);
  CPPUNIT_TEST(testRevertedDraftCanBePublishedAgain);
  CPPUNIT_TEST(testRetirePublishedOffering);
  CPPUNIT_TEST(testRetiredOfferingStaysAndKeepsItsReferences);
  CPPUNIT_TEST(testRetireOfDraftIsConflict);
  CPPUNIT_TEST(testConcurrentPublishesOfOneDraftStartOneSaga);
  CPPUNIT_TEST(testHostKilledMidSagaFinishesThePublicationAfterRestart);
  CPPUNIT_TEST(testHostWithoutPricingAnswersServiceUnavailable);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testPublishedOfferingHasItsDateAndItsSaga() {
    const Json draft = api().newCompleteOffering();
    const std::string saga = publishAccepted(api(), idOf(draft));
    const Json published = api().offeringOnceIn(idOf(draft), "PUBLISHED");
    CPPUNIT_ASSERT_MESSAGE(published.dump(), published["published_at"].is_string());
    CPPUNIT_ASSERT(published["retired_at"].is_null());
    CPPUNIT_ASSERT(published["failure_reason"].is_null());
    CPPUNIT_ASSERT_EQUAL(saga, published.value("saga_id", ""));
    CPPUNIT_ASSERT_EQUAL(draft["pricing_ids"], published["pricing_ids"]);
  }

  // Prices are locked only during the publication: the saga's last step releases them.
  void testPublicationReleasesThePricesItLocked() {
    const Json published = publishedOffering(api());
    CPPUNIT_ASSERT_EQUAL(std::string("PUBLISHED"),
                         endedPublication(api(), idOf(published)).value("state", ""));

    const Json released = price(api(), priceOf(published));
    CPPUNIT_ASSERT_MESSAGE(released.dump(), !released.value("locked", true));
    CPPUNIT_ASSERT(released["locked_by_saga_id"].is_null());
    api().awaitOutboxDrained("pricing");
    CPPUNIT_ASSERT((api().eventTypesAbout("commercial.pricing.events", priceOf(published)) ==
                    std::vector<std::string>{"PriceCreated", "PriceLocked", "PriceUnlocked"}));
  }

  // Released, the price is protected only by the offering's reference to it (SRS §3.2.3).
  void testPriceOfPublishedOfferingCanChangeButNotBeDeleted() {
    const Json published = publishedOffering(api());
    endedPublication(api(), idOf(published));
    const Json before = price(api(), priceOf(published));

    const HttpResult updated = api().call("PUT", "/api/v1/prices/" + priceOf(published),
                                          {{"name", before["name"]},
                                           {"value", "59.90"},
                                           {"unit", before["unit"]},
                                           {"currency", before["currency"]},
                                           {"version", before["version"]}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(updated.text, 200, updated.status);
    CPPUNIT_ASSERT_EQUAL(std::string("59.90"), updated.json.value("value", ""));

    api().awaitOutboxDrained("offering");
    const HttpResult refused = api().call("DELETE", "/api/v1/prices/" + priceOf(published));
    assertError(refused, 409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL((Json{idOf(published)}), refused.json["error"]["details"]["offering_ids"]);
    CPPUNIT_ASSERT_EQUAL(updated.json, price(api(), priceOf(published)));
  }

  void testPublicationEmitsInitiatedThenPublished() {
    const Json published = publishedOffering(api());
    api().awaitOutboxDrained("offering");
    const std::vector<Json> events = api().eventsAbout(kOfferingTopic, idOf(published));
    std::vector<std::string> types;
    for (const Json& event : events) types.push_back(event.value("event_type", ""));
    CPPUNIT_ASSERT(
        (types == std::vector<std::string>{"OfferingCreated", "OfferingPublicationInitiated",
                                           "OfferingPublished"}));
    CPPUNIT_ASSERT_EQUAL(std::string("PUBLISHING"),
                         events[1]["payload"].value("lifecycle_status", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("PUBLISHED"),
                         events[2]["payload"].value("lifecycle_status", ""));
    CPPUNIT_ASSERT_EQUAL(published["published_at"], events[2]["payload"]["published_at"]);
    CPPUNIT_ASSERT_EQUAL(published.value("version", 0), events[2].value("entity_version", 0));
  }

  void testPublicationViewShowsTheForwardStepsDone() {
    const Json published = publishedOffering(api());
    const Json view = endedPublication(api(), idOf(published));
    CPPUNIT_ASSERT_EQUAL(std::string("PUBLISHED"), view.value("state", ""));
    CPPUNIT_ASSERT_EQUAL(published["saga_id"], view["saga_id"]);
    CPPUNIT_ASSERT_EQUAL(std::string("PUBLISHED"), view.value("lifecycle_status", ""));
    CPPUNIT_ASSERT(view["failure_reason"].is_null());
    // Task_LockPrices stays done: releasing the prices, on the undo's topic, undoes nothing.
    for (const char* step :
         {"Task_LockPrices", "Task_ValidateSpecifications", "Task_CreateStoreEntry",
          "Task_ConfirmPublication", "Task_ReleasePrices"})
      assertStep(view, step, "done");
    for (const char* step :
         {"Task_DeleteStoreEntry", "Task_UnlockPrices", "Task_RevertOfferingToDraft"})
      assertStep(view, step, "pending");
    const Json& release = view["steps"].at(4);  // the forward steps come first, in order
    CPPUNIT_ASSERT_EQUAL_MESSAGE(release.dump(), std::string("Task_ReleasePrices"),
                                 release.value("activity_id", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("unlock-prices"), release.value("step", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("forward"), release.value("kind", ""));
    for (const Json& step : view["steps"]) {
      const bool done = step.value("status", "") == "done";
      CPPUNIT_ASSERT_EQUAL_MESSAGE(step.dump(), done, step["ended_at"].is_string());
    }
  }

  void testIncompleteDraftIsRefusedNamingWhatIsMissing() {
    const Json bare = api().newOffering();
    const HttpResult refused = api().publish(idOf(bare));
    assertError(refused, 400, "VALIDATION_ERROR");
    CPPUNIT_ASSERT_EQUAL((Json{"specification_ids", "pricing_ids", "sales_channels"}),
                         refused.json["error"]["details"]["missing"]);
    assertUntouchedDraft(api(), idOf(bare), 1);

    const Json no_channel = api().newOffering(
        {{"specification_ids", {api().newSpecification()}}, {"pricing_ids", {api().newPrice()}}});
    const HttpResult missing_channel = api().publish(idOf(no_channel));
    assertError(missing_channel, 400, "VALIDATION_ERROR");
    CPPUNIT_ASSERT_EQUAL((Json{"sales_channels"}),
                         missing_channel.json["error"]["details"]["missing"]);
    assertUntouchedDraft(api(), idOf(no_channel), 1);
  }

  void testUnknownPriceIsRefusedBeforeTheSaga() {
    const std::string known = api().newPrice();
    const std::string unknown = sdk::newUuid();
    const Json draft = api().newOffering({{"specification_ids", {api().newSpecification()}},
                                          {"pricing_ids", {known, unknown}},
                                          {"sales_channels", {"online"}}});
    const HttpResult refused = api().publish(idOf(draft));
    assertError(refused, 400, "VALIDATION_ERROR");
    CPPUNIT_ASSERT_EQUAL(std::string("pricing_ids"),
                         refused.json["error"]["details"].value("field", ""));
    CPPUNIT_ASSERT_EQUAL((Json{unknown}), refused.json["error"]["details"]["unknown_ids"]);
    assertUntouchedDraft(api(), idOf(draft), 1);
    CPPUNIT_ASSERT(!price(api(), known).value("locked", true));
  }

  void testUnknownSpecificationIsRefusedBeforeTheSaga() {
    const std::string unknown = sdk::newUuid();
    const Json draft = api().newOffering({{"specification_ids", {unknown}},
                                          {"pricing_ids", {api().newPrice()}},
                                          {"sales_channels", {"online"}}});
    const HttpResult refused = api().publish(idOf(draft));
    assertError(refused, 400, "VALIDATION_ERROR");
    const Json& details = refused.json["error"]["details"];
    CPPUNIT_ASSERT_EQUAL(std::string("specification_ids"), details.value("field", ""));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(refused.text, unknown,
                                 details["problems"][0].value("specification_id", ""));
    assertUntouchedDraft(api(), idOf(draft), 1);
  }

  void testInvalidSpecificationIsRefusedWithItsProblems() {
    const std::string characteristic = api().newCharacteristic();
    const std::string specification = api().newSpecification(characteristic);
    const Json draft = api().newOffering({{"specification_ids", {specification}},
                                          {"pricing_ids", {api().newPrice()}},
                                          {"sales_channels", {"online"}}});
    // The characteristic plugin refuses to delete a characteristic in use; its deletion still
    // reaches the specification when it races the specification's event.
    api().publishEvent("resource.characteristics.events", "CharacteristicDeleted", 5,
                       {{"id", characteristic}, {"name", "Withdrawn Speed"}});
    CPPUNIT_ASSERT(eventually([&] {
      return !api()
                  .call("GET", "/api/v1/specifications/" + specification)
                  .json.value("valid", true);
    }));

    const HttpResult refused = api().publish(idOf(draft));
    assertError(refused, 400, "VALIDATION_ERROR");
    const Json& problems = refused.json["error"]["details"]["problems"];
    CPPUNIT_ASSERT_EQUAL_MESSAGE(refused.text, std::size_t{1}, problems.size());
    CPPUNIT_ASSERT_EQUAL(specification, problems[0].value("specification_id", ""));
    CPPUNIT_ASSERT_MESSAGE(
        refused.text, problems[0].value("reason", "").find("Withdrawn Speed") != std::string::npos);
    assertUntouchedDraft(api(), idOf(draft), 1);
  }

  void testPublishingAPublishedOfferingIsConflict() {
    const Json published = publishedOffering(api());
    const HttpResult again = api().publish(idOf(published));
    assertError(again, 409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL(std::string("PUBLISHED"),
                         again.json["error"]["details"].value("lifecycle_status", ""));
    const Json now = api().offering(idOf(published));
    CPPUNIT_ASSERT_EQUAL(published, now);
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, sagasOf(api(), idOf(published)).size());
  }

  void testPublishedOfferingCannotBeChangedOrDeleted() {
    const Json published = publishedOffering(api());
    const HttpResult put = api().call("PUT", offeringPath(published),
                                      replacement(published, {{"name", uniqueName("Edited")}}));
    assertError(put, 400, "VALIDATION_ERROR");
    CPPUNIT_ASSERT_EQUAL(std::string("PUBLISHED"),
                         put.json["error"]["details"].value("lifecycle_status", ""));
    assertError(api().call("DELETE", offeringPath(published)), 400, "VALIDATION_ERROR");
    CPPUNIT_ASSERT_EQUAL(published, api().offering(idOf(published)));
  }

  // The store step takes 2 s here, so the offering waits in PUBLISHING.
  void testPublishingOfferingCannotBeChangedOrDeleted() {
    TempDir dir;
    CatalogdProcess host(catalogHost(dir, kAllPlugins,
                                     {{"CATALOG_SAGA_PROBE_CREATE_STORE_ENTRY", "slow"},
                                      {"CATALOG_SAGA_PROBE_SLOWMS", "2000"}}));
    const CatalogClient client(host.port());
    const Json draft = client.newCompleteOffering();
    const std::string saga = publishAccepted(client, idOf(draft));
    CPPUNIT_ASSERT(eventually([&] { return !probeHandled(client, saga).empty(); }));
    const Json publishing = client.offering(idOf(draft));
    CPPUNIT_ASSERT_EQUAL(std::string("PUBLISHING"), publishing.value("lifecycle_status", ""));
    CPPUNIT_ASSERT_EQUAL(saga, publishing.value("saga_id", ""));

    const HttpResult put = client.call("PUT", offeringPath(draft),
                                       replacement(publishing, {{"name", uniqueName("Edited")}}));
    assertError(put, 400, "VALIDATION_ERROR");
    CPPUNIT_ASSERT_EQUAL(std::string("PUBLISHING"),
                         put.json["error"]["details"].value("lifecycle_status", ""));
    assertError(client.call("DELETE", offeringPath(draft)), 400, "VALIDATION_ERROR");
    assertError(client.publish(idOf(draft)), 409, "CONFLICT");
    assertError(client.call("POST", offeringPath(draft) + "/retire"), 409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL(publishing, client.offering(idOf(draft)));

    const Json published = client.offeringOnceIn(idOf(draft), "PUBLISHED");
    CPPUNIT_ASSERT_EQUAL(draft["name"], published["name"]);
  }

  void testPriceHeldByAnotherSagaRevertsTheOfferingToDraft() {
    const Json draft = api().newCompleteOffering();
    const HttpResult held =
        api().call("POST", "/api/v1/prices/" + priceOf(draft) + "/lock", {{"saga_id", "other"}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(held.text, 200, held.status);

    const std::string saga = publishAccepted(api(), idOf(draft));
    const Json view = endedPublication(api(), idOf(draft));
    const Json reverted = api().offering(idOf(draft));
    CPPUNIT_ASSERT_EQUAL(std::string("DRAFT"), reverted.value("lifecycle_status", ""));
    CPPUNIT_ASSERT_MESSAGE(reverted.dump() + " / " + view.dump(),
                           reverted["failure_reason"].is_string());
    const std::string reason = reverted["failure_reason"];
    CPPUNIT_ASSERT_MESSAGE(reverted.dump(), lowerCase(reason).find("price") != std::string::npos);
    CPPUNIT_ASSERT(reverted["published_at"].is_null());

    CPPUNIT_ASSERT_EQUAL(std::string("FAILED"), view.value("state", ""));
    CPPUNIT_ASSERT_EQUAL(saga, view.value("saga_id", ""));
    CPPUNIT_ASSERT_EQUAL(reason, view.value("failure_reason", ""));
    assertStep(view, "Task_LockPrices", "failed");
    assertStep(view, "Task_RevertOfferingToDraft", "done");
    for (const char* step :
         {"Task_ValidateSpecifications", "Task_CreateStoreEntry", "Task_ConfirmPublication",
          "Task_ReleasePrices", "Task_DeleteStoreEntry", "Task_UnlockPrices"})
      assertStep(view, step, "pending");

    const Json still_held = price(api(), priceOf(draft));
    CPPUNIT_ASSERT_EQUAL(std::string("other"), still_held.value("locked_by_saga_id", ""));
    const HttpResult ours = api().call("DELETE", "/api/v1/prices/locks/" + saga);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(ours.text, 200, ours.status);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(ours.text, Json::array(), ours.json["released"]);

    api().awaitOutboxDrained("offering");
    CPPUNIT_ASSERT((api().eventTypesAbout(kOfferingTopic, idOf(draft)) ==
                    std::vector<std::string>{"OfferingCreated", "OfferingPublicationInitiated",
                                             "OfferingPublicationFailed"}));
  }

  void testFailedStoreStepUnlocksThePricesAndRevertsTheOffering() {
    TempDir dir;
    CatalogdProcess host(
        catalogHost(dir, kAllPlugins, {{"CATALOG_SAGA_PROBE_CREATE_STORE_ENTRY", "bpmn-error"}}));
    const CatalogClient client(host.port());
    const Json draft = client.newCompleteOffering();
    const std::string saga = publishAccepted(client, idOf(draft));
    const Json view = endedPublication(client, idOf(draft));

    const Json reverted = client.offering(idOf(draft));
    CPPUNIT_ASSERT_EQUAL(std::string("DRAFT"), reverted.value("lifecycle_status", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("create-store-entry said no"),
                         reverted.value("failure_reason", ""));
    const Json unlocked = price(client, priceOf(draft));
    CPPUNIT_ASSERT_MESSAGE(unlocked.dump(), !unlocked.value("locked", true));
    CPPUNIT_ASSERT(unlocked["locked_by_saga_id"].is_null());

    CPPUNIT_ASSERT_EQUAL(std::string("FAILED"), view.value("state", ""));
    assertStep(view, "Task_LockPrices", "compensated");
    assertStep(view, "Task_ValidateSpecifications", "done");
    assertStep(view, "Task_CreateStoreEntry", "failed");
    for (const Json& step : view["steps"]) {
      if (step.value("step", "") == "create-store-entry")
        CPPUNIT_ASSERT_EQUAL(std::string("create-store-entry said no"), step.value("error", ""));
    }
    assertStep(view, "Task_ConfirmPublication", "pending");
    assertStep(view, "Task_ReleasePrices", "pending");
    assertStep(view, "Task_DeleteStoreEntry", "pending");
    assertStep(view, "Task_UnlockPrices", "done");
    assertStep(view, "Task_RevertOfferingToDraft", "done");
    CPPUNIT_ASSERT((probeHandled(client, saga) == std::vector<std::string>{"create-store-entry"}));

    client.awaitOutboxDrained("pricing");
    CPPUNIT_ASSERT((client.eventTypesAbout("commercial.pricing.events", priceOf(draft)) ==
                    std::vector<std::string>{"PriceCreated", "PriceLocked", "PriceUnlocked"}));
    client.awaitOutboxDrained("offering");
    CPPUNIT_ASSERT((client.eventTypesAbout(kOfferingTopic, idOf(draft)) ==
                    std::vector<std::string>{"OfferingCreated", "OfferingPublicationInitiated",
                                             "OfferingPublicationFailed"}));
  }

  void testRevertedDraftCanBePublishedAgain() {
    const Json draft = api().newCompleteOffering();
    CPPUNIT_ASSERT_EQUAL(200, api()
                                  .call("POST", "/api/v1/prices/" + priceOf(draft) + "/lock",
                                        {{"saga_id", "blocker"}})
                                  .status);
    const std::string first = publishAccepted(api(), idOf(draft));
    endedPublication(api(), idOf(draft));
    const Json reverted = api().offering(idOf(draft));
    CPPUNIT_ASSERT_EQUAL(std::string("DRAFT"), reverted.value("lifecycle_status", ""));

    // Edited like any draft, then published once the price is free.
    const HttpResult edited = api().call("PUT", offeringPath(draft),
                                         replacement(reverted, {{"sales_channels", {"retail"}}}));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(edited.text, 200, edited.status);
    CPPUNIT_ASSERT_EQUAL(200, api()
                                  .call("POST", "/api/v1/prices/" + priceOf(draft) + "/unlock",
                                        {{"saga_id", "blocker"}})
                                  .status);
    const std::string second = publishAccepted(api(), idOf(draft));
    CPPUNIT_ASSERT(first != second);
    const Json published = api().offeringOnceIn(idOf(draft), "PUBLISHED");
    CPPUNIT_ASSERT(published["failure_reason"].is_null());
    CPPUNIT_ASSERT_EQUAL(second, published.value("saga_id", ""));
    CPPUNIT_ASSERT_EQUAL((Json{"retail"}), published["sales_channels"]);
  }

  void testRetirePublishedOffering() {
    const Json published = publishedOffering(api());
    const HttpResult retired = api().call("POST", offeringPath(published) + "/retire");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(retired.text, 200, retired.status);
    CPPUNIT_ASSERT_EQUAL(std::string("RETIRED"), retired.json.value("lifecycle_status", ""));
    CPPUNIT_ASSERT(retired.json["retired_at"].is_string());
    CPPUNIT_ASSERT_EQUAL(published["published_at"], retired.json["published_at"]);
    CPPUNIT_ASSERT_EQUAL(published.value("version", 0) + 1, retired.json.value("version", 0));
    CPPUNIT_ASSERT_EQUAL(retired.json, api().offering(idOf(published)));

    api().awaitOutboxDrained("offering");
    const std::vector<Json> events = api().eventsAbout(kOfferingTopic, idOf(published));
    CPPUNIT_ASSERT_EQUAL(std::string("OfferingRetired"), events.back().value("event_type", ""));
    CPPUNIT_ASSERT_EQUAL(retired.json["retired_at"], events.back()["payload"]["retired_at"]);

    const HttpResult again = api().call("POST", offeringPath(published) + "/retire");
    assertError(again, 409, "CONFLICT");
  }

  void testRetiredOfferingStaysAndKeepsItsReferences() {
    const Json published = publishedOffering(api());
    CPPUNIT_ASSERT_EQUAL(200, api().call("POST", offeringPath(published) + "/retire").status);
    assertError(api().call("DELETE", offeringPath(published)), 400, "VALIDATION_ERROR");
    assertError(
        api().call("PUT", offeringPath(published), replacement(api().offering(idOf(published)))),
        400, "VALIDATION_ERROR");
    assertError(api().publish(idOf(published)), 409, "CONFLICT");
    const HttpResult retired = api().call(
        "GET", std::string(kOfferings) + "?lifecycle_status=RETIRED&id=" + idOf(published));
    CPPUNIT_ASSERT_EQUAL(1, retired.json.value("total", 0));

    api().awaitOutboxDrained("offering");
    const HttpResult specification =
        api().call("DELETE", "/api/v1/specifications/" + specificationOf(published));
    assertError(specification, 409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL((Json{idOf(published)}),
                         specification.json["error"]["details"]["offering_ids"]);
  }

  void testRetireOfDraftIsConflict() {
    const Json draft = api().newCompleteOffering();
    const HttpResult refused = api().call("POST", offeringPath(draft) + "/retire");
    assertError(refused, 409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL(std::string("DRAFT"),
                         refused.json["error"]["details"].value("lifecycle_status", ""));
    assertUntouchedDraft(api(), idOf(draft), 1);
  }

  void testConcurrentPublishesOfOneDraftStartOneSaga() {
    for (int round = 0; round < 3; ++round) {
      const Json draft = api().newCompleteOffering();
      const std::string id = idOf(draft);
      const std::vector<HttpResult> results =
          atOnce({[&] { return api().publish(id); }, [&] { return api().publish(id); }});
      std::vector<int> statuses = {results[0].status, results[1].status};
      std::sort(statuses.begin(), statuses.end());
      CPPUNIT_ASSERT_EQUAL_MESSAGE(results[0].text + " | " + results[1].text, 202, statuses[0]);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(results[0].text + " | " + results[1].text, 409, statuses[1]);
      const HttpResult& loser = results[0].status == 409 ? results[0] : results[1];
      assertError(loser, 409, "CONFLICT");
      const HttpResult& winner = results[0].status == 202 ? results[0] : results[1];

      const Json published = api().offeringOnceIn(id, "PUBLISHED");
      CPPUNIT_ASSERT_EQUAL(winner.json.value("saga_id", ""), published.value("saga_id", ""));
      const Json sagas = sagasOf(api(), id);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(sagas.dump(), std::size_t{1}, sagas.size());
      api().awaitOutboxDrained("offering");
      const std::vector<std::string> types = api().eventTypesAbout(kOfferingTopic, id);
      CPPUNIT_ASSERT_EQUAL(std::ptrdiff_t{1},
                           std::count(types.begin(), types.end(), "OfferingPublicationInitiated"));
    }
  }

  // The store step sleeps 3 s under a 1.5 s lock; killed during it, the host restarts on the
  // same data without the delay, gets the task again once the lock expires and publishes.
  void testHostKilledMidSagaFinishesThePublicationAfterRestart() {
    TempDir dir;
    std::string id;
    std::string saga;
    {
      CatalogdProcess host(catalogHost(dir, kAllPlugins,
                                       {{"CATALOG_SAGA_PROBE_CREATE_STORE_ENTRY", "slow"},
                                        {"CATALOG_SAGA_PROBE_SLOWMS", "3000"},
                                        {"CATALOG_SAGA_PROBE_LOCKMS", "1500"}}));
      const CatalogClient client(host.port());
      id = idOf(client.newCompleteOffering());
      saga = publishAccepted(client, id);
      CPPUNIT_ASSERT(eventually([&] { return !probeHandled(client, saga).empty(); }));
      CPPUNIT_ASSERT_EQUAL(std::string("PUBLISHING"),
                           client.offering(id).value("lifecycle_status", ""));
      host.kill9();
    }
    CatalogdProcess restarted(
        catalogHost(dir, kAllPlugins, {{"CATALOG_SAGA_PROBE_LOCKMS", "1500"}}));
    const CatalogClient client(restarted.port());
    const Json published = client.offeringOnceIn(id, "PUBLISHED");
    CPPUNIT_ASSERT_EQUAL(saga, published.value("saga_id", ""));
    CPPUNIT_ASSERT(published["published_at"].is_string());
    CPPUNIT_ASSERT((probeHandled(client, saga) ==
                    std::vector<std::string>{"create-store-entry", "create-store-entry"}));
    CPPUNIT_ASSERT_EQUAL(std::string("PUBLISHED"), endedPublication(client, id).value("state", ""));
    CPPUNIT_ASSERT(price(client, priceOf(published))["locked_by_saga_id"].is_null());
  }

  void testHostWithoutPricingAnswersServiceUnavailable() {
    TempDir dir;
    CatalogdProcess host(catalogHost(dir, "characteristic,specification,offering"));
    const CatalogClient client(host.port());
    const Json draft = client.newOffering({{"specification_ids", {client.newSpecification()}},
                                           {"pricing_ids", {sdk::newUuid()}},
                                           {"sales_channels", {"online"}}});
    const HttpResult refused = client.publish(idOf(draft));
    assertError(refused, 503, "SERVICE_UNAVAILABLE");
    CPPUNIT_ASSERT_MESSAGE(
        refused.text,
        refused.json["error"].value("message", "").find("pricing") != std::string::npos);
    assertUntouchedDraft(client, idOf(draft), 1);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OfferingPublicationTest);

}  // namespace catalog::test
