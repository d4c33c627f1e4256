// The all-in-one host exactly as shipped (etc/catalog.properties, identity issuing the tokens):
// an admin signs in and builds characteristic → specification → price back to back, with no
// retry anywhere in the client (issue 4's "done when"), and the SRS §5.5 scenario end to end.
#include <cppunit/extensions/HelperMacros.h>

#include <map>
#include <string>

#include "support/all_in_one_host.hpp"
#include "support/assertions.hpp"
#include "support/eventually.hpp"
#include "support/http_client.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

constexpr const char* kAdminPassword = "all-in-one-admin-password";

// The shipped host with the admin signed in.
class AllInOne : public AllInOneHost {
 public:
  AllInOne() : AllInOneHost(kAdminPassword) {}
};

// The SRS §5.5 catalog: Speed 100 Mbps, specification Fibre 100, 50.00 USD per month, and a draft
// offering `name` listing them, sold online.
struct SrsDraft {
  Json speed;
  Json price;
  Json offering;
};

SrsDraft srsDraft(AllInOne& host, const std::string& name) {
  SrsDraft draft;
  draft.speed = host.created("/api/v1/characteristics",
                             {{"name", "Speed"}, {"value", "100"}, {"unit_of_measure", "Mbps"}});
  const Json fibre =
      host.created("/api/v1/specifications",
                   {{"name", "Fibre 100"}, {"characteristic_ids", {draft.speed["id"]}}});
  draft.price = host.created(
      "/api/v1/prices",
      {{"name", "Monthly"}, {"value", "50.00"}, {"unit", "per month"}, {"currency", "USD"}});
  draft.offering = host.created("/api/v1/offerings", {{"name", name},
                                                      {"specification_ids", {fibre["id"]}},
                                                      {"pricing_ids", {draft.price["id"]}},
                                                      {"sales_channels", {"online"}}});
  return draft;
}

}  // namespace

class AllInOneFlowTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(AllInOneFlowTest);
  CPPUNIT_TEST(testCharacteristicSpecificationAndPriceBackToBack);
  CPPUNIT_TEST(testSrsScenarioFromLoginToRetirement);
  CPPUNIT_TEST(testFailedStepLeavesADraftAndNothingInTheStore);
  CPPUNIT_TEST(testEveryContextIsServedThroughTheGatewayInProcess);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testCharacteristicSpecificationAndPriceBackToBack() {
    AllInOne host;
    for (int i = 0; i < 10; ++i) {
      const std::string n = std::to_string(i);
      const Json speed =
          host.created("/api/v1/characteristics",
                       {{"name", "Speed " + n}, {"value", "100"}, {"unit_of_measure", "Mbps"}});
      const Json specification =
          host.created("/api/v1/specifications",
                       {{"name", "Fibre " + n}, {"characteristic_ids", {speed["id"]}}});
      const Json price = host.created(
          "/api/v1/prices",
          {{"name", "Monthly " + n}, {"value", "50"}, {"unit", "per month"}, {"currency", "USD"}});

      CPPUNIT_ASSERT_EQUAL(speed["name"], specification["characteristics"][0]["name"]);
      CPPUNIT_ASSERT_EQUAL(std::string("50.00"), price.value("value", ""));
      const HttpResult got =
          host.call("GET", "/api/v1/specifications/" + specification["id"].get<std::string>());
      CPPUNIT_ASSERT_EQUAL(std::string("Mbps"),
                           got.json["characteristics"][0].value("unit_of_measure", ""));
    }
  }

  // SRS §5.5 over HTTP against the shipped all-in-one host: log in, build, publish, find it in
  // the store by text, price and characteristic, retire it, and see it gone.
  void testSrsScenarioFromLoginToRetirement() {
    AllInOne host;
    const SrsDraft draft = srsDraft(host, "High-speed Home");
    const Json& speed = draft.speed;
    const Json& offering = draft.offering;
    const std::string id = offering["id"];
    const HttpResult publish = host.call("POST", "/api/v1/offerings/" + id + "/publish");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(publish.text, 202, publish.status);

    const std::string in_store = "/api/v1/store/offerings/" + id;
    HttpResult shown;
    CPPUNIT_ASSERT(eventually([&] {
      shown = host.call("GET", in_store);
      return shown.status == 200;
    }));
    CPPUNIT_ASSERT_EQUAL(Json("High-speed Home"), shown.json["name"]);
    CPPUNIT_ASSERT_EQUAL(
        (Json{{"id", speed["id"]}, {"name", "Speed"}, {"value", "100"}, {"unit", "Mbps"}}),
        shown.json["specifications"][0]["characteristics"][0]);
    CPPUNIT_ASSERT_EQUAL(Json("50.00"), shown.json["pricing"][0]["value"]);
    for (const char* query :
         {"q=high-speed", "max_price=100&currency=USD", "characteristic=Speed:%3E50Mbps",
          "q=high-speed&max_price=100&characteristic=Speed:%3E50Mbps"}) {
      const HttpResult found = host.call("GET", std::string("/api/v1/store/search?") + query);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(found.text, Json(1), found.json["total"]);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(query, Json(id), found.json["items"][0]["id"]);
    }

    const HttpResult retired = host.call("POST", "/api/v1/offerings/" + id + "/retire");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(retired.text, 200, retired.status);
    CPPUNIT_ASSERT(eventually([&] { return host.call("GET", in_store).status == 404; }));
    CPPUNIT_ASSERT_EQUAL(Json(0),
                         host.call("GET", "/api/v1/store/search?q=high-speed").json["total"]);
  }

  // A step fails (another saga holds the price): the offering is back in DRAFT with the reason,
  // this saga holds no lock, nothing is in the store; once the price is free it publishes.
  void testFailedStepLeavesADraftAndNothingInTheStore() {
    AllInOne host;
    const SrsDraft draft = srsDraft(host, "Fibre Home");
    const Json& price = draft.price;
    const std::string price_path = "/api/v1/prices/" + price["id"].get<std::string>();
    const Json& offering = draft.offering;
    const std::string path = "/api/v1/offerings/" + offering["id"].get<std::string>();
    const HttpResult held = host.call("POST", "/api/v1/prices/locks",
                                      {{"saga_id", "other"}, {"price_ids", {price["id"]}}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(held.text, 200, held.status);

    const HttpResult publish = host.call("POST", path + "/publish");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(publish.text, 202, publish.status);
    Json reverted;
    CPPUNIT_ASSERT(eventually([&] {
      reverted = host.call("GET", path).json;
      return reverted.value("lifecycle_status", "") == "DRAFT";
    }));
    CPPUNIT_ASSERT_MESSAGE(reverted.dump(), reverted["failure_reason"].is_string());
    CPPUNIT_ASSERT_EQUAL(Json("other"), host.call("GET", price_path).json["locked_by_saga_id"]);
    CPPUNIT_ASSERT_EQUAL(
        404,
        host.call("GET", "/api/v1/store/offerings/" + offering["id"].get<std::string>()).status);
    CPPUNIT_ASSERT_EQUAL(Json(0), host.call("GET", "/api/v1/store/search").json["total"]);

    CPPUNIT_ASSERT_EQUAL(200, host.call("DELETE", "/api/v1/prices/locks/other").status);
    CPPUNIT_ASSERT_EQUAL(202, host.call("POST", path + "/publish").status);
    CPPUNIT_ASSERT(
        eventually([&] { return host.call("GET", "/api/v1/store/search").json["total"] == 1; }));
    CPPUNIT_ASSERT(
        eventually([&] { return host.call("GET", price_path).json["locked"] == false; }));
  }

  // One port, the gateway's front door, every context behind it in this process: the requests
  // above went through it, and no context is remote or missing.
  void testEveryContextIsServedThroughTheGatewayInProcess() {
    AllInOne host;
    const HttpResult answer = httpRequest(host.port(), "GET", "/health/dependencies");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(answer.text, 200, answer.status);
    CPPUNIT_ASSERT_EQUAL(Json("healthy"), answer.json["status"]);
    const Json& dependencies = answer.json["dependencies"];
    for (const char* context :
         {"identity", "characteristic", "specification", "pricing", "offering", "store"}) {
      CPPUNIT_ASSERT_EQUAL_MESSAGE(context, Json("in-process"),
                                   dependencies[context].value("location", Json()));
    }
    CPPUNIT_ASSERT(!dependencies.contains("engine"));  // the host answers /engine-rest itself
    const HttpResult page = httpRequest(host.port(), "GET", "/api/v1/nowhere");
    CPPUNIT_ASSERT_EQUAL(404, page.status);
    CPPUNIT_ASSERT_EQUAL(Json("NOT_FOUND"), page.json["error"]["code"]);
    // A '%' in a path reaches the context behind the gateway as the character it encodes.
    const HttpResult percent = host.call("GET", "/api/v1/characteristics/100%25");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(percent.text, 404, percent.status);
    CPPUNIT_ASSERT(percent.json["error"]["message"].get<std::string>().find("100%") !=
                   std::string::npos);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AllInOneFlowTest);

}  // namespace catalog::test
