#include "observability/tracing/trace_context.hpp"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/String.h>
#include <cppunit/extensions/HelperMacros.h>

#include <map>
#include <string>

namespace catalog::host {
namespace {

const std::string kTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
const std::string kSpanId = "00f067aa0ba902b7";
const std::string kOtherTraceId = "a3ce929d0e0e47364bf92f3577b34da6";
const std::string kOtherSpanId = "b7ad6b7169203331";

std::string traceparent(const std::string& version, const std::string& trace_id,
                        const std::string& span_id, const std::string& flags) {
  return version + "-" + trace_id + "-" + span_id + "-" + flags;
}

// Headers as a request holds them: looked up by name in any case, empty when absent.
HeaderReader headers(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const std::string& name) {
    for (const auto& [key, value] : values) {
      if (Poco::icompare(key, name) == 0) return value;
    }
    return std::string();
  };
}

}  // namespace

class TraceContextTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(TraceContextTest);
  CPPUNIT_TEST(testTraceparentGivesIdsAndSampledFlag);
  CPPUNIT_TEST(testTraceparentFlagsWithoutSampledBitAreUnsampled);
  CPPUNIT_TEST(testTraceparentOfWrongLengthIsRefused);
  CPPUNIT_TEST(testTraceparentInUpperCaseIsRefused);
  CPPUNIT_TEST(testTraceparentWithAllZeroIdsIsRefused);
  CPPUNIT_TEST(testTraceparentVersionFfIsRefused);
  CPPUNIT_TEST(testTraceparentVersion00WithExtraFieldsIsRefused);
  CPPUNIT_TEST(testTraceparentWithNonHexIsRefused);
  CPPUNIT_TEST(testTraceparentOfFutureVersionIsAcceptedWithExtraFields);
  CPPUNIT_TEST(testTraceparentRoundTrips);
  CPPUNIT_TEST(testB3With128BitTraceId);
  CPPUNIT_TEST(testB3With64BitTraceIdIsWidenedWithZeros);
  CPPUNIT_TEST(testB3SamplingFlags);
  CPPUNIT_TEST(testB3WithoutSamplingLeavesTheDecisionToUs);
  CPPUNIT_TEST(testB3WithParentSpanIdKeepsOwnIds);
  CPPUNIT_TEST(testB3GarbageIsRefused);
  CPPUNIT_TEST(testB3LoneDenyIsNoContext);
  CPPUNIT_TEST(testB3Formatting);
  CPPUNIT_TEST(testB3MultiHeadersAcceptUpperCaseHex);
  CPPUNIT_TEST(testB3MultiHeadersRefuseBadIds);
  CPPUNIT_TEST(testTraceparentWinsOverB3Headers);
  CPPUNIT_TEST(testBrokenTraceparentFallsBackToB3);
  CPPUNIT_TEST(testB3MultiHeadersAreReadWhenAlone);
  CPPUNIT_TEST(testNoTraceHeadersGiveNoContext);
  CPPUNIT_TEST(testTraceHeadersAreRecognisedInAnyCase);
  CPPUNIT_TEST(testOtherHeadersAreNotTraceHeaders);
  CPPUNIT_TEST(testInjectSetsTraceparentAndB3Headers);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testTraceparentGivesIdsAndSampledFlag() {
    const auto context = TraceContext::fromTraceparent(traceparent("00", kTraceId, kSpanId, "01"));
    CPPUNIT_ASSERT(context.has_value());
    CPPUNIT_ASSERT_EQUAL(kTraceId, context->trace_id);
    CPPUNIT_ASSERT_EQUAL(kSpanId, context->span_id);
    CPPUNIT_ASSERT(context->sampled);
  }

  void testTraceparentFlagsWithoutSampledBitAreUnsampled() {
    const auto unsampled =
        TraceContext::fromTraceparent(traceparent("00", kTraceId, kSpanId, "00"));
    CPPUNIT_ASSERT(unsampled.has_value());
    CPPUNIT_ASSERT(!unsampled->sampled);
    // Only bit 0 means "sampled"; other flag bits say nothing about it.
    const auto other_bits =
        TraceContext::fromTraceparent(traceparent("00", kTraceId, kSpanId, "02"));
    CPPUNIT_ASSERT(other_bits.has_value());
    CPPUNIT_ASSERT(!other_bits->sampled);
  }

  void testTraceparentOfWrongLengthIsRefused() {
    CPPUNIT_ASSERT(
        !TraceContext::fromTraceparent(traceparent("00", kTraceId.substr(1), kSpanId, "01")));
    CPPUNIT_ASSERT(
        !TraceContext::fromTraceparent(traceparent("00", kTraceId, kSpanId + "a", "01")));
    CPPUNIT_ASSERT(!TraceContext::fromTraceparent(traceparent("00", kTraceId, kSpanId, "1")));
    CPPUNIT_ASSERT(!TraceContext::fromTraceparent(""));
  }

  void testTraceparentInUpperCaseIsRefused() {
    CPPUNIT_ASSERT(
        !TraceContext::fromTraceparent(traceparent("00", Poco::toUpper(kTraceId), kSpanId, "01")));
    CPPUNIT_ASSERT(
        !TraceContext::fromTraceparent(traceparent("00", kTraceId, Poco::toUpper(kSpanId), "01")));
  }

  void testTraceparentWithAllZeroIdsIsRefused() {
    CPPUNIT_ASSERT(
        !TraceContext::fromTraceparent(traceparent("00", std::string(32, '0'), kSpanId, "01")));
    CPPUNIT_ASSERT(
        !TraceContext::fromTraceparent(traceparent("00", kTraceId, std::string(16, '0'), "01")));
  }

  void testTraceparentVersionFfIsRefused() {
    CPPUNIT_ASSERT(!TraceContext::fromTraceparent(traceparent("ff", kTraceId, kSpanId, "01")));
  }

  void testTraceparentVersion00WithExtraFieldsIsRefused() {
    CPPUNIT_ASSERT(
        !TraceContext::fromTraceparent(traceparent("00", kTraceId, kSpanId, "01") + "-extra"));
  }

  void testTraceparentWithNonHexIsRefused() {
    std::string trace_id = kTraceId;
    trace_id[5] = 'g';
    CPPUNIT_ASSERT(!TraceContext::fromTraceparent(traceparent("00", trace_id, kSpanId, "01")));
    CPPUNIT_ASSERT(!TraceContext::fromTraceparent(traceparent("0x", kTraceId, kSpanId, "01")));
    CPPUNIT_ASSERT(!TraceContext::fromTraceparent(traceparent("00", kTraceId, kSpanId, "zz")));
  }

  void testTraceparentOfFutureVersionIsAcceptedWithExtraFields() {
    // W3C: a parser that knows version 00 reads a later version's first four fields and
    // ignores what follows another dash.
    const auto context =
        TraceContext::fromTraceparent(traceparent("01", kTraceId, kSpanId, "01") + "-extra");
    CPPUNIT_ASSERT(context.has_value());
    CPPUNIT_ASSERT_EQUAL(kTraceId, context->trace_id);
    CPPUNIT_ASSERT_EQUAL(kSpanId, context->span_id);
    CPPUNIT_ASSERT(context->sampled);
    CPPUNIT_ASSERT(
        !TraceContext::fromTraceparent(traceparent("01", kTraceId, kSpanId, "01") + "extra"));
  }

  void testTraceparentRoundTrips() {
    for (const bool sampled : {true, false}) {
      const TraceContext original{kTraceId, kSpanId, sampled};
      const std::string header = original.traceparent();
      CPPUNIT_ASSERT_EQUAL(traceparent("00", kTraceId, kSpanId, sampled ? "01" : "00"), header);
      const auto parsed = TraceContext::fromTraceparent(header);
      CPPUNIT_ASSERT(parsed.has_value());
      CPPUNIT_ASSERT_EQUAL(original.trace_id, parsed->trace_id);
      CPPUNIT_ASSERT_EQUAL(original.span_id, parsed->span_id);
      CPPUNIT_ASSERT_EQUAL(original.sampled, parsed->sampled);
    }
  }

  void testB3With128BitTraceId() {
    const auto context = TraceContext::fromB3(kTraceId + "-" + kSpanId + "-1");
    CPPUNIT_ASSERT(context.has_value());
    CPPUNIT_ASSERT_EQUAL(kTraceId, context->trace_id);
    CPPUNIT_ASSERT_EQUAL(kSpanId, context->span_id);
    CPPUNIT_ASSERT(context->sampled);
  }

  void testB3With64BitTraceIdIsWidenedWithZeros() {
    const auto context = TraceContext::fromB3("a3ce929d0e0e4736-" + kSpanId + "-1");
    CPPUNIT_ASSERT(context.has_value());
    CPPUNIT_ASSERT_EQUAL(std::string("0000000000000000a3ce929d0e0e4736"), context->trace_id);
  }

  void testB3SamplingFlags() {
    const std::string ids = kTraceId + "-" + kSpanId;
    const auto sampled = TraceContext::fromB3(ids + "-1");
    const auto denied = TraceContext::fromB3(ids + "-0");
    const auto debug = TraceContext::fromB3(ids + "-d");
    CPPUNIT_ASSERT(sampled && denied && debug);
    CPPUNIT_ASSERT(sampled->sampled);
    CPPUNIT_ASSERT(!denied->sampled);
    CPPUNIT_ASSERT(debug->sampled);  // debug implies sampled
  }

  // B3 without a sampling flag leaves the decision to the receiver; with one, it is made.
  void testB3WithoutSamplingLeavesTheDecisionToUs() {
    const auto context = TraceContext::fromB3(kTraceId + "-" + kSpanId);
    CPPUNIT_ASSERT(context.has_value());
    CPPUNIT_ASSERT_EQUAL(kSpanId, context->span_id);
    CPPUNIT_ASSERT(!context->decided);
    CPPUNIT_ASSERT(TraceContext::fromB3(kTraceId + "-" + kSpanId + "-0")->decided);
    CPPUNIT_ASSERT(
        TraceContext::fromTraceparent(traceparent("00", kTraceId, kSpanId, "00"))->decided);
  }

  void testB3WithParentSpanIdKeepsOwnIds() {
    const auto context = TraceContext::fromB3(kTraceId + "-" + kSpanId + "-0-" + kOtherSpanId);
    CPPUNIT_ASSERT(context.has_value());
    CPPUNIT_ASSERT_EQUAL(kTraceId, context->trace_id);
    CPPUNIT_ASSERT_EQUAL(kSpanId, context->span_id);
    CPPUNIT_ASSERT(!context->sampled);
  }

  void testB3GarbageIsRefused() {
    CPPUNIT_ASSERT(!TraceContext::fromB3("garbage"));
    CPPUNIT_ASSERT(!TraceContext::fromB3("not-hex-1"));
    CPPUNIT_ASSERT(!TraceContext::fromB3(kTraceId + "-" + kSpanId.substr(2) + "-1"));
    CPPUNIT_ASSERT(!TraceContext::fromB3(std::string(32, '0') + "-" + kSpanId + "-1"));
    CPPUNIT_ASSERT(!TraceContext::fromB3(""));
  }

  void testB3LoneDenyIsNoContext() { CPPUNIT_ASSERT(!TraceContext::fromB3("0")); }

  void testB3Formatting() {
    CPPUNIT_ASSERT_EQUAL(kTraceId + "-" + kSpanId + "-1",
                         (TraceContext{kTraceId, kSpanId, true}.b3()));
    CPPUNIT_ASSERT_EQUAL(kTraceId + "-" + kSpanId + "-0",
                         (TraceContext{kTraceId, kSpanId, false}.b3()));
  }

  void testB3MultiHeadersAcceptUpperCaseHex() {
    const auto context =
        TraceContext::fromB3Headers(Poco::toUpper(kTraceId), Poco::toUpper(kSpanId), "1");
    CPPUNIT_ASSERT(context.has_value());
    CPPUNIT_ASSERT_EQUAL(kTraceId, context->trace_id);
    CPPUNIT_ASSERT_EQUAL(kSpanId, context->span_id);
    CPPUNIT_ASSERT(context->sampled);
    const auto unsampled = TraceContext::fromB3Headers(kTraceId, kSpanId, "0");
    CPPUNIT_ASSERT(unsampled.has_value());
    CPPUNIT_ASSERT(!unsampled->sampled);
  }

  void testB3MultiHeadersRefuseBadIds() {
    CPPUNIT_ASSERT(!TraceContext::fromB3Headers(kTraceId, "", "1"));
    CPPUNIT_ASSERT(!TraceContext::fromB3Headers("xyz", kSpanId, "1"));
    CPPUNIT_ASSERT(!TraceContext::fromB3Headers(kTraceId, std::string(16, '0'), "1"));
  }

  void testTraceparentWinsOverB3Headers() {
    const auto context =
        extractTraceContext(headers({{"traceparent", traceparent("00", kTraceId, kSpanId, "01")},
                                     {"b3", kOtherTraceId + "-" + kOtherSpanId + "-1"},
                                     {"X-B3-TraceId", kOtherTraceId},
                                     {"X-B3-SpanId", kOtherSpanId}}));
    CPPUNIT_ASSERT(context.has_value());
    CPPUNIT_ASSERT_EQUAL(kTraceId, context->trace_id);
    CPPUNIT_ASSERT_EQUAL(kSpanId, context->span_id);
  }

  void testBrokenTraceparentFallsBackToB3() {
    const auto context =
        extractTraceContext(headers({{"Traceparent", "00-broken"},
                                     {"B3", kOtherTraceId + "-" + kOtherSpanId + "-0"},
                                     {"x-b3-traceid", kTraceId},
                                     {"x-b3-spanid", kSpanId}}));
    CPPUNIT_ASSERT(context.has_value());
    CPPUNIT_ASSERT_EQUAL(kOtherTraceId, context->trace_id);
    CPPUNIT_ASSERT_EQUAL(kOtherSpanId, context->span_id);
    CPPUNIT_ASSERT(!context->sampled);
  }

  void testB3MultiHeadersAreReadWhenAlone() {
    const auto context = extractTraceContext(
        headers({{"x-b3-traceid", kTraceId}, {"x-b3-spanid", kSpanId}, {"x-b3-sampled", "0"}}));
    CPPUNIT_ASSERT(context.has_value());
    CPPUNIT_ASSERT_EQUAL(kTraceId, context->trace_id);
    CPPUNIT_ASSERT_EQUAL(kSpanId, context->span_id);
    CPPUNIT_ASSERT(!context->sampled);
  }

  void testNoTraceHeadersGiveNoContext() {
    CPPUNIT_ASSERT(!extractTraceContext(headers({})));
    CPPUNIT_ASSERT(!extractTraceContext(
        headers({{"Authorization", "Bearer a.b.c"}, {"tracestate", "vendor=value"}})));
  }

  void testTraceHeadersAreRecognisedInAnyCase() {
    for (const char* name :
         {"traceparent", "TraceParent", "b3", "B3", "X-B3-TraceId", "x-b3-traceid", "X-B3-SAMPLED"})
      CPPUNIT_ASSERT_MESSAGE(name, isTraceHeader(name));
  }

  void testOtherHeadersAreNotTraceHeaders() {
    for (const char* name : {"tracestate", "Authorization", "b", "b3x", "traceparent2", "X-B3-"})
      CPPUNIT_ASSERT_MESSAGE(name, !isTraceHeader(name));
  }

  void testInjectSetsTraceparentAndB3Headers() {
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/api/v1/things");
    injectTraceHeaders({kTraceId, kSpanId, false}, request);
    CPPUNIT_ASSERT_EQUAL(traceparent("00", kTraceId, kSpanId, "00"), request.get("traceparent"));
    CPPUNIT_ASSERT_EQUAL(kTraceId, request.get("X-B3-TraceId"));
    CPPUNIT_ASSERT_EQUAL(kSpanId, request.get("X-B3-SpanId"));
    CPPUNIT_ASSERT_EQUAL(std::string("0"), request.get("X-B3-Sampled"));
    // What is set reads back as the same context, as the next hop would read it.
    const auto read_back =
        extractTraceContext([&request](const std::string& name) { return request.get(name, ""); });
    CPPUNIT_ASSERT(read_back.has_value());
    CPPUNIT_ASSERT_EQUAL(kSpanId, read_back->span_id);
    CPPUNIT_ASSERT(!read_back->sampled);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TraceContextTest);

}  // namespace catalog::host
