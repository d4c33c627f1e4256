// bcrypt through libxcrypt: format, verification, the 72-byte limit, timing of unknown users.
#include "crypto/bcrypt.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace catalog::identity {
namespace {

std::chrono::milliseconds timeOf(const std::function<void()>& work) {
  const auto started = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               started);
}

}  // namespace

class BcryptTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(BcryptTest);
  CPPUNIT_TEST(testHashIsBcryptAtCost12);
  CPPUNIT_TEST(testHashVerifiesTheRightPasswordOnly);
  CPPUNIT_TEST(testSamePasswordGetsAFreshSaltEachTime);
  CPPUNIT_TEST(testPasswordLongerThan72BytesIsNotHashed);
  CPPUNIT_TEST(testPasswordSharingOnlyTheFirst72BytesDoesNotVerify);
  CPPUNIT_TEST(testPasswordWithNulIsNotHashedAndNeverVerifies);
  CPPUNIT_TEST(testMalformedStoredHashNeverVerifies);
  CPPUNIT_TEST(testDummyVerificationCostsAboutAsMuchAsARealOne);
  CPPUNIT_TEST(testConcurrentHashingIsThreadSafe);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testHashIsBcryptAtCost12() {
    const std::string hash = hashPassword("correct horse");
    CPPUNIT_ASSERT_EQUAL(std::string("$2b$12$"), hash.substr(0, 7));
    CPPUNIT_ASSERT_EQUAL(std::size_t(60), hash.size());
  }

  void testHashVerifiesTheRightPasswordOnly() {
    const std::string hash = hashPassword("correct horse");
    CPPUNIT_ASSERT(verifyPassword("correct horse", hash));
    CPPUNIT_ASSERT(!verifyPassword("correct horsf", hash));
    CPPUNIT_ASSERT(!verifyPassword("", hash));
  }

  void testSamePasswordGetsAFreshSaltEachTime() {
    CPPUNIT_ASSERT(hashPassword("correct horse") != hashPassword("correct horse"));
  }

  void testPasswordLongerThan72BytesIsNotHashed() {
    CPPUNIT_ASSERT_NO_THROW(hashPassword(std::string(72, 'x')));
    CPPUNIT_ASSERT_THROW(hashPassword(std::string(73, 'x')), std::invalid_argument);
  }

  void testPasswordSharingOnlyTheFirst72BytesDoesNotVerify() {
    const std::string password(72, 'x');
    const std::string hash = hashPassword(password);
    CPPUNIT_ASSERT(verifyPassword(password, hash));
    CPPUNIT_ASSERT(!verifyPassword(password + "y", hash));  // bcrypt alone would say yes
  }

  void testPasswordWithNulIsNotHashedAndNeverVerifies() {
    const std::string with_nul("correct\0horse", 13);
    CPPUNIT_ASSERT_THROW(hashPassword(with_nul), std::invalid_argument);
    const std::string hash = hashPassword("correct");
    CPPUNIT_ASSERT(!verifyPassword(with_nul, hash));  // crypt would stop at the NUL
  }

  void testMalformedStoredHashNeverVerifies() {
    CPPUNIT_ASSERT(!verifyPassword("correct horse", ""));
    CPPUNIT_ASSERT(!verifyPassword("correct horse", "correct horse"));
    CPPUNIT_ASSERT(!verifyPassword("correct horse", "$1$abcdefgh$0123456789012345678901"));
  }

  void testDummyVerificationCostsAboutAsMuchAsARealOne() {
    const std::string hash = hashPassword("correct horse");
    const auto real = timeOf([&] { verifyPassword("wrong horse", hash); });
    const auto dummy = timeOf([] { verifyAgainstDummy("wrong horse"); });
    CPPUNIT_ASSERT_MESSAGE(
        std::to_string(dummy.count()) + " ms vs " + std::to_string(real.count()) + " ms",
        dummy * 3 > real && real * 3 > dummy);
  }

  void testConcurrentHashingIsThreadSafe() {
    std::vector<std::thread> threads;
    std::vector<int> verified(4, 0);
    for (int i = 0; i < 4; ++i) {
      threads.emplace_back([i, &verified] {
        const std::string password = "password number " + std::to_string(i);
        const std::string hash = hashPassword(password);
        verified[static_cast<std::size_t>(i)] =
            verifyPassword(password, hash) && !verifyPassword(password + "!", hash);
      });
    }
    for (std::thread& thread : threads) thread.join();
    for (const int ok : verified) CPPUNIT_ASSERT_EQUAL(1, ok);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(BcryptTest);

}  // namespace catalog::identity
