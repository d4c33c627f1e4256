// The host's access-token check against every good and bad token TestIssuer can make, with keys
// from a PEM file and from a JWKS source that rotates and fails.
#include "security/token_verifier.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include "catalog/sdk/json.hpp"
#include "support/files.hpp"
#include "support/test_issuer.hpp"

namespace catalog::host {
namespace {

using test::TestIssuer;
using Claims = TestIssuer::Claims;

const TestIssuer& issuer() { return TestIssuer::instance(); }

// A JWKS source whose answer the test controls, counting fetches.
struct ScriptedSource {
  std::string answer = issuer().jwks();
  bool reachable = true;
  std::atomic<int> fetches{0};

  KeyRing::Fetch fetch() {
    return [this] {
      ++fetches;
      if (!reachable) throw std::runtime_error("connection refused");
      return answer;
    };
  }
};

}  // namespace

class TokenVerifierTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(TokenVerifierTest);
  CPPUNIT_TEST(testValidTokenGivesItsPrincipal);
  CPPUNIT_TEST(testExpiredTokenIsRejectedBeyondTheClockSkew);
  CPPUNIT_TEST(testTokenNotValidYetIsRejected);
  CPPUNIT_TEST(testForgedAndConfusedTokensAreRejected);
  CPPUNIT_TEST(testWrongIssuerOrAudienceIsRejected);
  CPPUNIT_TEST(testMissingSubjectOrUnknownRoleIsRejected);
  CPPUNIT_TEST(testMalformedTokensAreRejected);
  CPPUNIT_TEST(testUnknownKidIsRejectedAfterOneThrottledRefetch);
  CPPUNIT_TEST(testRotatedKeyIsFoundByRefetchingOnUnknownKid);
  CPPUNIT_TEST(testUnreachableSourceMakesKeysUnavailableUntilItRecovers);
  CPPUNIT_TEST(testKnownKeysSurviveAFailedRefresh);
  CPPUNIT_TEST(testWithdrawnKeyStopsCountingForTokensVerifiedBefore);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testValidTokenGivesItsPrincipal() {
    Claims claims;
    claims.subject = "0b8f6a4e-1111-4c2d-9a55-0c4c0f8b7d21";
    claims.username = "alice";
    claims.role = "USER";
    const VerifiedToken token = pemVerifier().verify(issuer().token(claims));
    CPPUNIT_ASSERT_EQUAL(claims.subject, token.subject);
    CPPUNIT_ASSERT_EQUAL(std::string("alice"), token.username);
    CPPUNIT_ASSERT_EQUAL(std::string("USER"), token.role);
  }

  void testExpiredTokenIsRejectedBeyondTheClockSkew() {
    Claims just_expired;
    just_expired.issued_ago = std::chrono::seconds(3610);  // expired 10 s ago
    CPPUNIT_ASSERT_NO_THROW(
        pemVerifier(std::chrono::seconds(30)).verify(issuer().token(just_expired)));
    assertRejected(pemVerifier(std::chrono::seconds(0)), issuer().token(just_expired), "expired");

    Claims long_expired;
    long_expired.issued_ago = std::chrono::hours(2);
    assertRejected(pemVerifier(), issuer().token(long_expired), "expired");
  }

  void testTokenNotValidYetIsRejected() {
    Claims future;
    future.not_before_in = std::chrono::minutes(10);
    assertRejected(pemVerifier(), issuer().token(future), "not valid yet");
    Claims issued_in_future;
    issued_in_future.issued_ago = -std::chrono::minutes(10);
    assertRejected(pemVerifier(), issuer().token(issued_in_future), "future");
  }

  void testForgedAndConfusedTokensAreRejected() {
    const Claims claims;
    assertRejected(pemVerifier(), issuer().tokenSignedByStranger(claims), "signature");
    assertRejected(pemVerifier(), issuer().tampered(claims), "signature");
    assertRejected(pemVerifier(), issuer().unsignedToken(claims), "algorithm");
    assertRejected(pemVerifier(), issuer().hs256WithPublicKey(claims), "algorithm");
  }

  void testWrongIssuerOrAudienceIsRejected() {
    Claims other_issuer;
    other_issuer.issuer = "someone-else";
    assertRejected(pemVerifier(), issuer().token(other_issuer), "issuer");
    Claims other_audience;
    other_audience.audience = "another-api";
    assertRejected(pemVerifier(), issuer().token(other_audience), "audience");
  }

  void testMissingSubjectOrUnknownRoleIsRejected() {
    Claims no_subject;
    no_subject.subject = "";
    assertRejected(pemVerifier(), issuer().token(no_subject), "sub");
    Claims root;
    root.role = "ROOT";
    assertRejected(pemVerifier(), issuer().token(root), "role");
  }

  void testMalformedTokensAreRejected() {
    for (const std::string& token :
         {std::string("not-a-token"), std::string("a.b"), std::string("a.b.c.d"),
          std::string("eyJhbGciOiJSUzI1NiJ9.e30."), std::string("!!!.###.$$$"),
          issuer().token("ADMIN") + std::string(9000, 'A')}) {
      assertRejected(pemVerifier(), token, "");
    }
  }

