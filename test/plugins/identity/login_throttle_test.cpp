// Failed-login throttling per username and per client address.
#include "domain/login_throttle.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <thread>
#include <vector>

namespace catalog::identity {
namespace {

using std::chrono::seconds;
using Clock = LoginThrottle::Clock;

const Clock::time_point t0 = Clock::now();

LoginThrottle::Limits limits(int per_user, int per_address, std::size_t max_tracked = 10000) {
  LoginThrottle::Limits l;
  l.max_failures_per_user = per_user;
  l.max_failures_per_address = per_address;
  l.window = seconds(300);
  l.max_tracked = max_tracked;
  return l;
}

}  // namespace

class LoginThrottleTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(LoginThrottleTest);
  CPPUNIT_TEST(testFailuresBelowTheUserLimitAreAllowed);
  CPPUNIT_TEST(testUserAtLimitWaitsUntilItsOldestFailureLeavesTheWindow);
  CPPUNIT_TEST(testRetryAfterIsRoundedUpToWholeSeconds);
  CPPUNIT_TEST(testAddressLimitCountsFailuresAcrossUsernames);
  CPPUNIT_TEST(testUserLimitAppliesFromAnyAddress);
  CPPUNIT_TEST(testTheLongerWaitOfUserAndAddressIsReported);
  CPPUNIT_TEST(testEmptyAddressIsNotCounted);
  CPPUNIT_TEST(testSuccessClearsTheUsernameButNotTheAddress);
  CPPUNIT_TEST(testExpiredEntriesAreEvictedWhenTheTableIsFull);
  CPPUNIT_TEST(testStalestEntryIsEvictedWhenEveryEntryIsLive);
  CPPUNIT_TEST(testConcurrentFailuresAreAllCounted);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testFailuresBelowTheUserLimitAreAllowed() {
    LoginThrottle throttle(limits(3, 100));
    throttle.recordFailure("bob", "10.0.0.1", t0);
    throttle.recordFailure("bob", "10.0.0.1", t0 + seconds(1));
    CPPUNIT_ASSERT(!throttle.retryAfter("bob", "10.0.0.1", t0 + seconds(2)));
  }

  void testUserAtLimitWaitsUntilItsOldestFailureLeavesTheWindow() {
    LoginThrottle throttle(limits(3, 100));
    for (int i = 0; i < 3; ++i) throttle.recordFailure("bob", "10.0.0.1", t0 + seconds(10 * i));
    const auto wait = throttle.retryAfter("bob", "10.0.0.1", t0 + seconds(30));
    CPPUNIT_ASSERT(wait);
    CPPUNIT_ASSERT_EQUAL(std::int64_t(270), static_cast<std::int64_t>(wait->count()));
    CPPUNIT_ASSERT(throttle.retryAfter("bob", "10.0.0.1", t0 + seconds(299)));
    CPPUNIT_ASSERT(!throttle.retryAfter("bob", "10.0.0.1", t0 + seconds(300)));
  }

