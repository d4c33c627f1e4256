// The identity plugin across process lifetimes and configurations: the first admin's password,
// key reuse across restarts, configured keys, demo seed users, the address limit, and
// configuration errors that must stop the host.
#include <cppunit/extensions/HelperMacros.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <memory>

#include "identity_client.hpp"
#include "support/catalogd_process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

constexpr const char* kPasswordFile = "var/initial-admin-password";
constexpr const char* kKeyFile = "var/identity-signing-key.pem";

std::unique_ptr<CatalogdProcess> start(const TempDir& dir,
                                       const std::map<std::string, std::string>& env = {},
                                       std::vector<std::string> args = {}) {
  args.push_back("--plugins=identity");
  args.push_back("--data-dir=" + dir.file("var"));
  return std::make_unique<CatalogdProcess>(
      CatalogdProcess::Options{args, env, dir.file("catalogd.log")});
}

// Starts catalogd expecting it to refuse to start; returns its log.
std::string startRefused(const TempDir& dir, const std::map<std::string, std::string>& env) {
  CatalogdProcess process({{"--plugins=identity", "--data-dir=" + dir.file("var")},
                           env,
                           dir.file("catalogd.log"),
                           0,
                           false});
  CPPUNIT_ASSERT(process.waitExit() != 0);
  return process.logs();
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

std::string jwksText(int port) { return httpRequest(port, "GET", "/.well-known/jwks.json").text; }

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

class IdentityLifecycleTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(IdentityLifecycleTest);
  CPPUNIT_TEST(testAdminPasswordFromTheEnvironmentIsUsedAndNoFileIsWritten);
  CPPUNIT_TEST(testUnacceptableAdminPasswordStopsTheHost);
  CPPUNIT_TEST(testRestartReusesKeyAndAdminSoEarlierTokensStayValid);
  CPPUNIT_TEST(testConfiguredKeySignsAndIsNotRotatedHere);
  CPPUNIT_TEST(testSeedUsersAreCreatedOnlyWhenConfigured);
  CPPUNIT_TEST(testDemoProfileSeedsItsUsers);
  CPPUNIT_TEST(testAddressLimitThrottlesASprayOverUsernames);
  CPPUNIT_TEST(testMalformedIdentitySettingStopsTheHost);
  CPPUNIT_TEST(testConfiguredLifetimeIsTheTokensLifetime);
  CPPUNIT_TEST_SUITE_END();

 public:
  void setUp() override { ::unsetenv("CATALOG_ADMIN_PASSWORD"); }

  void testAdminPasswordFromTheEnvironmentIsUsedAndNoFileIsWritten() {
    TempDir dir;
    const std::string password = "env-admin-password-1";
    auto catalogd = start(dir, {{"CATALOG_ADMIN_PASSWORD", password}});
    const HttpResult result = login(catalogd->port(), "admin", password);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 200, result.status);
    CPPUNIT_ASSERT(!fileExists(dir.file(kPasswordFile)));
    const std::string logs = catalogd->logs();
    CPPUNIT_ASSERT_MESSAGE(logs, contains(logs, "CATALOG_ADMIN_PASSWORD"));
    CPPUNIT_ASSERT(!contains(logs, password));
    CPPUNIT_ASSERT(!contains(logs, result.json.value("access_token", "")));
  }

  void testUnacceptableAdminPasswordStopsTheHost() {
    TempDir dir;
    const std::string logs = startRefused(dir, {{"CATALOG_ADMIN_PASSWORD", "tiny7"}});
    CPPUNIT_ASSERT_MESSAGE(logs, contains(logs, "CATALOG_ADMIN_PASSWORD must be at least 8"));
    CPPUNIT_ASSERT(!contains(logs, "tiny7"));
  }

  void testRestartReusesKeyAndAdminSoEarlierTokensStayValid() {
    TempDir dir;
    auto first = start(dir);
    const std::string password = trimmed(fileContent(dir.file(kPasswordFile)));
    const std::string token = accessTokenOf(login(first->port(), "admin", password));
    const std::string kid = decodeJwt(token).header.value("kid", "");
    const std::string key_file = fileContent(dir.file(kKeyFile));
    CPPUNIT_ASSERT_EQUAL(0, first->terminate());
    first.reset();

    auto second = start(dir);
    CPPUNIT_ASSERT_EQUAL(key_file, fileContent(dir.file(kKeyFile)));
    CPPUNIT_ASSERT_EQUAL(password, trimmed(fileContent(dir.file(kPasswordFile))));
    const Json jwks = Json::parse(jwksText(second->port()));
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), jwks["keys"].size());
    CPPUNIT_ASSERT_EQUAL(kid, jwks["keys"][0].value("kid", ""));
    const HttpResult pem = httpRequest(second->port(), "GET", "/api/v1/auth/public-key");
    CPPUNIT_ASSERT(verifiesWith(token, pem.text));
    // Depends on the host verifying tokens against identity's JWKS.
    CPPUNIT_ASSERT_EQUAL(
        200, httpRequest(second->port(), "GET", "/api/v1/auth/users", "", bearer(token)).status);
    CPPUNIT_ASSERT_EQUAL(200, login(second->port(), "admin", password).status);
  }

  void testConfiguredKeySignsAndIsNotRotatedHere() {
    TempDir dir;
    const TestIssuer& issuer = TestIssuer::instance();
    // The issuer's key, in a file others may read: it is used, with a warning.
    const std::string key_file = dir.file("signing-key.pem");
    std::ofstream(key_file) << fileContent(issuer.privateKeyFile());
    ::chmod(key_file.c_str(), 0644);
    auto catalogd = start(dir, {{"CATALOG_IDENTITY_SIGNINGKEYFILE", key_file},
                                {"CATALOG_ADMIN_PASSWORD", "configured-key-admin"}});

    const std::string token =
        accessTokenOf(login(catalogd->port(), "admin", "configured-key-admin"));
    CPPUNIT_ASSERT_EQUAL(issuer.kid(), decodeJwt(token).header.value("kid", ""));
    CPPUNIT_ASSERT(verifiesWith(token, fileContent(issuer.publicKeyFile())));
    CPPUNIT_ASSERT(contains(jwksText(catalogd->port()), issuer.kid()));
    CPPUNIT_ASSERT(!fileExists(dir.file(kKeyFile)));

    const HttpResult rotate =
        httpRequest(catalogd->port(), "POST", "/api/v1/auth/keys/rotate", "", bearer(token));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(rotate.text, 409, rotate.status);
    CPPUNIT_ASSERT(contains(rotate.json["error"].value("message", ""), "configuration"));
    const std::string logs = catalogd->logs();
    CPPUNIT_ASSERT_MESSAGE(logs, contains(logs, key_file + " is readable by its group or others"));
    CPPUNIT_ASSERT(!contains(logs, "PRIVATE KEY"));
  }

  void testSeedUsersAreCreatedOnlyWhenConfigured() {
    TempDir dir;
    auto seeded = start(dir, {{"CATALOG_IDENTITY_SEEDUSERS",
                               "boss:ADMIN:boss-password, reader:USER:reader-password"}});
    const DecodedJwt boss =
        decodeJwt(accessTokenOf(login(seeded->port(), "boss", "boss-password")));
    CPPUNIT_ASSERT_EQUAL(std::string("ADMIN"), boss.payload.value("role", ""));
    const DecodedJwt reader =
        decodeJwt(accessTokenOf(login(seeded->port(), "reader", "reader-password")));
    CPPUNIT_ASSERT_EQUAL(std::string("USER"), reader.payload.value("role", ""));
    // A seeded ADMIN is the admin: no generated one.
    CPPUNIT_ASSERT(!fileExists(dir.file(kPasswordFile)));
    const std::string logs = seeded->logs();
    CPPUNIT_ASSERT_MESSAGE(logs, contains(logs, "seeded the user 'reader' (USER)"));
    CPPUNIT_ASSERT(!contains(logs, "reader-password") && !contains(logs, "boss-password"));
    seeded->terminate();

    TempDir plain_dir;
    auto plain = start(plain_dir);
    CPPUNIT_ASSERT_EQUAL(401, login(plain->port(), "reader", "reader-password").status);
  }

  void testDemoProfileSeedsItsUsers() {
    TempDir dir;
    auto demo = start(dir, {}, {"--config=" CATALOG_SOURCE_DIR "/etc/demo.properties"});
    CPPUNIT_ASSERT_EQUAL(200, login(demo->port(), "admin", "demo-admin").status);
    CPPUNIT_ASSERT_EQUAL(200, login(demo->port(), "user", "demo-user").status);
  }

  void testAddressLimitThrottlesASprayOverUsernames() {
    TempDir dir;
    auto catalogd = start(dir, {{"CATALOG_IDENTITY_LOGIN_MAXFAILURESPERADDRESS", "3"},
                                {"CATALOG_ADMIN_PASSWORD", "address-limit-admin"}});
    for (const char* username : {"spray-1", "spray-2", "spray-3"}) {
      CPPUNIT_ASSERT_EQUAL(401, login(catalogd->port(), username, "guess-1234").status);
    }
    const HttpResult throttled = login(catalogd->port(), "admin", "address-limit-admin");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(throttled.text, 429, throttled.status);
    CPPUNIT_ASSERT_EQUAL(std::string("TOO_MANY_REQUESTS"),
                         throttled.json["error"].value("code", ""));
    const int retry_after = std::stoi(throttled.headers.at("retry-after"));
    CPPUNIT_ASSERT(retry_after >= 1 && retry_after <= 300);
  }

  void testMalformedIdentitySettingStopsTheHost() {
    TempDir dir;
    const std::string logs = startRefused(dir, {{"CATALOG_IDENTITY_ACCESSTOKENSECONDS", "1h"}});
    CPPUNIT_ASSERT_MESSAGE(logs, contains(logs, "identity.accessTokenSeconds"));
    TempDir other;
    const std::string key_logs =
        startRefused(other, {{"CATALOG_IDENTITY_SIGNINGKEYFILE", other.file("missing.pem")}});
    CPPUNIT_ASSERT_MESSAGE(key_logs, contains(key_logs, other.file("missing.pem")));
  }

  void testConfiguredLifetimeIsTheTokensLifetime() {
    TempDir dir;
    auto catalogd = start(dir, {{"CATALOG_IDENTITY_ACCESSTOKENSECONDS", "600"},
                                {"CATALOG_ADMIN_PASSWORD", "lifetime-admin-pw"}});
    const HttpResult result = login(catalogd->port(), "admin", "lifetime-admin-pw");
    CPPUNIT_ASSERT_EQUAL(600, result.json.value("expires_in", 0));
    const Json claims = decodeJwt(accessTokenOf(result)).payload;
    CPPUNIT_ASSERT_EQUAL(std::int64_t(600),
                         claims["exp"].get<std::int64_t>() - claims["iat"].get<std::int64_t>());
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(IdentityLifecycleTest);

}  // namespace catalog::test
