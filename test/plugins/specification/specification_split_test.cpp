// The specification context in a host of its own (SRS §3.2.2 cross-service validation): the
// characteristic context runs in another catalogd, reachable only over HTTP through
// CATALOG_CHARACTERISTIC_SERVICE_URL. Events do not cross processes, so the specification
// host's characteristic cache is fed only by its lazy loads: what it has loaded once it no
// longer needs to ask for, and what it has never seen it can't confirm without the other host.
#include <cppunit/extensions/HelperMacros.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "catalog/sdk/ids.hpp"
#include "support/assertions.hpp"
#include "support/catalogd_process.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"
#include "support/test_data.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

constexpr const char* kCharacteristics = "/api/v1/characteristics";
constexpr const char* kSpecifications = "/api/v1/specifications";

// A host of `plugins`, trusting the test issuer, with its own data directory under `dir`.
std::unique_ptr<CatalogdProcess> startHost(const TempDir& dir, const std::string& plugins,
                                           const std::map<std::string, std::string>& env = {}) {
  static int hosts = 0;
  const std::string name = plugins + "-" + std::to_string(++hosts);
  CatalogdProcess::Options options{{"--plugins=" + plugins, "--data-dir=" + dir.file(name)},
                                   TestIssuer::instance().hostEnv(),
                                   dir.file(name + ".log")};
  options.env.insert(env.begin(), env.end());
  return std::make_unique<CatalogdProcess>(std::move(options));
}

// A specification host that asks the characteristic host at `characteristic_port`.
std::unique_ptr<CatalogdProcess> startSpecificationHost(const TempDir& dir,
                                                        int characteristic_port) {
  return startHost(dir, "specification",
                   {{"CATALOG_CHARACTERISTIC_SERVICE_URL",
                     "http://127.0.0.1:" + std::to_string(characteristic_port)}});
}

HttpResult asAdmin(int port, const std::string& method, const std::string& path,
                   const Json& body = Json()) {
  return httpRequest(port, method, path, body.is_null() ? "" : body.dump(),
                     TestIssuer::instance().bearer("ADMIN"));
}

Json createCharacteristic(int port, const std::string& value = "100",
                          const std::string& unit = "Mbps") {
  const HttpResult result =
      asAdmin(port, "POST", kCharacteristics,
              {{"name", uniqueName("Speed")}, {"value", value}, {"unit_of_measure", unit}});
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 201, result.status);
  return result.json;
}

HttpResult createSpecification(int port, const std::vector<std::string>& characteristic_ids) {
  return asAdmin(port, "POST", kSpecifications,
                 {{"name", uniqueName("Package")}, {"characteristic_ids", characteristic_ids}});
}

std::int64_t specificationCount(int port) {
  return asAdmin(port, "GET", kSpecifications).json.value("total", std::int64_t{-1});
}

}  // namespace

class SpecificationSplitTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(SpecificationSplitTest);
  CPPUNIT_TEST(testCharacteristicOfTheOtherHostIsUsableAtOnce);
  CPPUNIT_TEST(testUnknownIdsAreNamedExactly);
  CPPUNIT_TEST(testCachedCharacteristicNeedsNoCallWhileTheOtherHostIsDown);
  CPPUNIT_TEST(testLoadedCharacteristicStaysCachedWhenTheRequestFails);
  CPPUNIT_TEST(testHostWithoutCharacteristicUrlIsUnavailableForUncachedIds);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testCharacteristicOfTheOtherHostIsUsableAtOnce() {
    TempDir dir;
    const auto characteristics = startHost(dir, "characteristic");
    const auto specifications = startSpecificationHost(dir, characteristics->port());
    const Json speed = createCharacteristic(characteristics->port(), "2.5", "Gbps");

    const HttpResult created = createSpecification(specifications->port(), {speed["id"]});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(created.text, 201, created.status);
    const Json expected = {{"id", speed["id"]},
                           {"name", speed["name"]},
                           {"value", "2.5"},
                           {"unit_of_measure", "Gbps"}};
    CPPUNIT_ASSERT_EQUAL(expected.dump(), created.json["characteristics"][0].dump());
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, created.json["characteristics"].size());
    const HttpResult read =
        asAdmin(specifications->port(), "GET",
                std::string(kSpecifications) + "/" + created.json.value("id", ""));
    CPPUNIT_ASSERT_EQUAL(200, read.status);
    CPPUNIT_ASSERT_EQUAL(expected.dump(), read.json["characteristics"][0].dump());
  }

  void testUnknownIdsAreNamedExactly() {
    TempDir dir;
    const auto characteristics = startHost(dir, "characteristic");
    const auto specifications = startSpecificationHost(dir, characteristics->port());
    const Json speed = createCharacteristic(characteristics->port());
    const std::string never1 = sdk::newUuid();
    const std::string never2 = sdk::newUuid();

    const HttpResult result =
        createSpecification(specifications->port(), {never1, speed["id"], never2});
    assertError(result, 400, "VALIDATION_ERROR");
    const Json& details = result.json["error"]["details"];
    CPPUNIT_ASSERT_EQUAL(std::string("characteristic_ids"), details.value("field", ""));
    CPPUNIT_ASSERT_EQUAL(Json::array({never1, never2}).dump(), details["unknown_ids"].dump());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, specificationCount(specifications->port()));
  }

  void testCachedCharacteristicNeedsNoCallWhileTheOtherHostIsDown() {
    TempDir dir;
    auto characteristics = startHost(dir, "characteristic");
    const auto specifications = startSpecificationHost(dir, characteristics->port());
    const Json speed = createCharacteristic(characteristics->port());
    const HttpResult first = createSpecification(specifications->port(), {speed["id"]});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(first.text, 201, first.status);

    CPPUNIT_ASSERT_EQUAL(0, characteristics->terminate());
    characteristics.reset();

    const HttpResult cached = createSpecification(specifications->port(), {speed["id"]});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(cached.text, 201, cached.status);
    CPPUNIT_ASSERT_EQUAL(speed.value("name", ""),
                         cached.json["characteristics"][0].value("name", ""));

    const HttpResult unseen =
        createSpecification(specifications->port(), {speed["id"], sdk::newUuid()});
    assertError(unseen, 503, "SERVICE_UNAVAILABLE");
    CPPUNIT_ASSERT_EQUAL(std::string("characteristic"),
                         unseen.json["error"]["details"].value("service", ""));
    // A replacement needs the same confirmation, and nothing changes without it.
    const std::string path = std::string(kSpecifications) + "/" + first.json.value("id", "");
    assertError(asAdmin(specifications->port(), "PUT", path,
                        {{"name", first.json["name"]},
                         {"characteristic_ids", Json::array({speed["id"], sdk::newUuid()})},
                         {"version", 1}}),
                503, "SERVICE_UNAVAILABLE");
    CPPUNIT_ASSERT_EQUAL(first.json.dump(),
                         asAdmin(specifications->port(), "GET", path).json.dump());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, specificationCount(specifications->port()));
  }

  void testLoadedCharacteristicStaysCachedWhenTheRequestFails() {
    TempDir dir;
    auto characteristics = startHost(dir, "characteristic");
    const auto specifications = startSpecificationHost(dir, characteristics->port());
    const Json speed = createCharacteristic(characteristics->port());
    assertError(createSpecification(specifications->port(), {speed["id"], sdk::newUuid()}), 400,
                "VALIDATION_ERROR");

    CPPUNIT_ASSERT_EQUAL(0, characteristics->terminate());
    characteristics.reset();
    const HttpResult created = createSpecification(specifications->port(), {speed["id"]});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(created.text, 201, created.status);
  }

  void testHostWithoutCharacteristicUrlIsUnavailableForUncachedIds() {
    TempDir dir;
    const auto specifications = startHost(dir, "specification");
    const HttpResult result = createSpecification(specifications->port(), {sdk::newUuid()});
    assertError(result, 503, "SERVICE_UNAVAILABLE");
    CPPUNIT_ASSERT_EQUAL(std::string("characteristic"),
                         result.json["error"]["details"].value("service", ""));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, specificationCount(specifications->port()));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SpecificationSplitTest);

}  // namespace catalog::test
