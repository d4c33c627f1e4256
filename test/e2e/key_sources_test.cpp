// Where a host without identity gets the keys to verify tokens: a JWKS file, or identity's JWKS
// fetched over HTTP from another catalogd — the split deployment's way.
#include <cppunit/extensions/HelperMacros.h>

#include <fstream>
#include <map>
#include <string>

#include "support/catalogd_process.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {
namespace {

constexpr const char* kList = "/api/v1/characteristics";

CatalogdProcess::Options characteristicHost(const TempDir& dir,
                                            std::map<std::string, std::string> env) {
  return {{"--plugins=characteristic", "--data-dir=" + dir.file("var")},
          std::move(env),
          dir.file("characteristic.log")};
}

std::map<std::string, std::string> bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

}  // namespace

class KeySourcesTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(KeySourcesTest);
  CPPUNIT_TEST(testJwksFileVerifiesByKid);
  CPPUNIT_TEST(testJwksUrlOfARemoteIdentityVerifiesItsTokens);
  CPPUNIT_TEST(testUnreadableKeyFileStopsTheHost);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testJwksFileVerifiesByKid() {
    TempDir dir;
    const TestIssuer& issuer = TestIssuer::instance();
    std::ofstream(dir.file("jwks.json")) << issuer.jwks();
    CatalogdProcess host(
        characteristicHost(dir, {{"CATALOG_SECURITY_JWKS_FILE", dir.file("jwks.json")}}));
    CPPUNIT_ASSERT_EQUAL(200,
                         httpRequest(host.port(), "GET", kList, "", issuer.bearer("USER")).status);
    CPPUNIT_ASSERT_EQUAL(
        401,
        httpRequest(host.port(), "GET", kList, "", bearer(issuer.tokenWithUnknownKid({}))).status);
  }

  void testJwksUrlOfARemoteIdentityVerifiesItsTokens() {
    TempDir identity_dir;
    CatalogdProcess identity({{"--plugins=identity", "--data-dir=" + identity_dir.file("var")},
                              {{"CATALOG_ADMIN_PASSWORD", "remote-admin-password"}},
                              identity_dir.file("identity.log")});
    TempDir dir;
    CatalogdProcess host(characteristicHost(
        dir, {{"CATALOG_SECURITY_JWKS_URL",
               "http://127.0.0.1:" + std::to_string(identity.port()) + "/.well-known/jwks.json"}}));

    const HttpResult login =
        httpRequest(identity.port(), "POST", "/api/v1/auth/login",
                    R"({"username":"admin","password":"remote-admin-password"})");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(login.text, 200, login.status);
    const std::string token = login.json.value("access_token", "");
    const HttpResult created =
        httpRequest(host.port(), "POST", kList,
                    R"({"name":"Speed","value":"100","unit_of_measure":"Mbps"})", bearer(token));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(created.text, 201, created.status);
    // The test issuer's key is not identity's: its tokens name a kid the JWKS doesn't have.
    CPPUNIT_ASSERT_EQUAL(
        401,
        httpRequest(host.port(), "GET", kList, "", TestIssuer::instance().bearer("ADMIN")).status);
  }

  void testUnreadableKeyFileStopsTheHost() {
    TempDir dir;
    CatalogdProcess::Options options =
        characteristicHost(dir, {{"CATALOG_SECURITY_PUBLIC_KEY_FILE", dir.file("missing.pem")}});
    options.wait_ready = false;
    CatalogdProcess host(std::move(options));
    CPPUNIT_ASSERT_EQUAL(78, host.waitExit());
    CPPUNIT_ASSERT(host.logs().find("cannot read the token signing keys") != std::string::npos);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(KeySourcesTest);

}  // namespace catalog::test
