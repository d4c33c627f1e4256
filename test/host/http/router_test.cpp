#include "http/router.hpp"

#include <cppunit/extensions/HelperMacros.h>

namespace catalog::host {
namespace {

int noop(void*, const catalog_request*, catalog_response*) { return CATALOG_OK; }

Route route(const std::string& method, const std::string& pattern) {
  Route r;
  r.method = method;
  r.pattern = pattern;
  r.handler = &noop;
  return r;
}

}  // namespace

class RouterTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(RouterTest);
  CPPUNIT_TEST(testCaptureIsDecoded);
  CPPUNIT_TEST(testLiteralSegmentWinsOverCapture);
  CPPUNIT_TEST(testUnknownPathIsNotFound);
  CPPUNIT_TEST(testOtherMethodIsNotAllowedAndListsAllowed);
  CPPUNIT_TEST(testClashingRouteIsRejected);
  CPPUNIT_TEST(testEmptySegmentDoesNotMatchCapture);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testCaptureIsDecoded() {
    Router router;
    router.add(route("GET", "/api/v1/things/{id}"));
    const auto match = router.match("GET", "/api/v1/things/a%20b");
    CPPUNIT_ASSERT(match.outcome == Router::Outcome::Found);
    CPPUNIT_ASSERT_EQUAL(std::string("id"), match.params.at(0).first);
    CPPUNIT_ASSERT_EQUAL(std::string("a b"), match.params.at(0).second);
  }

  void testLiteralSegmentWinsOverCapture() {
    Router router;
    router.add(route("GET", "/api/v1/things/{id}"));
    router.add(route("GET", "/api/v1/things/search"));
    const auto match = router.match("GET", "/api/v1/things/search");
    CPPUNIT_ASSERT_EQUAL(std::string("/api/v1/things/search"), match.route->pattern);
  }

  void testUnknownPathIsNotFound() {
    Router router;
    router.add(route("GET", "/api/v1/things"));
    CPPUNIT_ASSERT(router.match("GET", "/api/v1/other").outcome == Router::Outcome::NotFound);
    CPPUNIT_ASSERT(router.match("GET", "/api/v1/things/x").outcome == Router::Outcome::NotFound);
  }

  void testOtherMethodIsNotAllowedAndListsAllowed() {
    Router router;
    router.add(route("GET", "/api/v1/things"));
    router.add(route("POST", "/api/v1/things"));
    const auto match = router.match("DELETE", "/api/v1/things");
    CPPUNIT_ASSERT(match.outcome == Router::Outcome::MethodNotAllowed);
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, match.allowed.size());
  }

  void testClashingRouteIsRejected() {
    Router router;
    router.add(route("GET", "/api/v1/things/{id}"));
    CPPUNIT_ASSERT_THROW(router.add(route("GET", "/api/v1/things/{other}")), std::invalid_argument);
    router.add(route("PUT", "/api/v1/things/{id}"));  // another method is no clash
  }

  void testEmptySegmentDoesNotMatchCapture() {
    Router router;
    router.add(route("GET", "/api/v1/things/{id}"));
    CPPUNIT_ASSERT(router.match("GET", "/api/v1/things/").outcome == Router::Outcome::NotFound);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RouterTest);

}  // namespace catalog::host
