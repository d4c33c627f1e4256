// SRS §3.2.6 over HTTP, against one real catalogd with the identity plugin on a generated key
// and the first admin's password generated into the data directory.
#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <set>
#include <vector>

#include "catalog/sdk/ids.hpp"
#include "identity_client.hpp"
#include "support/assertions.hpp"
#include "support/catalogd_process.hpp"
#include "support/eventually.hpp"
#include "support/temp_dir.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

constexpr const char* kUsers = "/api/v1/auth/users";
constexpr int kMaxFailuresPerUser = 3;

TempDir& dataRoot() {
  static TempDir dir;
  return dir;
}

std::string dataFile(const std::string& name) { return dataRoot().file("var/" + name); }

CatalogdProcess& catalogd() {
  static CatalogdProcess process = [] {
    ::unsetenv("CATALOG_ADMIN_PASSWORD");  // this suite is about the generated one
    return CatalogdProcess(
        {{"--plugins=identity,characteristic", "--data-dir=" + dataRoot().file("var")},
         // The suite's failed logins all come from 127.0.0.1; only the per-user limit is
         // exercised here (the address limit has its own process in identity_lifecycle_test).
         {{"CATALOG_IDENTITY_LOGIN_MAXFAILURESPERUSER", std::to_string(kMaxFailuresPerUser)},
          {"CATALOG_IDENTITY_LOGIN_MAXFAILURESPERADDRESS", "1000"}},
         dataRoot().file("catalogd.log")});
  }();
  return process;
}

int port() { return catalogd().port(); }

// Every password and token the suite handles, so the last test can look for them in the log.
std::vector<std::string>& secrets() {
  static std::vector<std::string> all;
  return all;
}

const std::string& remember(const std::string& secret) { return secrets().emplace_back(secret); }

HttpResult rememberTokens(HttpResult result) {
  if (result.status == 200) {
    remember(result.json.value("access_token", ""));
    remember(result.json.value("refresh_token", ""));
  }
  return result;
}

HttpResult loginAs(const std::string& username, const std::string& password) {
  return rememberTokens(login(port(), username, password));
}

HttpResult refreshWith(const std::string& refresh_token) {
  return rememberTokens(refresh(port(), refresh_token));
}

const std::string& adminPassword() {
  static const std::string password = [] {
    std::string text = fileContent(dataFile("initial-admin-password"));
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return remember(text);
  }();
  return password;
}

// One admin login for the whole suite: each costs a bcrypt.
const std::string& adminToken() {
  static const std::string token = accessTokenOf(loginAs("admin", adminPassword()));
  return token;
}

HttpResult asAdmin(const std::string& method, const std::string& path, const Json& body = Json()) {
  return httpRequest(port(), method, path, body.is_null() ? "" : body.dump(), bearer(adminToken()));
}

std::string uniqueUsername(const std::string& base) {
  static std::atomic<int> counter{0};
  return base + "-" + std::to_string(++counter);
}

// A new user; returns it as the API answered.
Json createUser(const std::string& username, const std::string& password,
                const std::string& role = "USER") {
  remember(password);
  const HttpResult created =
      asAdmin("POST", kUsers, {{"username", username}, {"password", password}, {"role", role}});
  CPPUNIT_ASSERT_EQUAL_MESSAGE(created.text, 201, created.status);
  return created.json;
}

std::string userPath(const Json& user) {
  return std::string(kUsers) + "/" + user["id"].get<std::string>();
}

void assertRefusedField(const HttpResult& result, const std::string& field) {
  assertError(result, 400, "VALIDATION_ERROR");
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, field,
                               result.json["error"]["details"].value("field", ""));
}

std::set<std::string> publishedKids() {
  const HttpResult jwks = httpRequest(port(), "GET", "/.well-known/jwks.json");
  CPPUNIT_ASSERT_EQUAL(200, jwks.status);
  std::set<std::string> kids;
  for (const Json& key : jwks.json["keys"]) kids.insert(key.value("kid", ""));
  return kids;
}