  void testRetryAfterIsRoundedUpToWholeSeconds() {
    LoginThrottle throttle(limits(1, 100));
    throttle.recordFailure("bob", "10.0.0.1", t0);
    const auto wait = throttle.retryAfter("bob", "10.0.0.1", t0 + std::chrono::milliseconds(500));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(300), static_cast<std::int64_t>(wait->count()));
    const auto last =
        throttle.retryAfter("bob", "10.0.0.1", t0 + std::chrono::milliseconds(299900));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(1), static_cast<std::int64_t>(last->count()));
  }

  void testAddressLimitCountsFailuresAcrossUsernames() {
    LoginThrottle throttle(limits(100, 3));
    throttle.recordFailure("alice", "10.0.0.1", t0);
    throttle.recordFailure("bob", "10.0.0.1", t0);
    CPPUNIT_ASSERT(!throttle.retryAfter("carol", "10.0.0.1", t0));
    throttle.recordFailure("carol", "10.0.0.1", t0);
    CPPUNIT_ASSERT(throttle.retryAfter("dave", "10.0.0.1", t0));
    CPPUNIT_ASSERT(!throttle.retryAfter("dave", "10.0.0.2", t0));
  }

  void testUserLimitAppliesFromAnyAddress() {
    LoginThrottle throttle(limits(2, 100));
    throttle.recordFailure("bob", "10.0.0.1", t0);
    throttle.recordFailure("bob", "10.0.0.2", t0);
    CPPUNIT_ASSERT(throttle.retryAfter("bob", "10.0.0.3", t0));
  }

  void testTheLongerWaitOfUserAndAddressIsReported() {
    LoginThrottle throttle(limits(1, 2));
    throttle.recordFailure("alice", "10.0.0.1", t0);
    throttle.recordFailure("bob", "10.0.0.1", t0 + seconds(100));
    // bob's own failure frees at 400 s, the address's first slot at 300 s.
    const auto wait = throttle.retryAfter("bob", "10.0.0.1", t0 + seconds(100));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(300), static_cast<std::int64_t>(wait->count()));
  }

  void testEmptyAddressIsNotCounted() {
    LoginThrottle throttle(limits(100, 1));
    throttle.recordFailure("alice", "", t0);
    throttle.recordFailure("bob", "", t0);
    CPPUNIT_ASSERT(!throttle.retryAfter("carol", "", t0));
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), throttle.trackedCount());
  }

  void testSuccessClearsTheUsernameButNotTheAddress() {
    LoginThrottle throttle(limits(2, 3));
    throttle.recordFailure("bob", "10.0.0.1", t0);
    throttle.recordFailure("bob", "10.0.0.1", t0);
    CPPUNIT_ASSERT(throttle.retryAfter("bob", "10.0.0.2", t0));
    throttle.recordSuccess("bob");
    CPPUNIT_ASSERT(!throttle.retryAfter("bob", "10.0.0.2", t0));
    throttle.recordFailure("bob", "10.0.0.1", t0);
    CPPUNIT_ASSERT(throttle.retryAfter("alice", "10.0.0.1", t0));  // 3 from this address
  }

  void testExpiredEntriesAreEvictedWhenTheTableIsFull() {
    LoginThrottle throttle(limits(5, 5, 4));
    for (const char* user : {"u1", "u2", "u3", "u4"}) throttle.recordFailure(user, "", t0);
    CPPUNIT_ASSERT_EQUAL(std::size_t(4), throttle.trackedCount());
    throttle.recordFailure("u5", "", t0 + seconds(301));
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), throttle.trackedCount());
  }

  void testStalestEntryIsEvictedWhenEveryEntryIsLive() {
    LoginThrottle throttle(limits(1, 5, 3));
    for (int i = 0; i < 4; ++i) {
      throttle.recordFailure("u" + std::to_string(i), "", t0 + seconds(i));
    }
    CPPUNIT_ASSERT_EQUAL(std::size_t(3), throttle.trackedCount());
    CPPUNIT_ASSERT(!throttle.retryAfter("u0", "", t0 + seconds(4)));
    for (const char* user : {"u1", "u2", "u3"}) {
      CPPUNIT_ASSERT_MESSAGE(user, throttle.retryAfter(user, "", t0 + seconds(4)));
    }
  }

  void testConcurrentFailuresAreAllCounted() {
    LoginThrottle throttle(limits(400, 100000));
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
      threads.emplace_back([&throttle] {
        for (int j = 0; j < 99; ++j) throttle.recordFailure("bob", "10.0.0.1", t0);
      });
    }
    for (std::thread& thread : threads) thread.join();
    CPPUNIT_ASSERT(!throttle.retryAfter("bob", "10.0.0.1", t0));  // 396 of 400
    for (int j = 0; j < 4; ++j) throttle.recordFailure("bob", "10.0.0.1", t0);
    CPPUNIT_ASSERT(throttle.retryAfter("bob", "10.0.0.1", t0));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(LoginThrottleTest);

}  // namespace catalog::identity
