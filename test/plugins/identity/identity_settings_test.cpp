// identity.* configuration: defaults, ranges, seed users; errors that name the key.
#include "identity_settings.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <map>
#include <stdexcept>
#include <string>

namespace catalog::identity {
namespace {

IdentitySettings settingsOf(const std::map<std::string, std::string>& values) {
  return IdentitySettings::read([&values](std::string_view key) -> std::optional<std::string> {
    const auto it = values.find(std::string(key));
    if (it == values.end()) return std::nullopt;
    return it->second;
  });
}

// The message of the error reading `values` throws, or "" when it throws none.
std::string errorOf(const std::map<std::string, std::string>& values) {
  try {
    settingsOf(values);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

class IdentitySettingsTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(IdentitySettingsTest);
  CPPUNIT_TEST(testDefaultsAreTheDocumentedOnes);
  CPPUNIT_TEST(testEveryKeyIsRead);
  CPPUNIT_TEST(testMalformedOrOutOfRangeNumberNamesTheKey);
  CPPUNIT_TEST(testBothKeySettingsAtOnceAreRefused);
  CPPUNIT_TEST(testSeedUsersAreParsedWithColonsInPasswords);
  CPPUNIT_TEST(testBadSeedUserIsRefusedWithoutQuotingItsPassword);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testDefaultsAreTheDocumentedOnes() {
    const IdentitySettings s = settingsOf({});
    CPPUNIT_ASSERT_EQUAL(std::int64_t(3600), std::int64_t(s.access_token_lifetime.count()));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(604800), std::int64_t(s.refresh_token_lifetime.count()));
    CPPUNIT_ASSERT_EQUAL(std::string("catalog-identity"), s.issuer);
    CPPUNIT_ASSERT_EQUAL(std::string("catalog-api"), s.audience);
    CPPUNIT_ASSERT(!s.signing_key_pem && !s.signing_key_file);
    CPPUNIT_ASSERT_EQUAL(5, s.login.max_failures_per_user);
    CPPUNIT_ASSERT_EQUAL(20, s.login.max_failures_per_address);
    CPPUNIT_ASSERT_EQUAL(std::int64_t(300), std::int64_t(s.login.window.count()));
    CPPUNIT_ASSERT(s.seed_users.empty());
  }

  void testEveryKeyIsRead() {
    const IdentitySettings s = settingsOf({{"accessTokenSeconds", "600"},
                                           {"refreshTokenSeconds", " 3600 "},
                                           {"issuer", "issuer-x"},
                                           {"audience", "audience-y"},
                                           {"signingKeyFile", "/etc/catalog/key.pem"},
                                           {"login.maxFailuresPerUser", "3"},
                                           {"login.maxFailuresPerAddress", "7"},
                                           {"login.windowSeconds", "60"}});
    CPPUNIT_ASSERT_EQUAL(std::int64_t(600), std::int64_t(s.access_token_lifetime.count()));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(3600), std::int64_t(s.refresh_token_lifetime.count()));
    CPPUNIT_ASSERT_EQUAL(std::string("issuer-x"), s.issuer);
    CPPUNIT_ASSERT_EQUAL(std::string("audience-y"), s.audience);
    CPPUNIT_ASSERT_EQUAL(std::string("/etc/catalog/key.pem"), *s.signing_key_file);
    CPPUNIT_ASSERT_EQUAL(3, s.login.max_failures_per_user);
    CPPUNIT_ASSERT_EQUAL(7, s.login.max_failures_per_address);
    CPPUNIT_ASSERT_EQUAL(std::int64_t(60), std::int64_t(s.login.window.count()));
  }

  void testMalformedOrOutOfRangeNumberNamesTheKey() {
    CPPUNIT_ASSERT(
        contains(errorOf({{"accessTokenSeconds", "1h"}}), "identity.accessTokenSeconds"));
    CPPUNIT_ASSERT(
        contains(errorOf({{"accessTokenSeconds", "59"}}), "identity.accessTokenSeconds"));
    CPPUNIT_ASSERT(contains(errorOf({{"login.maxFailuresPerUser", "0"}}),
                            "identity.login.maxFailuresPerUser"));
    CPPUNIT_ASSERT(
        contains(errorOf({{"login.windowSeconds", "-5"}}), "identity.login.windowSeconds"));
    CPPUNIT_ASSERT(contains(errorOf({{"issuer", "  "}}), "identity.issuer"));
  }

  void testBothKeySettingsAtOnceAreRefused() {
    const std::string error =
        errorOf({{"signingKey", "-----BEGIN PRIVATE KEY-----"}, {"signingKeyFile", "/k.pem"}});
    CPPUNIT_ASSERT(contains(error, "identity.signingKey"));
    CPPUNIT_ASSERT(!contains(error, "BEGIN"));
  }

  void testSeedUsersAreParsedWithColonsInPasswords() {
    const IdentitySettings s =
        settingsOf({{"seedUsers", "alice:ADMIN:password1, bob:USER:pass:with:colons,"}});
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), s.seed_users.size());
    CPPUNIT_ASSERT_EQUAL(std::string("alice"), s.seed_users[0].username);
    CPPUNIT_ASSERT(s.seed_users[0].role == Role::Admin);
    CPPUNIT_ASSERT_EQUAL(std::string("password1"), s.seed_users[0].password);
    CPPUNIT_ASSERT(s.seed_users[1].role == Role::User);
    CPPUNIT_ASSERT_EQUAL(std::string("pass:with:colons"), s.seed_users[1].password);
  }

  void testBadSeedUserIsRefusedWithoutQuotingItsPassword() {
    CPPUNIT_ASSERT(contains(errorOf({{"seedUsers", "alice:ADMIN"}}), "identity.seedUsers"));
    CPPUNIT_ASSERT(contains(errorOf({{"seedUsers", "alice:ROOT:password1"}}), "role"));
    CPPUNIT_ASSERT(contains(errorOf({{"seedUsers", "a:USER:password1"}}), "username"));
    const std::string error = errorOf({{"seedUsers", "alice:USER:short7!"}});
    CPPUNIT_ASSERT(contains(error, "identity.seedUsers entry 1"));
    CPPUNIT_ASSERT(!contains(error, "short7!"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(IdentitySettingsTest);

}  // namespace catalog::identity
