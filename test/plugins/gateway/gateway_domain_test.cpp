// The gateway's rules without a host: the circuit breaker's states (SRS §3.2.7: 3 failures,
// 20 s open, 3 trials half-open), the per-client token buckets and the routing table.
#include <cppunit/extensions/HelperMacros.h>

#include <stdexcept>

#include "domain/circuit_breaker.hpp"
#include "domain/rate_limiter.hpp"
#include "domain/route_table.hpp"

namespace catalog::gateway {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using State = CircuitBreaker::State;

const CircuitBreaker::Clock::time_point kStart{};

CircuitBreaker srsBreaker() { return CircuitBreaker(CircuitBreaker::Settings{}); }

void failTimes(CircuitBreaker& breaker, int times, CircuitBreaker::Clock::time_point at) {
  for (int i = 0; i < times; ++i) {
    CPPUNIT_ASSERT(breaker.acquire(at).allowed);
    breaker.failed(at);
  }
}

}  // namespace

class GatewayDomainTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(GatewayDomainTest);
  CPPUNIT_TEST(testBreakerOpensAfterThreeConsecutiveFailures);
  CPPUNIT_TEST(testSuccessResetsTheFailureCount);
  CPPUNIT_TEST(testOpenBreakerRefusesWithTheTimeLeft);
  CPPUNIT_TEST(testHalfOpenAdmitsThreeTrialsAndClosesAfterThreeSuccesses);
  CPPUNIT_TEST(testTrialFailureOpensAgain);
  CPPUNIT_TEST(testBucketAllowsTheBurstThenSaysWhenToRetry);
  CPPUNIT_TEST(testBucketRefillsAtTheRate);
  CPPUNIT_TEST(testClientsHaveTheirOwnBuckets);
  CPPUNIT_TEST(testFullTableOfBusyClientsLetsNewClientsThrough);
  CPPUNIT_TEST(testDefaultRoutesFollowTheSrs);
  CPPUNIT_TEST(testPrefixMatchesWholeSegmentsLongestFirst);
  CPPUNIT_TEST(testConfiguredRoutesAddAndReplace);
  CPPUNIT_TEST(testMalformedRoutesAreRefused);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testBreakerOpensAfterThreeConsecutiveFailures() {
    CircuitBreaker breaker = srsBreaker();
    failTimes(breaker, 2, kStart);
    CPPUNIT_ASSERT(State::Closed == breaker.state(kStart));
    CPPUNIT_ASSERT_EQUAL(2, breaker.consecutiveFailures());
    failTimes(breaker, 1, kStart);
    CPPUNIT_ASSERT(State::Open == breaker.state(kStart));
    CPPUNIT_ASSERT(!breaker.acquire(kStart).allowed);
  }

  void testSuccessResetsTheFailureCount() {
    CircuitBreaker breaker = srsBreaker();
    failTimes(breaker, 2, kStart);
    CPPUNIT_ASSERT(breaker.acquire(kStart).allowed);
    breaker.succeeded();
    failTimes(breaker, 2, kStart);
    CPPUNIT_ASSERT(State::Closed == breaker.state(kStart));
  }

  void testOpenBreakerRefusesWithTheTimeLeft() {
    CircuitBreaker breaker = srsBreaker();
    failTimes(breaker, 3, kStart);
    const CircuitBreaker::Permit permit = breaker.acquire(kStart + seconds(5));
    CPPUNIT_ASSERT(!permit.allowed);
    CPPUNIT_ASSERT_EQUAL(milliseconds(15000).count(), permit.retry_after.count());
    CPPUNIT_ASSERT_EQUAL(milliseconds(15000).count(),
                         breaker.retryAfter(kStart + seconds(5)).count());
    CPPUNIT_ASSERT(State::HalfOpen == breaker.state(kStart + seconds(20)));
  }

  void testHalfOpenAdmitsThreeTrialsAndClosesAfterThreeSuccesses() {
    CircuitBreaker breaker = srsBreaker();
    failTimes(breaker, 3, kStart);
    const auto later = kStart + seconds(20);
    for (int i = 0; i < 3; ++i) CPPUNIT_ASSERT(breaker.acquire(later).allowed);
    CPPUNIT_ASSERT(!breaker.acquire(later).allowed);  // the fourth waits for their verdict
    breaker.succeeded();
    breaker.succeeded();
    CPPUNIT_ASSERT(State::HalfOpen == breaker.state(later));
    breaker.succeeded();
    CPPUNIT_ASSERT(State::Closed == breaker.state(later));
    CPPUNIT_ASSERT(breaker.acquire(later).allowed);
  }

  void testTrialFailureOpensAgain() {
    CircuitBreaker breaker = srsBreaker();
    failTimes(breaker, 3, kStart);
    const auto later = kStart + seconds(21);
    CPPUNIT_ASSERT(breaker.acquire(later).allowed);
    breaker.failed(later);
    CPPUNIT_ASSERT(State::Open == breaker.state(later));
    CPPUNIT_ASSERT_EQUAL(milliseconds(20000).count(), breaker.acquire(later).retry_after.count());
  }

  void testBucketAllowsTheBurstThenSaysWhenToRetry() {
    RateLimiter limiter({2, 3, 100});
    const auto now = RateLimiter::Clock::time_point{};
    for (int i = 0; i < 3; ++i) CPPUNIT_ASSERT(limiter.take("a", now).allowed);
    const RateLimiter::Verdict refused = limiter.take("a", now);
    CPPUNIT_ASSERT(!refused.allowed);
    CPPUNIT_ASSERT_EQUAL(milliseconds(500).count(), refused.retry_after.count());
  }

  void testBucketRefillsAtTheRate() {
    RateLimiter limiter({2, 3, 100});
    const auto now = RateLimiter::Clock::time_point{};
    for (int i = 0; i < 3; ++i) limiter.take("a", now);
    CPPUNIT_ASSERT(!limiter.take("a", now + milliseconds(400)).allowed);
    CPPUNIT_ASSERT(limiter.take("a", now + milliseconds(500)).allowed);
    CPPUNIT_ASSERT(limiter.take("a", now + milliseconds(1000)).allowed);
    CPPUNIT_ASSERT(!limiter.take("a", now + milliseconds(1000)).allowed);
  }

  void testClientsHaveTheirOwnBuckets() {
    RateLimiter limiter({1, 1, 100});
    const auto now = RateLimiter::Clock::time_point{};
    CPPUNIT_ASSERT(limiter.take("user:1", now).allowed);
    CPPUNIT_ASSERT(!limiter.take("user:1", now).allowed);
    CPPUNIT_ASSERT(limiter.take("user:2", now).allowed);
  }

  void testFullTableOfBusyClientsLetsNewClientsThrough() {
    RateLimiter limiter({1, 1, 2});
    const auto now = RateLimiter::Clock::time_point{} + seconds(10);
    limiter.take("a", now);
    limiter.take("b", now);
    CPPUNIT_ASSERT(limiter.take("c", now).allowed);
    CPPUNIT_ASSERT(limiter.take("c", now).allowed);   // unmetered: the table is full
    CPPUNIT_ASSERT(!limiter.take("a", now).allowed);  // the known ones stay limited
    // Once a and b have refilled, they are forgotten and c gets a bucket of its own.
    const auto later = now + seconds(5);
    CPPUNIT_ASSERT(limiter.take("c", later).allowed);
    CPPUNIT_ASSERT(!limiter.take("c", later).allowed);
  }

  void testDefaultRoutesFollowTheSrs() {
    const RouteTable table = RouteTable::defaults();
    CPPUNIT_ASSERT_EQUAL(std::string("identity"), *table.serviceFor("/api/v1/auth/login"));
    CPPUNIT_ASSERT_EQUAL(std::string("identity"), *table.serviceFor("/.well-known/jwks.json"));
    CPPUNIT_ASSERT_EQUAL(std::string("characteristic"),
                         *table.serviceFor("/api/v1/characteristics"));
    CPPUNIT_ASSERT_EQUAL(std::string("specification"),
                         *table.serviceFor("/api/v1/specifications/x"));
    CPPUNIT_ASSERT_EQUAL(std::string("pricing"), *table.serviceFor("/api/v1/prices/locks"));
    CPPUNIT_ASSERT_EQUAL(std::string("offering"), *table.serviceFor("/api/v1/offerings/x/publish"));
    CPPUNIT_ASSERT_EQUAL(std::string("store"), *table.serviceFor("/api/v1/store/search"));
    CPPUNIT_ASSERT_EQUAL(std::string("engine"), *table.serviceFor("/engine-rest/external-task"));
    CPPUNIT_ASSERT(!table.serviceFor("/"));
    CPPUNIT_ASSERT(!table.serviceFor("/store/offerings/x"));  // a page of the web UI
  }

  void testPrefixMatchesWholeSegmentsLongestFirst() {
    RouteTable table;
    table.add("/api", "a");
    table.add("/api/v1/special", "b");
    CPPUNIT_ASSERT_EQUAL(std::string("b"), *table.serviceFor("/api/v1/special/1"));
    CPPUNIT_ASSERT_EQUAL(std::string("a"), *table.serviceFor("/api/v1/specialist"));
    CPPUNIT_ASSERT(!table.serviceFor("/apis"));
  }

  void testConfiguredRoutesAddAndReplace() {
    RouteTable table = RouteTable::defaults();
    table.addAll(" /greetings = greeting , /api/v1/store=store-v2,");
    CPPUNIT_ASSERT_EQUAL(std::string("greeting"), *table.serviceFor("/greetings/1"));
    CPPUNIT_ASSERT_EQUAL(std::string("store-v2"), *table.serviceFor("/api/v1/store/search"));
    const auto services = table.services();
    CPPUNIT_ASSERT(std::find(services.begin(), services.end(), "store") == services.end());
  }

  void testMalformedRoutesAreRefused() {
    RouteTable table;
    CPPUNIT_ASSERT_THROW(table.addAll("/greetings"), std::invalid_argument);
    CPPUNIT_ASSERT_THROW(table.addAll("greetings=greeting"), std::invalid_argument);
    CPPUNIT_ASSERT_THROW(table.addAll("/greetings/=greeting"), std::invalid_argument);
    CPPUNIT_ASSERT_THROW(table.addAll("/greetings="), std::invalid_argument);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(GatewayDomainTest);

}  // namespace catalog::gateway
