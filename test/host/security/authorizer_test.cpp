// Route policies against Authorization headers: who passes, who gets 401, 403 or 503, and what
// principal a handler then sees.
#include "security/authorizer.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <fstream>
#include <stdexcept>

#include "http/router.hpp"
#include "support/test_issuer.hpp"

namespace catalog::host {
namespace {

using test::TestIssuer;

const TestIssuer& issuer() { return TestIssuer::instance(); }

Route routeWith(catalog_access access, const std::string& role = {}) {
  Route route;
  route.method = "POST";
  route.pattern = "/api/v1/things";
  route.access = access;
  route.role = role;
  return route;
}

std::string bearer(const std::string& token) { return "Bearer " + token; }

std::string publicKeyPem() {
  std::ifstream in(issuer().publicKeyFile());
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

class AuthorizerTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(AuthorizerTest);
  CPPUNIT_TEST(testRoleRanks);
  CPPUNIT_TEST(testProtectedRouteWithoutTokenIsChallenged);
  CPPUNIT_TEST(testInvalidTokenIsUnauthorizedWithTheReason);
  CPPUNIT_TEST(testOtherSchemeIsUnauthorized);
  CPPUNIT_TEST(testWeakRoleIsForbiddenAndAdminSatisfiesUser);
  CPPUNIT_TEST(testValidTokenGivesPrincipalAndToken);
  CPPUNIT_TEST(testPublicRouteIgnoresBadTokensButKeepsGoodOnes);
  CPPUNIT_TEST(testUnavailableKeysAre503OnlyWhereATokenMatters);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testRoleRanks() {
    CPPUNIT_ASSERT(roleRank("ADMIN") > roleRank("USER"));
    CPPUNIT_ASSERT(roleRank("USER") > 0);
    CPPUNIT_ASSERT_EQUAL(0, roleRank("admin"));
    CPPUNIT_ASSERT_EQUAL(0, roleRank(""));
  }

  void testProtectedRouteWithoutTokenIsChallenged() {
    for (const Route& route :
         {routeWith(CATALOG_ACCESS_AUTHENTICATED), routeWith(CATALOG_ACCESS_ROLE, "ADMIN")}) {
      const Authorization result = authorizer_.authorizeHeader(route, "", "cid");
      CPPUNIT_ASSERT_EQUAL(401, result.status);
      CPPUNIT_ASSERT_EQUAL(std::string("UNAUTHORIZED"), result.code);
      CPPUNIT_ASSERT_EQUAL(std::string(R"(Bearer realm="catalog")"), result.challenge);
    }
  }

  void testInvalidTokenIsUnauthorizedWithTheReason() {
    TestIssuer::Claims expired;
    expired.issued_ago = std::chrono::hours(2);
    const Authorization result = authorizer_.authorizeHeader(
        routeWith(CATALOG_ACCESS_AUTHENTICATED), bearer(issuer().token(expired)), "cid");
    CPPUNIT_ASSERT_EQUAL(401, result.status);
    CPPUNIT_ASSERT(result.message.find("expired") != std::string::npos);
    CPPUNIT_ASSERT(result.challenge.find(R"(error="invalid_token")") != std::string::npos);
  }

  void testOtherSchemeIsUnauthorized() {
    const Authorization result = authorizer_.authorizeHeader(
        routeWith(CATALOG_ACCESS_AUTHENTICATED), "Basic YWRtaW46YWRtaW4=", "cid");
    CPPUNIT_ASSERT_EQUAL(401, result.status);
    // The scheme name is case-insensitive (RFC 7235).
    CPPUNIT_ASSERT(authorizer_
                       .authorizeHeader(routeWith(CATALOG_ACCESS_AUTHENTICATED),
                                        "bearer " + issuer().token("USER"), "cid")
                       .allowed());
  }

  void testWeakRoleIsForbiddenAndAdminSatisfiesUser() {
    const Authorization forbidden = authorizer_.authorizeHeader(
        routeWith(CATALOG_ACCESS_ROLE, "ADMIN"), bearer(issuer().token("USER")), "cid");
    CPPUNIT_ASSERT_EQUAL(403, forbidden.status);
    CPPUNIT_ASSERT_EQUAL(std::string("FORBIDDEN"), forbidden.code);
    CPPUNIT_ASSERT(forbidden.challenge.find("insufficient_scope") != std::string::npos);
    CPPUNIT_ASSERT(authorizer_
                       .authorizeHeader(routeWith(CATALOG_ACCESS_ROLE, "USER"),
                                        bearer(issuer().token("ADMIN")), "cid")
                       .allowed());
  }

  void testValidTokenGivesPrincipalAndToken() {
    TestIssuer::Claims claims;
    claims.subject = "7d1c7f5e-2222-4b8e-8f51-5d3c2b1a0e9f";
    claims.username = "bob";
    claims.role = "ADMIN";
    const std::string token = issuer().token(claims);
    const Authorization result =
        authorizer_.authorizeHeader(routeWith(CATALOG_ACCESS_ROLE, "ADMIN"), bearer(token), "cid");
    CPPUNIT_ASSERT(result.allowed());
    CPPUNIT_ASSERT_EQUAL(claims.subject, result.principal.subject);
    CPPUNIT_ASSERT_EQUAL(std::string("bob"), result.principal.username);
    CPPUNIT_ASSERT_EQUAL(token, result.token);
  }

  void testPublicRouteIgnoresBadTokensButKeepsGoodOnes() {
    const Route open = routeWith(CATALOG_ACCESS_PUBLIC);
    const Authorization anonymous =
        authorizer_.authorizeHeader(open, bearer(issuer().tampered({})), "cid");
    CPPUNIT_ASSERT(anonymous.allowed());
    CPPUNIT_ASSERT(anonymous.principal.subject.empty());
    CPPUNIT_ASSERT(anonymous.token.empty());
    const Authorization known =
        authorizer_.authorizeHeader(open, bearer(issuer().token("USER")), "cid");
    CPPUNIT_ASSERT(known.allowed());
    CPPUNIT_ASSERT_EQUAL(std::string("USER"), known.principal.role);
  }

  void testUnavailableKeysAre503OnlyWhereATokenMatters() {
    KeyRing unreachable(
        "nowhere", []() -> std::string { throw std::runtime_error("down"); }, Poco::Logger::root());
    TokenVerifier verifier(unreachable, {"catalog-identity", "catalog-api"});
    Authorizer authorizer(verifier, Poco::Logger::root());
    const std::string token = bearer(issuer().token("ADMIN"));
    CPPUNIT_ASSERT_EQUAL(
        503,
        authorizer.authorizeHeader(routeWith(CATALOG_ACCESS_AUTHENTICATED), token, "cid").status);
    CPPUNIT_ASSERT(
        authorizer.authorizeHeader(routeWith(CATALOG_ACCESS_PUBLIC), token, "cid").allowed());
    // Without a token there is nothing to verify: 401, not 503.
    CPPUNIT_ASSERT_EQUAL(
        401, authorizer.authorizeHeader(routeWith(CATALOG_ACCESS_AUTHENTICATED), "", "cid").status);
  }

 private:
  KeyRing keys_{"PEM", [] { return publicKeyPem(); }, Poco::Logger::root()};
  TokenVerifier verifier_{keys_, {"catalog-identity", "catalog-api"}};
  Authorizer authorizer_{verifier_, Poco::Logger::root()};
};

CPPUNIT_TEST_SUITE_REGISTRATION(AuthorizerTest);

}  // namespace catalog::host