  void testUnknownKidIsRejectedAfterOneThrottledRefetch() {
    ScriptedSource source;
    KeyRing ring("scripted JWKS", source.fetch(), Poco::Logger::root(), std::chrono::minutes(5),
                 std::chrono::seconds(60));
    TokenVerifier verifier(ring, expectations());
    CPPUNIT_ASSERT_NO_THROW(verifier.verify(issuer().token("ADMIN")));
    CPPUNIT_ASSERT_EQUAL(1, source.fetches.load());

    const std::string unknown = issuer().tokenWithUnknownKid(Claims());
    assertRejected(verifier, unknown, "unknown key");
    assertRejected(verifier, unknown, "unknown key");
    // The first unknown kid was allowed one refetch at most; the second none, within a minute.
    CPPUNIT_ASSERT(source.fetches.load() <= 2);
  }

  void testRotatedKeyIsFoundByRefetchingOnUnknownKid() {
    ScriptedSource source;
    sdk::Json jwks = sdk::Json::parse(source.answer);
    const std::string real_kid = issuer().kid();
    jwks["keys"][0]["kid"] = "previous-key";
    source.answer = jwks.dump();
    KeyRing ring("scripted JWKS", source.fetch(), Poco::Logger::root(), std::chrono::minutes(5),
                 std::chrono::seconds(0));
    TokenVerifier verifier(ring, expectations());
    assertRejected(verifier, issuer().token("ADMIN"), "unknown key");

    jwks["keys"].push_back(jwks["keys"][0]);
    jwks["keys"][1]["kid"] = real_kid;  // the signer rotated to the key the token names
    source.answer = jwks.dump();
    CPPUNIT_ASSERT_EQUAL(std::string("ADMIN"), verifier.verify(issuer().token("ADMIN")).role);
  }

  void testUnreachableSourceMakesKeysUnavailableUntilItRecovers() {
    ScriptedSource source;
    source.reachable = false;
    KeyRing ring("scripted JWKS", source.fetch(), Poco::Logger::root());
    TokenVerifier verifier(ring, expectations());
    CPPUNIT_ASSERT_THROW(verifier.verify(issuer().token("ADMIN")), KeysUnavailable);
    source.reachable = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // the empty-ring retry pause
    CPPUNIT_ASSERT_EQUAL(std::string("ADMIN"), verifier.verify(issuer().token("ADMIN")).role);
  }

  void testKnownKeysSurviveAFailedRefresh() {
    ScriptedSource source;
    KeyRing ring("scripted JWKS", source.fetch(), Poco::Logger::root(), std::chrono::seconds(0),
                 std::chrono::seconds(0));
    TokenVerifier verifier(ring, expectations());
    CPPUNIT_ASSERT_NO_THROW(verifier.verify(issuer().token("ADMIN")));
    source.reachable = false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    CPPUNIT_ASSERT_NO_THROW(verifier.verify(issuer().token("ADMIN")));
    CPPUNIT_ASSERT(source.fetches.load() >= 2);  // it did try to refresh
  }

  void testWithdrawnKeyStopsCountingForTokensVerifiedBefore() {
    ScriptedSource source;
    KeyRing ring("scripted JWKS", source.fetch(), Poco::Logger::root(), std::chrono::seconds(0),
                 std::chrono::seconds(0));
    TokenVerifier verifier(ring, expectations());
    const std::string token = issuer().token("ADMIN");
    CPPUNIT_ASSERT_NO_THROW(verifier.verify(token));
    CPPUNIT_ASSERT_NO_THROW(verifier.verify(token));  // from the cache

    sdk::Json jwks = sdk::Json::parse(source.answer);
    jwks["keys"][0]["kid"] = "the-only-key-now";
    source.answer = jwks.dump();
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // past the retry pause
    assertRejected(verifier, token, "unknown key");
  }

 private:
  static TokenVerifier::Expectations expectations(
      std::chrono::seconds skew = std::chrono::seconds(30)) {
    return {"catalog-identity", "catalog-api", skew};
  }

  TokenVerifier& pemVerifier(std::chrono::seconds skew = std::chrono::seconds(30)) {
    const std::string pem = test::readFile(issuer().publicKeyFile());
    rings_.push_back(std::make_unique<KeyRing>(
        "PEM", [pem] { return pem; }, Poco::Logger::root()));
    verifiers_.push_back(std::make_unique<TokenVerifier>(*rings_.back(), expectations(skew)));
    return *verifiers_.back();
  }

  static void assertRejected(const TokenVerifier& verifier, const std::string& token,
                             const std::string& reason) {
    try {
      verifier.verify(token);
    } catch (const TokenRejected& e) {
      CPPUNIT_ASSERT_MESSAGE(e.what(), std::string(e.what()).find(reason) != std::string::npos);
      CPPUNIT_ASSERT_MESSAGE(
          "the message must not echo the token",
          token.size() < 20 || std::string(e.what()).find(token) == std::string::npos);
      return;
    }
    CPPUNIT_FAIL("accepted a token that should be rejected (" + reason + ")");
  }

  std::vector<std::unique_ptr<KeyRing>> rings_;
  std::vector<std::unique_ptr<TokenVerifier>> verifiers_;
};

CPPUNIT_TEST_SUITE_REGISTRATION(TokenVerifierTest);

}  // namespace catalog::host
