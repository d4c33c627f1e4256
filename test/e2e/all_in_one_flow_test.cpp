// The all-in-one host exactly as shipped (etc/catalog.properties, identity issuing the tokens):
// an admin signs in and builds characteristic → specification → price back to back, with no
// retry anywhere in the client (issue 4's "done when").
#include <cppunit/extensions/HelperMacros.h>

#include <map>
#include <string>

#include "support/assertions.hpp"
#include "support/catalogd_process.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

constexpr const char* kAdminPassword = "all-in-one-admin-password";

class AllInOne {
 public:
  AllInOne()
      : catalogd_(
            {{"--config=" + std::string(CATALOG_BINARY_DIR) + "/etc/catalog/catalog.properties",
              "--data-dir=" + dir_.file("var")},
             {{"CATALOG_ADMIN_PASSWORD", kAdminPassword}},
             dir_.file("catalogd.log")}) {
    const HttpResult login =
        httpRequest(catalogd_.port(), "POST", "/api/v1/auth/login",
                    Json{{"username", "admin"}, {"password", kAdminPassword}}.dump(),
                    {{"Content-Type", "application/json"}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(login.text, 200, login.status);
    token_ = login.json.value("access_token", "");
  }

  HttpResult call(const std::string& method, const std::string& path, const Json& body = Json()) {
    return httpRequest(
        catalogd_.port(), method, path, body.is_null() ? "" : body.dump(),
        {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/json"}});
  }

  Json created(const std::string& path, const Json& body) {
    const HttpResult result = call("POST", path, body);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(path + ": " + result.text, 201, result.status);
    return result.json;
  }

 private:
  TempDir dir_;
  CatalogdProcess catalogd_;
  std::string token_;
};

}  // namespace

class AllInOneFlowTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(AllInOneFlowTest);
  CPPUNIT_TEST(testCharacteristicSpecificationAndPriceBackToBack);
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
};

CPPUNIT_TEST_SUITE_REGISTRATION(AllInOneFlowTest);

}  // namespace catalog::test
