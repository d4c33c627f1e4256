#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/ServerSocket.h>
#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "catalog/sdk/json.hpp"
#include "observability/json_log_formatter.hpp"
#include "observability/log.hpp"
#include "observability/metrics/metric_registry.hpp"
#include "observability/tracing/http_client_span.hpp"
#include "observability/tracing/span.hpp"
#include "observability/tracing/tracer.hpp"
#include "observability/tracing/zipkin_exporter.hpp"
#include "storage/database.hpp"
#include "storage/transaction.hpp"
#include "support/free_port.hpp"
#include "support/metrics.hpp"
#include "support/temp_dir.hpp"
#include "support/zipkin_collector.hpp"

namespace catalog::host {
namespace {

const TraceContext kCaller{"4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true};

// Keeps the lines a logger writes, formatted, as a console would show them.
class LineChannel : public Poco::Channel {
 public:
  void log(const Poco::Message& message) override {
    const std::lock_guard lock(mutex_);
    lines_.push_back(message.getText());
  }

  std::vector<std::string> lines() const {
    const std::lock_guard lock(mutex_);
    return lines_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

// A logger named `name` whose lines, formatted by JsonLogFormatter, end up in `channel`.
Poco::Logger& capturingLogger(const std::string& name, const Poco::AutoPtr<LineChannel>& channel) {
  Poco::Logger& logger = Poco::Logger::get(name);
  logger.setChannel(new Poco::FormattingChannel(new JsonLogFormatter, channel));
  logger.setLevel(Poco::Message::PRIO_INFORMATION);
  return logger;
}

// For tracers whose export failures are expected and not the point of the test.
Poco::Logger& quietLogger() {
  Poco::Logger& logger = Poco::Logger::get("tracing-test-quiet");
  logger.setLevel(Poco::Message::PRIO_FATAL);
  return logger;
}

TracingSettings settings(std::string zipkin_url, double sample_ratio = 1.0,
                         std::size_t queue_spans = 10000) {
  return {std::move(zipkin_url), sample_ratio, queue_spans};
}

bool isLowerHex(const std::string& text, std::size_t length) {
  return text.size() == length && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::int64_t microsSinceEpoch() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The value of a series that must be in the exposition.
double counted(const std::string& exposition, const std::string& series) {
  const std::optional<double> value = test::seriesValue(exposition, series);
  CPPUNIT_ASSERT_MESSAGE(series + " is missing from:\n" + exposition, value.has_value());
  return *value;
}

const std::string kQueueFull = "catalog_trace_spans_dropped_total{reason=\"queue_full\"}";
const std::string kExportFailed = "catalog_trace_spans_dropped_total{reason=\"export_failed\"}";
const std::string kExported = "catalog_trace_spans_exported_total";

const sdk::Json* spanNamed(const std::vector<sdk::Json>& spans, const std::string& name) {
  const auto found = std::find_if(spans.begin(), spans.end(), [&name](const sdk::Json& span) {
    return span.value("name", "") == name;
  });
  return found == spans.end() ? nullptr : &*found;
}

// Starts and ends `count` root spans, each handed to the tracer as it ends.
void finishSpans(Tracer& tracer, int count) {
  for (int i = 0; i < count; ++i)
    Span(tracer, "span " + std::to_string(i), SpanKind::Internal, "catalogd", std::nullopt);
}

}  // namespace

class TracingTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(TracingTest);
  CPPUNIT_TEST(testSpansWithoutCollectorHaveIdsButRecordNothing);
  CPPUNIT_TEST(testChildSharesTraceIdButNotSpanId);
  CPPUNIT_TEST(testChildOutsideCurrentSpanIsInert);
  CPPUNIT_TEST(testCurrentSpanNestsAndRestoresThePrevious);
  CPPUNIT_TEST(testZeroRatioNeverSamples);
  CPPUNIT_TEST(testFullRatioAlwaysSamples);
  CPPUNIT_TEST(testHalfRatioSamplesAboutHalf);
  CPPUNIT_TEST(testChildKeepsItsParentsDecision);
  CPPUNIT_TEST(testNeverSamplingGivesUnsampledRoot);
  CPPUNIT_TEST(testUndecidedCallerIsSampledByTheRatio);
  CPPUNIT_TEST(testInvalidRatioIsRefused);
  CPPUNIT_TEST(testSpanTreeArrivesAsZipkinJson);
  CPPUNIT_TEST(testSpanEndedByAnExceptionIsMarkedFailed);
  CPPUNIT_TEST(testTagsAreValidJsonWhateverTheirBytes);
  CPPUNIT_TEST(testStoppingBeforeAHangingCollectorTakesSeconds);
  CPPUNIT_TEST(testTransactionSpansNameTheirWriteAndOutcome);
  CPPUNIT_TEST(testManySpansAreSentInBatches);
  CPPUNIT_TEST(testFullQueueDropsAndCountsSpans);
  CPPUNIT_TEST(testFinishingSpansNeverBlocks);
  CPPUNIT_TEST(testRefusedBatchesAreCountedAsExportFailed);
  CPPUNIT_TEST(testRefusedBatchIsLoggedAsWarning);
  CPPUNIT_TEST(testAcceptedSpansAreCountedAsExported);
  CPPUNIT_TEST(testNonHttpZipkinUrlIsRefused);
  CPPUNIT_TEST(testBaseZipkinUrlGetsSpansPath);
  CPPUNIT_TEST(testHttpClientSpanMarksTheRequest);
  CPPUNIT_TEST(testHttpClientSpanOutsideTraceLeavesRequestUnmarked);
  CPPUNIT_TEST(testLogInsideSpanCarriesItsIds);
  CPPUNIT_TEST(testLogOutsideSpanHasEmptyIds);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testSpansWithoutCollectorHaveIdsButRecordNothing() {
    MetricRegistry metrics;
    Tracer tracer(settings(""), metrics, quietLogger());
    const Span root(tracer, "GET /api/v1/things", SpanKind::Server, "catalogd", std::nullopt);
    CPPUNIT_ASSERT(root.active());
    CPPUNIT_ASSERT(!root.recording());
    CPPUNIT_ASSERT_MESSAGE(root.context().trace_id, isLowerHex(root.context().trace_id, 32));
    CPPUNIT_ASSERT_MESSAGE(root.context().span_id, isLowerHex(root.context().span_id, 16));
    CPPUNIT_ASSERT(root.context().sampled);
  }

  void testChildSharesTraceIdButNotSpanId() {
    MetricRegistry metrics;
    Tracer tracer(settings(""), metrics, quietLogger());
    const Span root(tracer, "GET /api/v1/things", SpanKind::Server, "catalogd", std::nullopt);
    const CurrentSpan current(root);
    const Span child = Span::child("select things", SpanKind::Client);
    CPPUNIT_ASSERT(child.active());
    CPPUNIT_ASSERT_EQUAL(root.context().trace_id, child.context().trace_id);
    CPPUNIT_ASSERT(isLowerHex(child.context().span_id, 16));
    CPPUNIT_ASSERT(root.context().span_id != child.context().span_id);
    CPPUNIT_ASSERT_EQUAL(std::string("catalogd"), child.service());
  }

  void testChildOutsideCurrentSpanIsInert() {
    CPPUNIT_ASSERT(Span::current() == nullptr);
    const Span orphan = Span::child("select things", SpanKind::Client, "things");
    CPPUNIT_ASSERT(!orphan.active());
    CPPUNIT_ASSERT(!orphan.recording());
    CPPUNIT_ASSERT(orphan.context().trace_id.empty());
    CPPUNIT_ASSERT(orphan.context().span_id.empty());
  }

  void testCurrentSpanNestsAndRestoresThePrevious() {
    MetricRegistry metrics;
    Tracer tracer(settings(""), metrics, quietLogger());
    const Span outer(tracer, "outer", SpanKind::Server, "catalogd", std::nullopt);
    const Span inner(tracer, "inner", SpanKind::Internal, "catalogd", outer.context());
    {
      const CurrentSpan outer_scope(outer);
      CPPUNIT_ASSERT(Span::current() == &outer);
      {
        const CurrentSpan inner_scope(inner);
        CPPUNIT_ASSERT(Span::current() == &inner);
      }
      CPPUNIT_ASSERT(Span::current() == &outer);
    }
    CPPUNIT_ASSERT(Span::current() == nullptr);
  }

  void testZeroRatioNeverSamples() {
    MetricRegistry metrics;
    const Tracer tracer(settings("", 0.0), metrics, quietLogger());
    for (int i = 0; i < 2000; ++i) CPPUNIT_ASSERT(!tracer.newTrace().sampled);
  }

  void testFullRatioAlwaysSamples() {
    MetricRegistry metrics;
    const Tracer tracer(settings("", 1.0), metrics, quietLogger());
    for (int i = 0; i < 2000; ++i) CPPUNIT_ASSERT(tracer.newTrace().sampled);
  }

  void testHalfRatioSamplesAboutHalf() {
    MetricRegistry metrics;
    const Tracer tracer(settings("", 0.5), metrics, quietLogger());
    constexpr int kTraces = 2000;
    int sampled = 0;
    for (int i = 0; i < kTraces; ++i) sampled += tracer.newTrace().sampled ? 1 : 0;
    // A binomial(2000, 0.5) leaves 35%–65% only with a vanishing probability.
    CPPUNIT_ASSERT_MESSAGE(std::to_string(sampled), sampled > kTraces * 35 / 100);
    CPPUNIT_ASSERT_MESSAGE(std::to_string(sampled), sampled < kTraces * 65 / 100);
  }

  void testChildKeepsItsParentsDecision() {
    MetricRegistry never_metrics;
    const Tracer never(settings("", 0.0), never_metrics, quietLogger());
    const TraceContext kept = never.childOf(kCaller);
    CPPUNIT_ASSERT(kept.sampled);
    CPPUNIT_ASSERT_EQUAL(kCaller.trace_id, kept.trace_id);

    MetricRegistry always_metrics;
    const Tracer always(settings("", 1.0), always_metrics, quietLogger());
    const TraceContext declined = always.childOf({kCaller.trace_id, kCaller.span_id, false});
    CPPUNIT_ASSERT(!declined.sampled);
  }

  void testNeverSamplingGivesUnsampledRoot() {
    test::ZipkinCollector collector;
    MetricRegistry metrics;
    Tracer tracer(settings(collector.url(), 1.0), metrics, quietLogger());
    const Span poll(tracer, "poll outbox", SpanKind::Internal, "catalogd", std::nullopt,
                    Span::Sampling::Never);
    CPPUNIT_ASSERT(poll.active());
    CPPUNIT_ASSERT(!poll.context().sampled);
    CPPUNIT_ASSERT(!poll.recording());
    CPPUNIT_ASSERT(isLowerHex(poll.context().trace_id, 32));
  }

  // A B3 caller without a sampling flag can't make us record what the ratio would not.
  void testUndecidedCallerIsSampledByTheRatio() {
    MetricRegistry metrics;
    const Tracer never(settings("", 0.0), metrics, quietLogger());
    MetricRegistry other;
    const Tracer always(settings("", 1.0), other, quietLogger());
    TraceContext undecided = kCaller;
    undecided.decided = false;
    CPPUNIT_ASSERT(!never.childOf(undecided).sampled);
    CPPUNIT_ASSERT(always.childOf(undecided).sampled);
    CPPUNIT_ASSERT(never.childOf(kCaller).sampled);  // a caller's decision stands
  }

  void testInvalidRatioIsRefused() {
    for (const double ratio : {1.5, -0.1, std::numeric_limits<double>::quiet_NaN()}) {
      MetricRegistry metrics;
      CPPUNIT_ASSERT_THROW_MESSAGE(std::to_string(ratio),
                                   Tracer(settings("", ratio), metrics, quietLogger()),
                                   std::invalid_argument);
    }
  }

  // A transaction within a trace is a span named after its write, with its outcome; one whose
  // statement failed is an error and rolled back; one outside any trace is no span at all.
  void testTransactionSpansNameTheirWriteAndOutcome() {
    test::ZipkinCollector collector;
    MetricRegistry metrics;
    Tracer tracer(settings(collector.url()), metrics, quietLogger());
    tracer.start();
    test::TempDir dir;
    const std::unique_ptr<Database> database = Database::open("sqlite:" + dir.file("t.db"));
    {
      Transaction setup(*database, true);
      setup.execute("CREATE TABLE things (name TEXT NOT NULL)", {});
      setup.commit();
    }
    {
      const Span request(tracer, "request", SpanKind::Server, "things", kCaller);
      const CurrentSpan current(request);
      {
        Transaction written(*database, true);
        written.execute("SELECT name FROM things", {}, true);
        written.execute("INSERT INTO things (name) VALUES ('a')", {});
        written.commit();
      }
      Transaction failed(*database, true);
      CPPUNIT_ASSERT_THROW(failed.execute("INSERT INTO things (name) VALUES (NULL)", {}), SqlError);
    }
    tracer.stop();
    const std::vector<sdk::Json> spans = collector.trace(kCaller.trace_id);
    CPPUNIT_ASSERT_EQUAL(std::size_t{3}, spans.size());
    std::vector<sdk::Json> inserts;
    for (const sdk::Json& span : spans)
      if (span.value("name", "") == "INSERT things") inserts.push_back(span);
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, inserts.size());
    const sdk::Json& committed =
        inserts[0]["tags"].value("db.outcome", "") == "commit" ? inserts[0] : inserts[1];
    const sdk::Json& rolled_back = &committed == &inserts[0] ? inserts[1] : inserts[0];
    CPPUNIT_ASSERT_EQUAL(std::string("2"), committed["tags"].value("db.statements", ""));
    CPPUNIT_ASSERT(!committed["tags"].contains("error"));
    CPPUNIT_ASSERT_EQUAL(std::string("sqlite"),
                         committed["remoteEndpoint"].value("serviceName", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("things"),
                         committed["localEndpoint"].value("serviceName", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("rollback"), rolled_back["tags"].value("db.outcome", ""));
    CPPUNIT_ASSERT(rolled_back["tags"].value("error", "").find("NOT NULL") != std::string::npos);
  }

  // A collector that takes the connection and never answers: stopping gives up after one batch
  // times out and drops the rest, instead of waiting a timeout per batch.
  void testStoppingBeforeAHangingCollectorTakesSeconds() {
    Poco::Net::ServerSocket hanging(Poco::Net::SocketAddress("127.0.0.1", 0), 64);
    MetricRegistry metrics;
    Tracer tracer(settings("http://127.0.0.1:" + std::to_string(hanging.address().port())), metrics,
                  quietLogger());
    tracer.start();
    finishSpans(tracer, 5000);
    const auto stopping = std::chrono::steady_clock::now();
    tracer.stop();
    const auto took = std::chrono::steady_clock::now() - stopping;
    CPPUNIT_ASSERT_MESSAGE(std::to_string(std::chrono::duration<double>(took).count()) + " s",
                           took < std::chrono::seconds(8));
    const std::string exposition = metrics.exposition();
    CPPUNIT_ASSERT_EQUAL(5000.0, counted(exposition, kExportFailed));
  }

  // A span unwound by an exception is an error without anyone saying so; the first cause given
  // is the one kept.
  // A path from a client may hold quotes, control characters or bytes that are not UTF-8: the
  // batch stays valid JSON, the text survives, and what is not UTF-8 becomes U+FFFD.
  void testTagsAreValidJsonWhateverTheirBytes() {
    test::ZipkinCollector collector;
    MetricRegistry metrics;
    Tracer tracer(settings(collector.url()), metrics, quietLogger());
    tracer.start();
    {
      Span span(tracer, "GET /\"odd\"", SpanKind::Server, "caf\xc3\xa9", kCaller);
      span.tag("http.path", "/a\"b\\c\nd\x01e\xff\xc3(f\xe2\x82\xac\xed\xa0\x80");
    }
    tracer.stop();
    const std::vector<sdk::Json> spans = collector.trace(kCaller.trace_id);
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, spans.size());
    CPPUNIT_ASSERT_EQUAL(std::string("GET /\"odd\""), spans[0].value("name", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("caf\xc3\xa9"),
                         spans[0]["localEndpoint"].value("serviceName", ""));
    // \xff, \xc3 without its continuation, and each byte of an encoded surrogate are replaced.
    CPPUNIT_ASSERT_EQUAL(std::string("/a\"b\\c\nd\x01e\xef\xbf\xbd\xef\xbf\xbd(f\xe2\x82\xac"
                                     "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"),
                         spans[0]["tags"].value("http.path", ""));
  }

  void testSpanEndedByAnExceptionIsMarkedFailed() {
    test::ZipkinCollector collector;
    MetricRegistry metrics;
    Tracer tracer(settings(collector.url()), metrics, quietLogger());
    tracer.start();
    try {
      const Span unwound(tracer, "unwound", SpanKind::Internal, "catalogd", kCaller);
      throw std::runtime_error("boom");
    } catch (const std::runtime_error&) {
      const Span handling(tracer, "handling", SpanKind::Internal, "catalogd", kCaller);
    }
    {
      Span explained(tracer, "explained", SpanKind::Internal, "catalogd", kCaller);
      explained.fail("disk full");
      explained.fail("later");
    }
    tracer.stop();
    const std::vector<sdk::Json> spans = collector.trace(kCaller.trace_id);
    CPPUNIT_ASSERT_EQUAL(std::size_t{3}, spans.size());
    CPPUNIT_ASSERT_EQUAL(std::string("ended by an exception"),
                         spanNamed(spans, "unwound")->at("tags").value("error", ""));
    CPPUNIT_ASSERT(!spanNamed(spans, "handling")->contains("tags"));
    CPPUNIT_ASSERT_EQUAL(std::string("disk full"),
                         spanNamed(spans, "explained")->at("tags").value("error", ""));
  }

  void testSpanTreeArrivesAsZipkinJson() {
    test::ZipkinCollector collector;
    MetricRegistry metrics;
    Tracer tracer(settings(collector.url()), metrics, quietLogger());
    tracer.start();
    const std::int64_t before = microsSinceEpoch();
    std::string server_id;
    std::string client_id;
    {
      Span server(tracer, "GET /api/v1/things", SpanKind::Server, "catalogd", kCaller);
      server_id = server.context().span_id;
      const CurrentSpan current(server);
      Span client = Span::child("select things", SpanKind::Client, "things");
      client_id = client.context().span_id;
      client.setRemoteService("sqlite");
      client.tag("db.system", "sqlite");
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      client.fail("disk I/O error");
      client.end();
      const Span check = Span::child("check things", SpanKind::Internal);
    }
    const std::int64_t after = microsSinceEpoch();
    tracer.stop();

    const std::vector<sdk::Json> spans = collector.trace(kCaller.trace_id);
    CPPUNIT_ASSERT_EQUAL(std::size_t{3}, spans.size());
    const sdk::Json* server = spanNamed(spans, "GET /api/v1/things");
    const sdk::Json* client = spanNamed(spans, "select things");
    const sdk::Json* check = spanNamed(spans, "check things");
    CPPUNIT_ASSERT(server && client && check);

    CPPUNIT_ASSERT_EQUAL(server_id, server->at("id").get<std::string>());
    CPPUNIT_ASSERT_EQUAL(kCaller.span_id, server->at("parentId").get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string("SERVER"), server->at("kind").get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string("catalogd"),
                         server->at("localEndpoint").at("serviceName").get<std::string>());
    CPPUNIT_ASSERT(!server->contains("remoteEndpoint"));
    CPPUNIT_ASSERT(!server->contains("tags"));

    CPPUNIT_ASSERT_EQUAL(client_id, client->at("id").get<std::string>());
    CPPUNIT_ASSERT_EQUAL(server_id, client->at("parentId").get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string("CLIENT"), client->at("kind").get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string("things"),
                         client->at("localEndpoint").at("serviceName").get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string("sqlite"),
                         client->at("remoteEndpoint").at("serviceName").get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string("sqlite"),
                         client->at("tags").at("db.system").get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string("disk I/O error"),
                         client->at("tags").at("error").get<std::string>());

    CPPUNIT_ASSERT(!check->contains("kind"));
    CPPUNIT_ASSERT_EQUAL(server_id, check->at("parentId").get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string("catalogd"),
                         check->at("localEndpoint").at("serviceName").get<std::string>());

    for (const sdk::Json* span : {server, client, check}) {
      const auto timestamp = span->at("timestamp").get<std::int64_t>();
      CPPUNIT_ASSERT(timestamp >= before && timestamp <= after);
      CPPUNIT_ASSERT(span->at("duration").get<std::int64_t>() >= 1);
    }
    // Microseconds: the 5 ms the client slept, not 5 (milliseconds) or 5,000,000 (nanoseconds).
    const auto client_duration = client->at("duration").get<std::int64_t>();
    CPPUNIT_ASSERT_MESSAGE(std::to_string(client_duration), client_duration >= 5000);
    CPPUNIT_ASSERT_MESSAGE(std::to_string(client_duration), client_duration <= after - before);
  }

  void testManySpansAreSentInBatches() {
    static_assert(ZipkinExporter::kBatchSpans == 500, "1200 spans need at least 3 batches of 500");
    test::ZipkinCollector collector;
    MetricRegistry metrics;
    Tracer tracer(settings(collector.url()), metrics, quietLogger());
    tracer.start();
    finishSpans(tracer, 1200);
    tracer.stop();
    CPPUNIT_ASSERT_MESSAGE(std::to_string(collector.batches()), collector.batches() >= 3);
    std::set<std::string> ids;
    for (const sdk::Json& span : collector.spans()) ids.insert(span.at("id").get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::size_t{1200}, ids.size());
  }

  void testFullQueueDropsAndCountsSpans() {
    test::ZipkinCollector collector;
    MetricRegistry metrics;
    Tracer tracer(settings(collector.url(), 1.0, 10), metrics, quietLogger());
    finishSpans(tracer, 25);  // the exporter isn't started: nothing leaves the queue
    CPPUNIT_ASSERT_EQUAL(15.0, counted(metrics.exposition(), kQueueFull));
  }

  void testFinishingSpansNeverBlocks() {
    // A closed port: every batch the exporter tries fails, as with a collector that is down.
    MetricRegistry metrics;
    Tracer tracer(settings("http://127.0.0.1:" + std::to_string(test::freePort()), 1.0, 10),
                  metrics, quietLogger());
    tracer.start();
    const auto started = std::chrono::steady_clock::now();
    finishSpans(tracer, 10000);
    const auto took = std::chrono::steady_clock::now() - started;
    tracer.stop();
    CPPUNIT_ASSERT_MESSAGE(
        std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()) + " ms",
        took < std::chrono::seconds(2));
    // Each span was either turned away at the full queue or lost with its failed batch.
    const std::string exposition = metrics.exposition();
    const double queue_full = test::seriesValue(exposition, kQueueFull).value_or(0);
    const double export_failed = test::seriesValue(exposition, kExportFailed).value_or(0);
    CPPUNIT_ASSERT(queue_full >= 10000 - 10 * 10);  // the queue stayed bounded
    CPPUNIT_ASSERT_EQUAL(10000.0, queue_full + export_failed);
  }

  void testRefusedBatchesAreCountedAsExportFailed() {
    test::ZipkinCollector collector;
    collector.refuse(true);
    MetricRegistry metrics;
    Tracer tracer(settings(collector.url()), metrics, quietLogger());
    tracer.start();
    finishSpans(tracer, 3);
    tracer.stop();
    const std::string exposition = metrics.exposition();
    CPPUNIT_ASSERT_EQUAL(1, collector.batches());
    CPPUNIT_ASSERT_EQUAL(3.0, counted(exposition, kExportFailed));
    CPPUNIT_ASSERT(!test::seriesValue(exposition, kExported).has_value());
  }

  void testRefusedBatchIsLoggedAsWarning() {
    const Poco::AutoPtr<LineChannel> channel(new LineChannel);
    test::ZipkinCollector collector;
    collector.refuse(true);
    MetricRegistry metrics;
    Tracer tracer(settings(collector.url()), metrics,
                  capturingLogger("tracing-test-exporter", channel));
    tracer.start();
    finishSpans(tracer, 2);
    tracer.stop();
    const std::vector<std::string> lines = channel->lines();
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, lines.size());
    const sdk::Json line = sdk::Json::parse(lines.front());
    CPPUNIT_ASSERT_EQUAL(std::string("WARNING"), line.at("level").get<std::string>());
    const std::string message = line.at("message").get<std::string>();
    CPPUNIT_ASSERT_MESSAGE(message, message.find("answered 503") != std::string::npos);
    CPPUNIT_ASSERT_MESSAGE(message, message.find("2 span(s) dropped") != std::string::npos);
  }

  void testAcceptedSpansAreCountedAsExported() {
    test::ZipkinCollector collector;
    MetricRegistry metrics;
    Tracer tracer(settings(collector.url()), metrics, quietLogger());
    tracer.start();
    finishSpans(tracer, 4);
    tracer.stop();
    const std::string exposition = metrics.exposition();
    CPPUNIT_ASSERT_EQUAL(std::size_t{4}, collector.spans().size());
    CPPUNIT_ASSERT_EQUAL(4.0, counted(exposition, kExported));
    CPPUNIT_ASSERT(!test::seriesValue(exposition, kExportFailed).has_value());
  }

  void testNonHttpZipkinUrlIsRefused() {
    for (const char* url : {"https://zipkin:9411", "ftp://zipkin/api/v2/spans", "zipkin:9411",
                            "http://", "http://zipkin:notaport"}) {
      MetricRegistry metrics;
      CPPUNIT_ASSERT_THROW_MESSAGE(url, Tracer(settings(url), metrics, quietLogger()),
                                   std::invalid_argument);
    }
  }

  void testBaseZipkinUrlGetsSpansPath() {
    MetricRegistry base_metrics;
    const Tracer base(settings("http://zipkin:9411", 0.25), base_metrics, quietLogger());
    const std::string description = base.description();
    CPPUNIT_ASSERT_MESSAGE(
        description, description.find("http://zipkin:9411/api/v2/spans") != std::string::npos);
    CPPUNIT_ASSERT_MESSAGE(description, description.find("25%") != std::string::npos);

    MetricRegistry full_metrics;
    const Tracer full(settings("http://zipkin:9411/collector/spans"), full_metrics, quietLogger());
    CPPUNIT_ASSERT_MESSAGE(
        full.description(),
        full.description().find("http://zipkin:9411/collector/spans,") != std::string::npos);
  }

  void testHttpClientSpanMarksTheRequest() {
    test::ZipkinCollector collector;
    MetricRegistry metrics;
    Tracer tracer(settings(collector.url()), metrics, quietLogger());
    tracer.start();
    std::string client_id;
    {
      const Span server(tracer, "GET /api/v1/offers", SpanKind::Server, "gateway", kCaller);
      const CurrentSpan current(server);
      Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/api/v1/things?limit=5");
      Span client = httpClientSpan(request, "things");
      client_id = client.context().span_id;
      CPPUNIT_ASSERT_EQUAL(client.context().traceparent(), request.get("traceparent"));
      CPPUNIT_ASSERT_EQUAL(client_id, request.get("X-B3-SpanId"));
      answeredWith(client, 503);
    }
    tracer.stop();
    const std::vector<sdk::Json> spans = collector.trace(kCaller.trace_id);
    const sdk::Json* client = spanNamed(spans, "GET things");
    CPPUNIT_ASSERT(client != nullptr);
    CPPUNIT_ASSERT_EQUAL(client_id, client->at("id").get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string("CLIENT"), client->at("kind").get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string("things"),
                         client->at("remoteEndpoint").at("serviceName").get<std::string>());
    const sdk::Json& tags = client->at("tags");
    CPPUNIT_ASSERT_EQUAL(std::string("/api/v1/things"), tags.at("http.path").get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string("503"), tags.at("http.status_code").get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string("HTTP 503"), tags.at("error").get<std::string>());
  }

  void testHttpClientSpanOutsideTraceLeavesRequestUnmarked() {
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/api/v1/things");
    const Span client = httpClientSpan(request, "things");
    CPPUNIT_ASSERT(!client.active());
    CPPUNIT_ASSERT(!request.has("traceparent"));
    CPPUNIT_ASSERT(!request.has("X-B3-TraceId"));
  }

  void testLogInsideSpanCarriesItsIds() {
    const Poco::AutoPtr<LineChannel> channel(new LineChannel);
    Poco::Logger& logger = capturingLogger("tracing-test", channel);
    MetricRegistry metrics;
    Tracer tracer(settings(""), metrics, quietLogger());
    const Span span(tracer, "GET /api/v1/things", SpanKind::Server, "catalogd", std::nullopt);
    {
      const CurrentSpan current(span);
      log(logger, Poco::Message::PRIO_INFORMATION, "corr-1", "listing things");
    }
    const std::vector<std::string> lines = channel->lines();
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, lines.size());
    const sdk::Json line = sdk::Json::parse(lines.front());
    CPPUNIT_ASSERT_EQUAL(span.context().trace_id, line.at("trace_id").get<std::string>());
    CPPUNIT_ASSERT_EQUAL(span.context().span_id, line.at("span_id").get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string("corr-1"), line.at("correlation_id").get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string("tracing-test"), line.at("service").get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string("INFO"), line.at("level").get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string("listing things"), line.at("message").get<std::string>());
  }

  void testLogOutsideSpanHasEmptyIds() {
    const Poco::AutoPtr<LineChannel> channel(new LineChannel);
    Poco::Logger& logger = capturingLogger("tracing-test", channel);
    log(logger, Poco::Message::PRIO_WARNING, "", "no request here");
    const std::vector<std::string> lines = channel->lines();
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, lines.size());
    const sdk::Json line = sdk::Json::parse(lines.front());
    CPPUNIT_ASSERT_EQUAL(std::string(), line.at("trace_id").get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string(), line.at("span_id").get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string(), line.at("correlation_id").get<std::string>());
    CPPUNIT_ASSERT_EQUAL(std::string("WARNING"), line.at("level").get<std::string>());
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TracingTest);

}  // namespace catalog::host