std::string publicKeyPem() {
  const HttpResult pem = httpRequest(port(), "GET", "/api/v1/auth/public-key");
  CPPUNIT_ASSERT_EQUAL(200, pem.status);
  return pem.text;
}

std::int64_t secondsSinceEpoch() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

class IdentityApiTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(IdentityApiTest);
  CPPUNIT_TEST(testInitialAdminPasswordIsInAPrivateFileTheLogPointsTo);
  CPPUNIT_TEST(testGeneratedSigningKeyFileIsPrivate);
  CPPUNIT_TEST(testLoginWithJsonIssuesUncachedBearerTokens);
  CPPUNIT_TEST(testLoginWithOAuth2PasswordFormIssuesTokens);
  CPPUNIT_TEST(testFormWithAnotherGrantTypeIsBadRequest);
  CPPUNIT_TEST(testLoginWithoutPasswordIsBadRequestNamingTheField);
  CPPUNIT_TEST(testUnknownUserAndWrongPasswordGetTheSameAnswer);
  CPPUNIT_TEST(testAccessTokenIsAnRs256JwtWithTheSpecifiedClaims);
  CPPUNIT_TEST(testAccessTokenVerifiesWithThePublishedPublicKey);
  CPPUNIT_TEST(testJwksPublishesTheSigningKeyAsAnRs256Jwk);
  CPPUNIT_TEST(testRefreshIssuesANewPairAndANewRefreshToken);
  CPPUNIT_TEST(testRefreshWithOAuth2FormWorks);
  CPPUNIT_TEST(testReusedRefreshTokenIsRefusedAndRevokesItsFamily);
  CPPUNIT_TEST(testUnknownRefreshTokenIsUnauthorized);
  CPPUNIT_TEST(testCreatedUserCanLogInAndIsListedWithoutItsHash);
  CPPUNIT_TEST(testDuplicateUsernameIsConflictRegardlessOfCase);
  CPPUNIT_TEST(testInvalidUserFieldsAreBadRequestNamingTheField);
  CPPUNIT_TEST(testUserListIsPaginated);
  CPPUNIT_TEST(testUnknownOrMalformedUserIdIsNotFound);
  CPPUNIT_TEST(testChangedPasswordEndsTheOldPasswordAndRefreshTokens);
  CPPUNIT_TEST(testDeletedUserCanNeitherLogInNorRefresh);
  CPPUNIT_TEST(testLastAdminCannotBeDeleted);
  CPPUNIT_TEST(testAdminRoutesWithoutATokenAreUnauthorized);
  CPPUNIT_TEST(testAdminRoutesWithAUserTokenAreForbidden);
  CPPUNIT_TEST(testIssuedTokenIsAcceptedByTheHostForOtherContexts);
  CPPUNIT_TEST(testRepeatedFailedLoginsAreThrottledWithRetryAfter);
  CPPUNIT_TEST(testSuccessfulLoginClearsTheUsernamesFailures);
  CPPUNIT_TEST(testRotationPublishesBothKeysAndSignsWithTheNewOne);
  CPPUNIT_TEST(testLogHoldsNoPasswordOrToken);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testInitialAdminPasswordIsInAPrivateFileTheLogPointsTo() {
    const std::string file = dataFile("initial-admin-password");
    catalogd();
    CPPUNIT_ASSERT_EQUAL(mode_t(0600), fileMode(file));
    CPPUNIT_ASSERT(adminPassword().size() >= 20);
    const std::string logs = catalogd().logs();
    CPPUNIT_ASSERT_MESSAGE(logs, logs.find(file) != std::string::npos);
    CPPUNIT_ASSERT(logs.find(adminPassword()) == std::string::npos);
  }

  void testGeneratedSigningKeyFileIsPrivate() {
    catalogd();
    CPPUNIT_ASSERT_EQUAL(mode_t(0600), fileMode(dataFile("identity-signing-key.pem")));
  }

  void testLoginWithJsonIssuesUncachedBearerTokens() {
    const HttpResult result = loginAs("admin", adminPassword());
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 200, result.status);
    CPPUNIT_ASSERT_EQUAL(std::string("Bearer"), result.json.value("token_type", ""));
    CPPUNIT_ASSERT_EQUAL(3600, result.json.value("expires_in", 0));
    CPPUNIT_ASSERT(!result.json.value("access_token", "").empty());
    CPPUNIT_ASSERT(result.json.value("refresh_token", "").size() >= 43);
    CPPUNIT_ASSERT_EQUAL(std::string("no-store"), result.headers.at("cache-control"));
  }

  void testLoginWithOAuth2PasswordFormIssuesTokens() {
    const HttpResult result = rememberTokens(postForm(
        port(), "/api/v1/auth/login",
        {{"grant_type", "password"}, {"username", "admin"}, {"password", adminPassword()}}));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 200, result.status);
    CPPUNIT_ASSERT_EQUAL(std::string("Bearer"), result.json.value("token_type", ""));
    CPPUNIT_ASSERT_EQUAL(3, decodeJwt(result.json.value("access_token", "")).parts);
  }

  void testFormWithAnotherGrantTypeIsBadRequest() {
    const HttpResult result =
        postForm(port(), "/api/v1/auth/login",
                 {{"grant_type", "client_credentials"}, {"username", "admin"}, {"password", "x"}});
    assertRefusedField(result, "grant_type");
  }

  void testLoginWithoutPasswordIsBadRequestNamingTheField() {
    assertRefusedField(
        httpRequest(port(), "POST", "/api/v1/auth/login", Json{{"username", "admin"}}.dump()),
        "password");
    assertRefusedField(postForm(port(), "/api/v1/auth/login", {{"password", "whatever1"}}),
                       "username");
    assertError(httpRequest(port(), "POST", "/api/v1/auth/login", "[1]"), 400, "VALIDATION_ERROR");
  }

  void testUnknownUserAndWrongPasswordGetTheSameAnswer() {
    const HttpResult unknown = loginAs(uniqueUsername("nobody"), "some-password");
    const HttpResult wrong = loginAs("admin", "not-the-password");
    assertError(unknown, 401, "UNAUTHORIZED");
    assertError(wrong, 401, "UNAUTHORIZED");
    CPPUNIT_ASSERT_EQUAL(unknown.json["error"].value("message", ""),
                         wrong.json["error"].value("message", ""));
    CPPUNIT_ASSERT(unknown.json["error"]["details"].empty());
    CPPUNIT_ASSERT(wrong.json["error"]["details"].empty());
  }

  void testAccessTokenIsAnRs256JwtWithTheSpecifiedClaims() {
    const std::int64_t before = secondsSinceEpoch();
    const DecodedJwt jwt = decodeJwt(adminToken());
    CPPUNIT_ASSERT_EQUAL(3, jwt.parts);
    CPPUNIT_ASSERT_EQUAL(std::string("RS256"), jwt.header.value("alg", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("JWT"), jwt.header.value("typ", ""));
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), publishedKids().count(jwt.header.value("kid", "")));
    const Json& claims = jwt.payload;
    CPPUNIT_ASSERT(sdk::isUuid(claims.value("sub", "")));
    CPPUNIT_ASSERT_EQUAL(std::string("admin"), claims.value("username", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("ADMIN"), claims.value("role", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("catalog-identity"), claims.value("iss", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("catalog-api"), claims.value("aud", ""));
    CPPUNIT_ASSERT(sdk::isUuid(claims.value("jti", "")));
    CPPUNIT_ASSERT(claims["iat"].is_number_integer() && claims["exp"].is_number_integer());
    const std::int64_t iat = claims["iat"].get<std::int64_t>();
    CPPUNIT_ASSERT_EQUAL(std::int64_t(3600), claims["exp"].get<std::int64_t>() - iat);
    CPPUNIT_ASSERT(iat <= before + 5 && iat >= before - 600);
  }

  void testAccessTokenVerifiesWithThePublishedPublicKey() {
    const HttpResult pem = httpRequest(port(), "GET", "/api/v1/auth/public-key");
    CPPUNIT_ASSERT_EQUAL(200, pem.status);
    CPPUNIT_ASSERT_EQUAL(std::string("application/x-pem-file"), pem.headers.at("content-type"));
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), pem.text.find("-----BEGIN PUBLIC KEY-----"));
    const std::string token = accessTokenOf(loginAs("admin", adminPassword()));
    CPPUNIT_ASSERT(verifiesWith(token, pem.text));
    std::string tampered = token;
    tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'A' ? 'B' : 'A';
    CPPUNIT_ASSERT(!verifiesWith(tampered, pem.text));
  }

  void testJwksPublishesTheSigningKeyAsAnRs256Jwk() {
    const HttpResult jwks = httpRequest(port(), "GET", "/.well-known/jwks.json");
    CPPUNIT_ASSERT_EQUAL(200, jwks.status);
    CPPUNIT_ASSERT(jwks.headers.at("cache-control").find("max-age=60") != std::string::npos);
    CPPUNIT_ASSERT(!jwks.json["keys"].empty());
    const Json& key = jwks.json["keys"][0];
    CPPUNIT_ASSERT_EQUAL(std::string("RSA"), key.value("kty", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("sig"), key.value("use", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("RS256"), key.value("alg", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("AQAB"), key.value("e", ""));
    CPPUNIT_ASSERT_EQUAL(std::size_t(342), key.value("n", "").size());   // 2048 bits, no padding
    CPPUNIT_ASSERT_EQUAL(std::size_t(43), key.value("kid", "").size());  // SHA-256 thumbprint
  }

  void testRefreshIssuesANewPairAndANewRefreshToken() {
    const HttpResult first = loginAs("admin", adminPassword());
    const std::string r1 = first.json.value("refresh_token", "");
    const HttpResult second = refreshWith(r1);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(second.text, 200, second.status);
    CPPUNIT_ASSERT_EQUAL(std::string("no-store"), second.headers.at("cache-control"));
    const std::string r2 = second.json.value("refresh_token", "");
    CPPUNIT_ASSERT(r2 != r1);
    CPPUNIT_ASSERT_EQUAL(
        std::string("ADMIN"),
        decodeJwt(second.json.value("access_token", "")).payload.value("role", ""));
    CPPUNIT_ASSERT_EQUAL(200, refreshWith(r2).status);
  }

  void testRefreshWithOAuth2FormWorks() {
    const std::string r1 = loginAs("admin", adminPassword()).json.value("refresh_token", "");
    const HttpResult result = rememberTokens(postForm(
        port(), "/api/v1/auth/refresh", {{"grant_type", "refresh_token"}, {"refresh_token", r1}}));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 200, result.status);
    assertRefusedField(postForm(port(), "/api/v1/auth/refresh",
                                {{"grant_type", "password"}, {"refresh_token", r1}}),
                       "grant_type");
  }

  void testReusedRefreshTokenIsRefusedAndRevokesItsFamily() {
    const std::string other_family =
        loginAs("admin", adminPassword()).json.value("refresh_token", "");
    const std::string r1 = loginAs("admin", adminPassword()).json.value("refresh_token", "");
    const std::string r2 = refreshWith(r1).json.value("refresh_token", "");
    assertError(refreshWith(r1), 401, "UNAUTHORIZED");  // reuse: a copy of r1 exists
    assertError(refreshWith(r2), 401, "UNAUTHORIZED");  // so its successor is dead too
    CPPUNIT_ASSERT_EQUAL(200, refreshWith(other_family).status);
  }

  void testUnknownRefreshTokenIsUnauthorized() {
    assertError(refresh(port(), "not-a-refresh-token"), 401, "UNAUTHORIZED");
    assertRefusedField(httpRequest(port(), "POST", "/api/v1/auth/refresh", "{}"), "refresh_token");
  }

  void testCreatedUserCanLogInAndIsListedWithoutItsHash() {
    const std::string username = uniqueUsername("carol");
    const HttpResult created = asAdmin(
        "POST", kUsers,
        {{"username", username}, {"password", remember("carol-password")}, {"role", "USER"}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(created.text, 201, created.status);
    const Json& user = created.json;
    CPPUNIT_ASSERT(sdk::isUuid(user.value("id", "")));
    CPPUNIT_ASSERT_EQUAL(username, user.value("username", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("USER"), user.value("role", ""));
    CPPUNIT_ASSERT(!user.value("created_at", "").empty());
    CPPUNIT_ASSERT(created.text.find("$2b$") == std::string::npos);
    CPPUNIT_ASSERT_EQUAL(userPath(user), created.headers.at("location"));

    const HttpResult fetched = asAdmin("GET", userPath(user));
    CPPUNIT_ASSERT_EQUAL(200, fetched.status);
    CPPUNIT_ASSERT_EQUAL(user, fetched.json);

    const DecodedJwt jwt = decodeJwt(accessTokenOf(loginAs(username, "carol-password")));
    CPPUNIT_ASSERT_EQUAL(user.value("id", ""), jwt.payload.value("sub", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("USER"), jwt.payload.value("role", ""));
  }

  void testDuplicateUsernameIsConflictRegardlessOfCase() {
    const std::string username = uniqueUsername("dave");
    createUser(username, "dave-password");
    std::string upper = username;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (const std::string& name : {username, upper}) {
      const HttpResult duplicate = asAdmin(
          "POST", kUsers, {{"username", name}, {"password", "other-password"}, {"role", "USER"}});
      assertError(duplicate, 409, "CONFLICT");
      CPPUNIT_ASSERT_EQUAL(std::string("username"),
                           duplicate.json["error"]["details"].value("field", ""));
    }
  }

  void testInvalidUserFieldsAreBadRequestNamingTheField() {
    const auto attempt = [](const std::string& username, const std::string& password,
                            const std::string& role) {
      return asAdmin("POST", kUsers,
                     {{"username", username}, {"password", password}, {"role", role}});
    };
    assertRefusedField(attempt("ab", "good-password", "USER"), "username");
    assertRefusedField(attempt("has space", "good-password", "USER"), "username");
    assertRefusedField(attempt(uniqueUsername("erin"), "good-password", "ROOT"), "role");
    assertRefusedField(attempt(uniqueUsername("erin"), "good-password", "admin"), "role");
    assertRefusedField(attempt(uniqueUsername("erin"), "short", "USER"), "password");
    assertRefusedField(attempt(uniqueUsername("erin"), std::string(73, 'x'), "USER"), "password");
    assertRefusedField(asAdmin("POST", kUsers, {{"username", uniqueUsername("erin")}}), "role");
  }

  void testUserListIsPaginated() {
    createUser(uniqueUsername("frank"), "frank-password");
    const HttpResult page = asAdmin("GET", std::string(kUsers) + "?page=1&page_size=1");
    CPPUNIT_ASSERT_EQUAL(200, page.status);
    CPPUNIT_ASSERT(page.json.value("total", 0) >= 2);
    CPPUNIT_ASSERT_EQUAL(1, page.json.value("page", 0));
    CPPUNIT_ASSERT_EQUAL(1, page.json.value("page_size", 0));
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), page.json["items"].size());
    CPPUNIT_ASSERT(!page.json["items"][0].contains("password_hash"));
    assertError(asAdmin("GET", std::string(kUsers) + "?page_size=101"), 400, "VALIDATION_ERROR");
  }

  void testUnknownOrMalformedUserIdIsNotFound() {
    assertError(asAdmin("GET", std::string(kUsers) + "/" + sdk::newUuid()), 404, "NOT_FOUND");
    assertError(asAdmin("GET", std::string(kUsers) + "/not-a-uuid"), 404, "NOT_FOUND");
    assertError(asAdmin("DELETE", std::string(kUsers) + "/" + sdk::newUuid()), 404, "NOT_FOUND");
    assertError(asAdmin("PUT", std::string(kUsers) + "/" + sdk::newUuid() + "/password",
                        {{"password", "new-password"}}),
                404, "NOT_FOUND");
  }

  void testChangedPasswordEndsTheOldPasswordAndRefreshTokens() {
    const std::string username = uniqueUsername("grace");
    const Json user = createUser(username, "grace-old-password");
    const std::string refresh_token =
        loginAs(username, "grace-old-password").json.value("refresh_token", "");
    assertRefusedField(asAdmin("PUT", userPath(user) + "/password", {{"password", "short"}}),
                       "password");
    const HttpResult changed = asAdmin("PUT", userPath(user) + "/password",
                                       {{"password", remember("grace-new-password")}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(changed.text, 204, changed.status);
    assertError(loginAs(username, "grace-old-password"), 401, "UNAUTHORIZED");
    assertError(refreshWith(refresh_token), 401, "UNAUTHORIZED");
    CPPUNIT_ASSERT_EQUAL(200, loginAs(username, "grace-new-password").status);
  }

  void testDeletedUserCanNeitherLogInNorRefresh() {
    const std::string username = uniqueUsername("heidi");
    const Json user = createUser(username, "heidi-password");
    const std::string refresh_token =
        loginAs(username, "heidi-password").json.value("refresh_token", "");
    CPPUNIT_ASSERT_EQUAL(204, asAdmin("DELETE", userPath(user)).status);
    assertError(asAdmin("GET", userPath(user)), 404, "NOT_FOUND");
    assertError(asAdmin("DELETE", userPath(user)), 404, "NOT_FOUND");
    assertError(refreshWith(refresh_token), 401, "UNAUTHORIZED");
    assertError(loginAs(username, "heidi-password"), 401, "UNAUTHORIZED");
  }

  void testLastAdminCannotBeDeleted() {
    const Json second_admin = createUser(uniqueUsername("ivan"), "ivan-password", "ADMIN");
    CPPUNIT_ASSERT_EQUAL(204, asAdmin("DELETE", userPath(second_admin)).status);
    const std::string admin_id = decodeJwt(adminToken()).payload.value("sub", "");
    const HttpResult last = asAdmin("DELETE", std::string(kUsers) + "/" + admin_id);
    assertError(last, 409, "CONFLICT");
    CPPUNIT_ASSERT_EQUAL(200, asAdmin("GET", std::string(kUsers) + "/" + admin_id).status);
  }

  // Depends on the host enforcing Access policies before the handler (SRS §4.4.2).
  void testAdminRoutesWithoutATokenAreUnauthorized() {
    assertError(httpRequest(port(), "GET", kUsers), 401, "UNAUTHORIZED");
    assertError(httpRequest(port(), "POST", kUsers,
                            Json{{"username", uniqueUsername("mallory")},
                                 {"password", "mallory-password"},
                                 {"role", "ADMIN"}}
                                .dump()),
                401, "UNAUTHORIZED");
    assertError(httpRequest(port(), "POST", "/api/v1/auth/keys/rotate"), 401, "UNAUTHORIZED");
  }

  // Depends on the host enforcing Access policies before the handler (SRS §4.4.2).
  void testAdminRoutesWithAUserTokenAreForbidden() {
    const std::string username = uniqueUsername("judy");
    createUser(username, "judy-password");
    const auto user_token = bearer(accessTokenOf(loginAs(username, "judy-password")));
    assertError(httpRequest(port(), "GET", kUsers, "", user_token), 403, "FORBIDDEN");
    assertError(httpRequest(port(), "POST", "/api/v1/auth/keys/rotate", "", user_token), 403,
                "FORBIDDEN");
    assertError(
        httpRequest(port(), "DELETE",
                    std::string(kUsers) + "/" + decodeJwt(adminToken()).payload.value("sub", ""),
                    "", user_token),
        403, "FORBIDDEN");
  }

  // Depends on the host verifying tokens against identity's JWKS.
  void testIssuedTokenIsAcceptedByTheHostForOtherContexts() {
    const HttpResult created = asAdmin("POST", "/api/v1/characteristics",
                                       {{"name", "Speed " + uniqueUsername("").substr(1)},
                                        {"value", "100"},
                                        {"unit_of_measure", "Mbps"}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(created.text, 201, created.status);
  }

  void testRepeatedFailedLoginsAreThrottledWithRetryAfter() {
    const std::string username = uniqueUsername("kim");
    createUser(username, "kim-password");
    for (int i = 0; i < kMaxFailuresPerUser; ++i) {
      assertError(loginAs(username, "wrong-password"), 401, "UNAUTHORIZED");
    }
    // Refused before the password is even checked: the right one doesn't help now.
    const HttpResult throttled = loginAs(username, "kim-password");
    assertError(throttled, 429, "TOO_MANY_REQUESTS");
    const int retry_after = std::stoi(throttled.headers.at("retry-after"));
    CPPUNIT_ASSERT_MESSAGE(std::to_string(retry_after), retry_after >= 1 && retry_after <= 300);
    assertError(loginAs(username, "wrong-password"), 429, "TOO_MANY_REQUESTS");
  }

  void testSuccessfulLoginClearsTheUsernamesFailures() {
    const std::string username = uniqueUsername("leo");
    createUser(username, "leo-password");
    for (int round = 0; round < 2; ++round) {
      for (int i = 0; i < kMaxFailuresPerUser - 1; ++i) {
        assertError(loginAs(username, "wrong-password"), 401, "UNAUTHORIZED");
      }
      CPPUNIT_ASSERT_EQUAL(200, loginAs(username, "leo-password").status);
    }
  }

  void testRotationPublishesBothKeysAndSignsWithTheNewOne() {
    const std::string old_token = adminToken();
    const std::string old_kid = decodeJwt(old_token).header.value("kid", "");
    const std::string old_pem = publicKeyPem();
    const std::string old_key_file = fileContent(dataFile("identity-signing-key.pem"));

    const HttpResult rotated = asAdmin("POST", "/api/v1/auth/keys/rotate");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(rotated.text, 200, rotated.status);
    const std::string new_kid = rotated.json.value("kid", "");
    CPPUNIT_ASSERT(!new_kid.empty() && new_kid != old_kid);

    const std::set<std::string> kids = publishedKids();
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), kids.count(old_kid));
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), kids.count(new_kid));
    const std::string new_token = accessTokenOf(loginAs("admin", adminPassword()));
    CPPUNIT_ASSERT_EQUAL(new_kid, decodeJwt(new_token).header.value("kid", ""));
    CPPUNIT_ASSERT(verifiesWith(new_token, publicKeyPem()));
    CPPUNIT_ASSERT(!verifiesWith(new_token, old_pem));
    CPPUNIT_ASSERT(verifiesWith(old_token, old_pem));
    CPPUNIT_ASSERT(fileContent(dataFile("identity-signing-key.pem")) != old_key_file);
    CPPUNIT_ASSERT_EQUAL(mode_t(0600), fileMode(dataFile("identity-signing-key.pem")));
    // Tokens of either key are accepted while the old one is still published; the host learns
    // the new kid at its next fetch of the JWKS, which it rate-limits.
    CPPUNIT_ASSERT_EQUAL(200, asAdmin("GET", kUsers).status);
    CPPUNIT_ASSERT(eventually(
        [&] { return httpRequest(port(), "GET", kUsers, "", bearer(new_token)).status == 200; },
        std::chrono::seconds(20)));
  }

  // Last, so that it sees everything the suite did; it logs in and refreshes itself as well.
  void testLogHoldsNoPasswordOrToken() {
    refreshWith(loginAs("admin", adminPassword()).json.value("refresh_token", ""));
    const std::string logs = catalogd().logs();
    for (const std::string& secret : secrets()) {
      if (secret.empty()) continue;
      CPPUNIT_ASSERT_MESSAGE("the log holds a secret", logs.find(secret) == std::string::npos);
    }
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(IdentityApiTest);

}  // namespace catalog::test
