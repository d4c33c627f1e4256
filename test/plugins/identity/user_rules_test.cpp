// Username, role and password rules, and what a user looks like on the wire.
#include <cppunit/extensions/HelperMacros.h>

#include <string>
#include <vector>

#include "catalog/sdk/errors.hpp"
#include "domain/password_policy.hpp"
#include "domain/user.hpp"
#include "support/assertions.hpp"

namespace catalog::identity {

using test::rejectedField;

class UserRulesTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(UserRulesTest);
  CPPUNIT_TEST(testUsernamesOfAllowedCharactersAndLengthAreAccepted);
  CPPUNIT_TEST(testUsernameTooShortOrTooLongIsRefused);
  CPPUNIT_TEST(testUsernameWithOtherCharactersIsRefused);
  CPPUNIT_TEST(testRoleMustBeExactlyAdminOrUser);
  CPPUNIT_TEST(testPasswordOf8To72BytesIsAccepted);
  CPPUNIT_TEST(testPasswordShorterThan8CharactersIsRefused);
  CPPUNIT_TEST(testPasswordLongerThan72BytesIsRefused);
  CPPUNIT_TEST(testPasswordMinimumCountsCharactersNotBytes);
  CPPUNIT_TEST(testPasswordWithNulIsRefused);
  CPPUNIT_TEST(testPasswordErrorNeverQuotesThePassword);
  CPPUNIT_TEST(testUserJsonNeverHasTheHash);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testUsernamesOfAllowedCharactersAndLengthAreAccepted() {
    for (const std::string& name : std::vector<std::string>{
             "bob", "john.doe@example.com", "a_b-c.d", "ABC123", std::string(64, 'x')}) {
      CPPUNIT_ASSERT_EQUAL_MESSAGE(name, std::string(""),
                                   rejectedField([&] { requireValidUsername(name); }));
    }
  }

  void testUsernameTooShortOrTooLongIsRefused() {
    for (const std::string& name : std::vector<std::string>{"", "ab", std::string(65, 'x')}) {
      CPPUNIT_ASSERT_EQUAL(std::string("username"),
                           rejectedField([&] { requireValidUsername(name); }));
    }
  }

  void testUsernameWithOtherCharactersIsRefused() {
    for (const std::string name : {"bob smith", "bob/smith", "bob:x", "j\xC3\xBCrgen", "bob\n"}) {
      CPPUNIT_ASSERT_EQUAL_MESSAGE(name, std::string("username"),
                                   rejectedField([&] { requireValidUsername(name); }));
    }
  }

  void testRoleMustBeExactlyAdminOrUser() {
    CPPUNIT_ASSERT(requireRole("ADMIN") == Role::Admin);
    CPPUNIT_ASSERT(requireRole("USER") == Role::User);
    for (const std::string role : {"admin", "User", "", "ROOT", "ADMIN "}) {
      CPPUNIT_ASSERT_EQUAL_MESSAGE(role, std::string("role"),
                                   rejectedField([&] { requireRole(role); }));
    }
  }

  void testPasswordOf8To72BytesIsAccepted() {
    CPPUNIT_ASSERT_EQUAL(std::string(""),
                         rejectedField([] { requireAcceptablePassword("12345678"); }));
    CPPUNIT_ASSERT_EQUAL(std::string(""),
                         rejectedField([] { requireAcceptablePassword(std::string(72, 'x')); }));
  }

  void testPasswordShorterThan8CharactersIsRefused() {
    CPPUNIT_ASSERT_EQUAL(std::string("password"),
                         rejectedField([] { requireAcceptablePassword("1234567"); }));
    CPPUNIT_ASSERT_EQUAL(std::string("password"),
                         rejectedField([] { requireAcceptablePassword(""); }));
  }

  void testPasswordLongerThan72BytesIsRefused() {
    CPPUNIT_ASSERT_EQUAL(std::string("password"),
                         rejectedField([] { requireAcceptablePassword(std::string(73, 'x')); }));
    // 36 two-byte characters are 72 bytes; one more is 74.
    std::string umlauts;
    for (int i = 0; i < 37; ++i) umlauts += "\xC3\xA4";
    CPPUNIT_ASSERT_EQUAL(std::string("password"),
                         rejectedField([&] { requireAcceptablePassword(umlauts); }));
  }

  void testPasswordMinimumCountsCharactersNotBytes() {
    const std::string four_umlauts = "\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4";  // 8 bytes, 4 characters
    CPPUNIT_ASSERT_EQUAL(std::string("password"),
                         rejectedField([&] { requireAcceptablePassword(four_umlauts); }));
    CPPUNIT_ASSERT_EQUAL(std::string(""), rejectedField([&] {
                           requireAcceptablePassword(four_umlauts + four_umlauts);
                         }));
  }

  void testPasswordWithNulIsRefused() {
    CPPUNIT_ASSERT_EQUAL(std::string("password"), rejectedField([] {
                           requireAcceptablePassword(
                               std::string("1234\0"
                                           "5678",
                                           9));
                         }));
  }

  void testPasswordErrorNeverQuotesThePassword() {
    try {
      requireAcceptablePassword("s3cr3t", "new_password");
      CPPUNIT_FAIL("a short password was accepted");
    } catch (const sdk::ValidationError& e) {
      CPPUNIT_ASSERT(std::string(e.what()).find("s3cr3t") == std::string::npos);
      CPPUNIT_ASSERT_EQUAL(std::string("new_password"), e.details().value("field", ""));
    }
  }

  void testUserJsonNeverHasTheHash() {
    const User user{"0b8f0000-0000-4000-8000-000000000001", "bob", Role::User,
                    "$2b$12$abcdefghijklmnopqrstuu", "2024-01-01T00:00:00.000Z"};
    const sdk::Json json = toJson(user);
    CPPUNIT_ASSERT_EQUAL(std::string("USER"), json.value("role", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("bob"), json.value("username", ""));
    CPPUNIT_ASSERT(json.dump().find("$2b$") == std::string::npos);
    CPPUNIT_ASSERT(!json.contains("password_hash"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(UserRulesTest);

}  // namespace catalog::identity
