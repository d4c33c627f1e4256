#include "security/verified_token_cache.hpp"

#include <cppunit/extensions/HelperMacros.h>

namespace catalog::host {

class VerifiedTokenCacheTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(VerifiedTokenCacheTest);
  CPPUNIT_TEST(testHitReturnsWhatWasVerified);
  CPPUNIT_TEST(testExpiredOrOtherGenerationMisses);
  CPPUNIT_TEST(testFullCacheDropsDeadEntriesFirst);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testHitReturnsWhatWasVerified() {
    VerifiedTokenCache cache;
    cache.add("a.b.c", {"id-1", "alice", "USER"}, 2000, 7, 1000);
    const auto hit = cache.find("a.b.c", 7, 1500);
    CPPUNIT_ASSERT(hit.has_value());
    CPPUNIT_ASSERT_EQUAL(std::string("alice"), hit->username);
    CPPUNIT_ASSERT(!cache.find("a.b.x", 7, 1500));
  }

  void testExpiredOrOtherGenerationMisses() {
    VerifiedTokenCache cache;
    cache.add("a.b.c", {"id-1", "alice", "USER"}, 2000, 7, 1000);
    CPPUNIT_ASSERT(!cache.find("a.b.c", 7, 2000));
    CPPUNIT_ASSERT(!cache.find("a.b.c", 8, 1500));
  }

  void testFullCacheDropsDeadEntriesFirst() {
    VerifiedTokenCache cache(2);
    cache.add("old", {"id-1", "a", "USER"}, 1100, 7, 1000);
    cache.add("live", {"id-2", "b", "USER"}, 5000, 7, 1000);
    cache.add("new", {"id-3", "c", "USER"}, 5000, 7, 2000);  // "old" has expired by now
    CPPUNIT_ASSERT(cache.find("live", 7, 2000).has_value());
    CPPUNIT_ASSERT(cache.find("new", 7, 2000).has_value());
    CPPUNIT_ASSERT(!cache.find("old", 7, 1050));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(VerifiedTokenCacheTest);

}  // namespace catalog::host
