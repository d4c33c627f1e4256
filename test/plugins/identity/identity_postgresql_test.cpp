// The identity plugin on PostgreSQL (CATALOG_IDENTITY_DATABASE_URL): its migrations and queries
// for the dialect the fleet runs on, through a real catalogd and a real server.
#include <cppunit/extensions/HelperMacros.h>

#include <cstdlib>
#include <memory>
#include <set>

#include "catalog/sdk/ids.hpp"
#include "identity_client.hpp"
#include "support/catalogd_process.hpp"
#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

constexpr const char* kUsers = "/api/v1/auth/users";
constexpr const char* kAdminPassword = "postgres-admin-password";

PostgresServer& postgres() {
  static PostgresServer server;
  return server;
}

const std::string& databaseUrl() {
  static const std::string url = postgres().createDatabase("identity");
  return url;
}

TempDir& dataRoot() {
  static TempDir dir;
  return dir;
}

std::unique_ptr<CatalogdProcess> startCatalogd() {
  return std::make_unique<CatalogdProcess>(
      CatalogdProcess::Options{{"--plugins=identity", "--data-dir=" + dataRoot().file("var")},
                               {{"CATALOG_IDENTITY_DATABASE_URL", databaseUrl()},
                                {"CATALOG_ADMIN_PASSWORD", kAdminPassword}},
                               dataRoot().file("catalogd.log")});
}

CatalogdProcess& catalogd() {
  static std::unique_ptr<CatalogdProcess> process = startCatalogd();
  return *process;
}

int port() { return catalogd().port(); }

const std::string& adminToken() {
  static const std::string token = accessTokenOf(login(port(), "admin", kAdminPassword));
  return token;
}

HttpResult asAdmin(const std::string& method, const std::string& path, const Json& body = Json()) {
  return httpRequest(port(), method, path, body.is_null() ? "" : body.dump(), bearer(adminToken()));
}

std::set<std::string> publishedKids() {
  const HttpResult jwks = httpRequest(port(), "GET", "/.well-known/jwks.json");
  std::set<std::string> kids;
  for (const Json& key : jwks.json["keys"]) kids.insert(key.value("kid", ""));
  return kids;
}

}  // namespace

class IdentityPostgresqlTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(IdentityPostgresqlTest);
  CPPUNIT_TEST(testUsersAreCreatedListedFoundAndDeleted);
  CPPUNIT_TEST(testDuplicateUsernameIsConflictRegardlessOfCase);
  CPPUNIT_TEST(testLastAdminCannotBeDeleted);
  CPPUNIT_TEST(testReusedRefreshTokenRevokesItsFamily);
  CPPUNIT_TEST(testChangedPasswordRevokesRefreshTokens);
  CPPUNIT_TEST(testRotatedAndRestartedKeysArePublished);
  CPPUNIT_TEST_SUITE_END();

 public:
  void setUp() override { ::unsetenv("CATALOG_ADMIN_PASSWORD"); }

  void testUsersAreCreatedListedFoundAndDeleted() {
    const HttpResult created =
        asAdmin("POST", kUsers,
                {{"username", "pg.alice"}, {"password", "alice-password"}, {"role", "USER"}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(created.text, 201, created.status);
    const std::string path = std::string(kUsers) + "/" + created.json.value("id", "");
    CPPUNIT_ASSERT_EQUAL(created.json, asAdmin("GET", path).json);
    std::string upper = path;
    for (std::size_t i = std::string(kUsers).size(); i < upper.size(); ++i) {
      upper[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(upper[i])));
    }
    CPPUNIT_ASSERT_EQUAL(200, asAdmin("GET", upper).status);
    const HttpResult list = asAdmin("GET", std::string(kUsers) + "?page_size=100");
    CPPUNIT_ASSERT(list.json.value("total", 0) >= 2);
    CPPUNIT_ASSERT_EQUAL(200, login(port(), "PG.Alice", "alice-password").status);
    CPPUNIT_ASSERT_EQUAL(204, asAdmin("DELETE", path).status);
    CPPUNIT_ASSERT_EQUAL(404, asAdmin("GET", path).status);
    CPPUNIT_ASSERT_EQUAL(404, asAdmin("GET", std::string(kUsers) + "/" + sdk::newUuid()).status);
  }

  void testDuplicateUsernameIsConflictRegardlessOfCase() {
    const Json user = {{"username", "pg.bob"}, {"password", "bob-password"}, {"role", "USER"}};
    CPPUNIT_ASSERT_EQUAL(201, asAdmin("POST", kUsers, user).status);
    Json shouting = user;
    shouting["username"] = "PG.BOB";
    const HttpResult duplicate = asAdmin("POST", kUsers, shouting);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(duplicate.text, 409, duplicate.status);
  }

  void testLastAdminCannotBeDeleted() {
    const std::string admin_id = decodeJwt(adminToken()).payload.value("sub", "");
    const HttpResult last = asAdmin("DELETE", std::string(kUsers) + "/" + admin_id);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(last.text, 409, last.status);
  }

  void testReusedRefreshTokenRevokesItsFamily() {
    const std::string r1 = login(port(), "admin", kAdminPassword).json.value("refresh_token", "");
    const HttpResult second = refresh(port(), r1);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(second.text, 200, second.status);
    const std::string r2 = second.json.value("refresh_token", "");
    CPPUNIT_ASSERT_EQUAL(401, refresh(port(), r1).status);
    CPPUNIT_ASSERT_EQUAL(401, refresh(port(), r2).status);
  }

  void testChangedPasswordRevokesRefreshTokens() {
    const HttpResult created =
        asAdmin("POST", kUsers,
                {{"username", "pg.carol"}, {"password", "carol-password"}, {"role", "USER"}});
    const std::string r1 =
        login(port(), "pg.carol", "carol-password").json.value("refresh_token", "");
    const std::string path = std::string(kUsers) + "/" + created.json.value("id", "") + "/password";
    CPPUNIT_ASSERT_EQUAL(204, asAdmin("PUT", path, {{"password", "carol-new-password"}}).status);
    CPPUNIT_ASSERT_EQUAL(401, refresh(port(), r1).status);
    CPPUNIT_ASSERT_EQUAL(200, login(port(), "pg.carol", "carol-new-password").status);
  }

  void testRotatedAndRestartedKeysArePublished() {
    const std::string old_kid = decodeJwt(adminToken()).header.value("kid", "");
    const HttpResult rotated = asAdmin("POST", "/api/v1/auth/keys/rotate");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(rotated.text, 200, rotated.status);
    const std::string new_kid = rotated.json.value("kid", "");
    CPPUNIT_ASSERT((publishedKids() == std::set<std::string>{old_kid, new_kid}));

    CPPUNIT_ASSERT_EQUAL(0, catalogd().terminate());
    const auto restarted = startCatalogd();
    const HttpResult jwks = httpRequest(restarted->port(), "GET", "/.well-known/jwks.json");
    CPPUNIT_ASSERT_EQUAL(new_kid, jwks.json["keys"][0].value("kid", ""));
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), jwks.json["keys"].size());
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(IdentityPostgresqlTest);

}  // namespace catalog::test
