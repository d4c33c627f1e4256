#include "observability/metrics/metric_registry.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "observability/metrics/gauge_refresher.hpp"
#include "observability/metrics/host_metrics.hpp"
#include "observability/metrics/process_metrics.hpp"

namespace catalog::host {
namespace {

// For refreshers whose failures are the point of the test, not news.
Poco::Logger& quietLogger() {
  Poco::Logger& logger = Poco::Logger::get("metric-registry-test-quiet");
  logger.setLevel(Poco::Message::PRIO_FATAL);
  return logger;
}

// The value of one series ("name" or "name{labels}") in an exposition; nullopt when absent.
std::optional<std::string> sample(const std::string& exposition, const std::string& series) {
  std::istringstream lines(exposition);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(series + " ", 0) == 0) return line.substr(series.size() + 1);
  }
  return std::nullopt;
}

double sampleNumber(const std::string& exposition, const std::string& series) {
  const auto value = sample(exposition, series);
  CPPUNIT_ASSERT_MESSAGE(series + " is missing from:\n" + exposition, value.has_value());
  return std::stod(*value);
}

std::string text(const MetricFamily& family) {
  std::string out;
  family.writeText(out);
  return out;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

MetricSpec counterSpec(std::string name, std::vector<std::string> labels = {}) {
  return {std::move(name), "Things counted.", MetricType::Counter, std::move(labels), {}};
}

MetricSpec gaugeSpec(std::string name, std::vector<std::string> labels = {}) {
  return {std::move(name), "A level.", MetricType::Gauge, std::move(labels), {}};
}

}  // namespace

class MetricRegistryTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(MetricRegistryTest);
  CPPUNIT_TEST(testExpositionIsPrometheusTextFormat);
  CPPUNIT_TEST(testNumbersPrintInShortestForm);
  CPPUNIT_TEST(testLabelValuesAreEscaped);
  CPPUNIT_TEST(testHelpIsEscaped);
  CPPUNIT_TEST(testCounterNotEndingInTotalIsRefused);
  CPPUNIT_TEST(testBadMetricNameIsRefused);
  CPPUNIT_TEST(testBadLabelNameIsRefused);
  CPPUNIT_TEST(testHistogramBucketsThatDoNotIncreaseAreRefused);
  CPPUNIT_TEST(testInfiniteBucketBoundIsExposedOnce);
  CPPUNIT_TEST(testNameRegisteredTwiceIsRefused);
  CPPUNIT_TEST(testCounterIgnoresNegativeAmounts);
  CPPUNIT_TEST(testGaugeAddsAndSets);
  CPPUNIT_TEST(testWrongNumberOfLabelValuesIsIgnored);
  CPPUNIT_TEST(testRecordDispatchesByType);
  CPPUNIT_TEST(testSeriesPastTheCapAreDroppedAndCounted);
  CPPUNIT_TEST(testCollectorsRunAtEachRefreshNotAtEachScrape);
  CPPUNIT_TEST(testThrowingCollectorDoesNotStopTheOthers);
  CPPUNIT_TEST(testRefresherThreadRefreshesAtOnceAndStops);
  CPPUNIT_TEST(testReplacedGaugeIsNeverSeenHalfDone);
  CPPUNIT_TEST(testHostMetricsAreExposedBeforeAnySeries);
  CPPUNIT_TEST(testProcessMetricsReadTheProcess);
  CPPUNIT_TEST(testConcurrentIncrementsAreAllCounted);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testExpositionIsPrometheusTextFormat() {
    MetricRegistry registry;
    MetricFamily& waits = registry.add(
        {"catalog_wait_seconds", "Time waited.", MetricType::Histogram, {"route"}, {0.25, 1, 2.5}});
    MetricFamily& requests = registry.add(counterSpec("catalog_requests_total", {"method"}));
    MetricFamily& depth = registry.add(gaugeSpec("catalog_queue_depth"));
    requests.add({"POST"});
    requests.add({"GET"}, 3);
    depth.set({}, 7);
    waits.observe({"/a"}, 0.25);  // on a bound: counted in that bucket (le means "<=")
    waits.observe({"/a"}, 0.5);
    waits.observe({"/a"}, 4);

    const std::string expected =
        "# HELP catalog_queue_depth A level.\n"
        "# TYPE catalog_queue_depth gauge\n"
        "catalog_queue_depth 7\n"
        "# HELP catalog_requests_total Things counted.\n"
        "# TYPE catalog_requests_total counter\n"
        "catalog_requests_total{method=\"GET\"} 3\n"
        "catalog_requests_total{method=\"POST\"} 1\n"
        "# HELP catalog_wait_seconds Time waited.\n"
        "# TYPE catalog_wait_seconds histogram\n"
        "catalog_wait_seconds_bucket{route=\"/a\",le=\"0.25\"} 1\n"
        "catalog_wait_seconds_bucket{route=\"/a\",le=\"1\"} 2\n"
        "catalog_wait_seconds_bucket{route=\"/a\",le=\"2.5\"} 2\n"
        "catalog_wait_seconds_bucket{route=\"/a\",le=\"+Inf\"} 3\n"
        "catalog_wait_seconds_sum{route=\"/a\"} 4.75\n"
        "catalog_wait_seconds_count{route=\"/a\"} 3\n";
    CPPUNIT_ASSERT_EQUAL(expected, registry.exposition());
  }

  void testNumbersPrintInShortestForm() {
    MetricRegistry registry;
    MetricFamily& level = registry.add(gaugeSpec("catalog_level", {"case"}));
    MetricFamily& waits = registry.add(
        {"catalog_wait_seconds", "Time waited.", MetricType::Histogram, {}, {0.005, 0.1}});
    level.set({"decimal"}, 0.005);
    level.set({"sum"}, 0.1 + 0.2);  // needs all 17 digits to read back as itself
    level.set({"large"}, 1e21);
    waits.observe({}, 0.05);
    const std::string exposition = registry.exposition();
    CPPUNIT_ASSERT_EQUAL(std::string("0.005"),
                         *sample(exposition, "catalog_level{case=\"decimal\"}"));
    CPPUNIT_ASSERT_EQUAL(std::string("0.30000000000000004"),
                         *sample(exposition, "catalog_level{case=\"sum\"}"));
    CPPUNIT_ASSERT_EQUAL(0.1 + 0.2, sampleNumber(exposition, "catalog_level{case=\"sum\"}"));
    CPPUNIT_ASSERT_EQUAL(1e21, sampleNumber(exposition, "catalog_level{case=\"large\"}"));
    CPPUNIT_ASSERT(sample(exposition, "catalog_wait_seconds_bucket{le=\"0.005\"}").has_value());
    CPPUNIT_ASSERT(sample(exposition, "catalog_wait_seconds_bucket{le=\"0.1\"}").has_value());
    CPPUNIT_ASSERT_EQUAL(std::string("0.05"), *sample(exposition, "catalog_wait_seconds_sum"));
  }

  void testLabelValuesAreEscaped() {
    MetricFamily family(counterSpec("catalog_paths_total", {"path"}));
    family.add({"a\\b\"c\nd"});
    CPPUNIT_ASSERT(contains(text(family), "catalog_paths_total{path=\"a\\\\b\\\"c\\nd\"} 1\n"));
  }

  void testHelpIsEscaped() {
    // Help escapes backslash and line feed only; a quote stays as it is.
    MetricFamily family(
        {"catalog_level", "First line\nsecond \\ \"quoted\"", MetricType::Gauge, {}, {}});
    CPPUNIT_ASSERT(
        contains(text(family), "# HELP catalog_level First line\\nsecond \\\\ \"quoted\"\n"));
  }

  void testCounterNotEndingInTotalIsRefused() {
    CPPUNIT_ASSERT_THROW(MetricFamily(counterSpec("catalog_requests")), std::invalid_argument);
    CPPUNIT_ASSERT_NO_THROW(MetricFamily(gaugeSpec("catalog_requests")));
  }

  void testBadMetricNameIsRefused() {
    for (const char* name :
         {"1catalog_total", "catalog-requests_total", "catalog requests_total", ""})
      CPPUNIT_ASSERT_THROW_MESSAGE(name, MetricFamily(counterSpec(name)), std::invalid_argument);
  }

  void testBadLabelNameIsRefused() {
    for (const char* label : {"le", "__x", "1a", "a-b", ""})
      CPPUNIT_ASSERT_THROW_MESSAGE(label, MetricFamily(gaugeSpec("catalog_level", {label})),
                                   std::invalid_argument);
    CPPUNIT_ASSERT_NO_THROW(MetricFamily(gaugeSpec("catalog_level", {"_route", "le_x"})));
  }

  void testHistogramBucketsThatDoNotIncreaseAreRefused() {
    CPPUNIT_ASSERT_THROW(
        MetricFamily({"catalog_wait_seconds", "Time waited.", MetricType::Histogram, {}, {1, 0.5}}),
        std::invalid_argument);
    CPPUNIT_ASSERT_THROW(
        MetricFamily({"catalog_wait_seconds", "Time waited.", MetricType::Histogram, {}, {1, 1}}),
        std::invalid_argument);
  }

  void testInfiniteBucketBoundIsExposedOnce() {
    // A plugin may declare +Inf as its last bound (abi.h asks only for increasing bounds);
    // refusing it or folding it into the implicit +Inf bucket are both correct, repeating the
    // series is not: Prometheus drops a duplicated sample.
    const MetricSpec spec{"catalog_wait_seconds",
                          "Time waited.",
                          MetricType::Histogram,
                          {},
                          {1, std::numeric_limits<double>::infinity()}};
    std::optional<MetricFamily> family;
    try {
      family.emplace(spec);
    } catch (const std::invalid_argument&) {
      return;
    }
    family->observe({}, 0.5);
    const std::string out = text(*family);
    std::size_t infinite_buckets = 0;
    for (std::size_t at = out.find("le=\"+Inf\""); at != std::string::npos;
         at = out.find("le=\"+Inf\"", at + 1))
      ++infinite_buckets;
    CPPUNIT_ASSERT_EQUAL_MESSAGE(out, std::size_t{1}, infinite_buckets);
  }

  void testNameRegisteredTwiceIsRefused() {
    MetricRegistry registry;
    registry.add(gaugeSpec("catalog_level"));
    CPPUNIT_ASSERT_THROW(registry.add(counterSpec("catalog_level")), std::invalid_argument);
    CPPUNIT_ASSERT_THROW(registry.add(gaugeSpec("catalog_level")), std::invalid_argument);
  }

  void testCounterIgnoresNegativeAmounts() {
    MetricFamily family(counterSpec("catalog_requests_total"));
    family.add({}, 2);
    family.add({}, -5);
    CPPUNIT_ASSERT_EQUAL(2.0, sampleNumber(text(family), "catalog_requests_total"));
  }

  void testGaugeAddsAndSets() {
    MetricFamily family(gaugeSpec("catalog_level"));
    family.add({}, 3);
    family.add({}, -1.5);
    CPPUNIT_ASSERT_EQUAL(1.5, sampleNumber(text(family), "catalog_level"));
    family.set({}, 10);
    CPPUNIT_ASSERT_EQUAL(10.0, sampleNumber(text(family), "catalog_level"));
  }

  void testWrongNumberOfLabelValuesIsIgnored() {
    MetricFamily family(counterSpec("catalog_requests_total", {"method", "status"}));
    family.add({"GET"});
    family.record({"GET", "200", "extra"}, 1);
    family.add({"GET", "200"});
    const std::string out = text(family);
    CPPUNIT_ASSERT_EQUAL(
        1.0, sampleNumber(out, "catalog_requests_total{method=\"GET\",status=\"200\"}"));
    CPPUNIT_ASSERT(!contains(out, "catalog_requests_total{method=\"GET\"}"));
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{0}, family.droppedSeries());
  }

  void testRecordDispatchesByType() {
    MetricFamily counter(counterSpec("catalog_requests_total"));
    MetricFamily gauge(gaugeSpec("catalog_level"));
    MetricFamily histogram(
        {"catalog_wait_seconds", "Time waited.", MetricType::Histogram, {}, {1}});
    for (MetricFamily* family : {&counter, &gauge, &histogram}) {
      family->record({}, 2);
      family->record({}, 3);
    }
    CPPUNIT_ASSERT_EQUAL(5.0, sampleNumber(text(counter), "catalog_requests_total"));
    CPPUNIT_ASSERT_EQUAL(3.0, sampleNumber(text(gauge), "catalog_level"));
    const std::string observed = text(histogram);
    CPPUNIT_ASSERT_EQUAL(2.0, sampleNumber(observed, "catalog_wait_seconds_count"));
    CPPUNIT_ASSERT_EQUAL(5.0, sampleNumber(observed, "catalog_wait_seconds_sum"));
    CPPUNIT_ASSERT_EQUAL(0.0, sampleNumber(observed, "catalog_wait_seconds_bucket{le=\"1\"}"));
  }

  void testSeriesPastTheCapAreDroppedAndCounted() {
    MetricRegistry registry;
    MetricFamily& family = registry.add(counterSpec("catalog_keyed_total", {"key"}));
    for (std::size_t i = 0; i < MetricFamily::kMaxSeries; ++i) family.add({std::to_string(i)});
    family.add({"over-1"});
    family.add({"over-1"});
    family.add({"over-2"});
    family.add({"0"}, 4);

    const std::string exposition = registry.exposition();
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{3}, family.droppedSeries());
    CPPUNIT_ASSERT(!contains(exposition, "over-"));
    CPPUNIT_ASSERT_EQUAL(5.0, sampleNumber(exposition, "catalog_keyed_total{key=\"0\"}"));
    CPPUNIT_ASSERT(contains(exposition, "# TYPE catalog_metric_series_dropped_total counter\n"));
    CPPUNIT_ASSERT_EQUAL(
        3.0, sampleNumber(exposition,
                          "catalog_metric_series_dropped_total{metric=\"catalog_keyed_total\"}"));
  }

  // Collectors run when the refresher refreshes, not when a scrape formats: a scrape never
  // waits on what they read.
  void testCollectorsRunAtEachRefreshNotAtEachScrape() {
    MetricRegistry registry;
    GaugeRefresher refresher(quietLogger());
    MetricFamily& level = registry.gauge("catalog_level", "A level.");
    int refreshes = 0;
    refresher.add([&level, &refreshes] { level.set({}, ++refreshes); });
    CPPUNIT_ASSERT(refresher.refresh().empty());
    CPPUNIT_ASSERT_EQUAL(1.0, sampleNumber(registry.exposition(), "catalog_level"));
    CPPUNIT_ASSERT_EQUAL(1.0, sampleNumber(registry.exposition(), "catalog_level"));
    refresher.refresh();
    CPPUNIT_ASSERT_EQUAL(2.0, sampleNumber(registry.exposition(), "catalog_level"));
  }

  void testThrowingCollectorDoesNotStopTheOthers() {
    MetricRegistry registry;
    GaugeRefresher refresher(quietLogger());
    MetricFamily& level = registry.gauge("catalog_level", "A level.");
    refresher.add([] { throw std::runtime_error("the database is gone"); });
    refresher.add([&level] { level.set({}, 9); });
    const std::vector<std::string> failures = refresher.refresh();
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, failures.size());
    CPPUNIT_ASSERT_EQUAL(std::string("the database is gone"), failures[0]);
    CPPUNIT_ASSERT_EQUAL(9.0, sampleNumber(registry.exposition(), "catalog_level"));
  }

  // The refresher's thread refreshes at once when started, and stops promptly.
  void testRefresherThreadRefreshesAtOnceAndStops() {
    MetricRegistry registry;
    GaugeRefresher refresher(quietLogger());
    MetricFamily& level = registry.gauge("catalog_level", "A level.");
    std::atomic<int> refreshes{0};
    refresher.add([&level, &refreshes] { level.set({}, ++refreshes); });
    const auto started = std::chrono::steady_clock::now();
    refresher.start();
    while (refreshes == 0 && std::chrono::steady_clock::now() - started < std::chrono::seconds(5))
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    refresher.stop();
    CPPUNIT_ASSERT(std::chrono::steady_clock::now() - started < GaugeRefresher::kInterval);
    CPPUNIT_ASSERT_EQUAL(1, refreshes.load());
  }

  // A gauge replaced while another thread formats shows the whole old set or the whole new one.
  void testReplacedGaugeIsNeverSeenHalfDone() {
    MetricRegistry registry;
    MetricFamily& states = registry.gauge("catalog_states", "States.", {"state"});
    std::atomic<bool> done{false};
    std::thread writer([&] {
      for (int i = 0; i < 2000; ++i) states.replace({{{"a"}, 1.0 * i}, {{"b"}, 1.0 * i}});
      done = true;
    });
    while (!done) {
      const std::string text = registry.exposition();
      const auto a = sample(text, "catalog_states{state=\"a\"}");
      const auto b = sample(text, "catalog_states{state=\"b\"}");
      CPPUNIT_ASSERT_EQUAL(a.has_value(), b.has_value());
      if (a) CPPUNIT_ASSERT_EQUAL(*a, *b);
    }
    writer.join();
    states.replace({{{"c"}, 3.0}});
    CPPUNIT_ASSERT(!sample(registry.exposition(), "catalog_states{state=\"a\"}"));
    CPPUNIT_ASSERT_EQUAL(3.0, sampleNumber(registry.exposition(), "catalog_states{state=\"c\"}"));
  }

  void testHostMetricsAreExposedBeforeAnySeries() {
    MetricRegistry registry;
    const HostMetrics metrics(registry);
    const std::string exposition = registry.exposition();
    const std::vector<std::pair<std::string, std::string>> families = {
        {"catalog_http_requests_total", "counter"},
        {"catalog_http_request_duration_seconds", "histogram"},
        {"catalog_http_requests_in_flight", "gauge"},
        {"catalog_events_published_total", "counter"},
        {"catalog_events_consumed_total", "counter"},
        {"catalog_events_failed_total", "counter"},
        {"catalog_events_dead_lettered_total", "counter"},
        {"catalog_event_lag_seconds", "histogram"},
        {"catalog_saga_steps_total", "counter"},
        {"catalog_saga_step_duration_seconds", "histogram"}};
    for (const auto& [name, type] : families) {
      CPPUNIT_ASSERT_MESSAGE(name, contains(exposition, "# HELP " + name + " "));
      CPPUNIT_ASSERT_MESSAGE(name, contains(exposition, "# TYPE " + name + " " + type + "\n"));
    }
    // Nothing recorded yet: every line is a HELP or TYPE line.
    std::istringstream lines(exposition);
    for (std::string line; std::getline(lines, line);)
      CPPUNIT_ASSERT_MESSAGE(line, line.rfind("# ", 0) == 0);
  }

  void testProcessMetricsReadTheProcess() {
    MetricRegistry registry;
    GaugeRefresher refresher(quietLogger());
    addProcessMetrics(registry, refresher);
    CPPUNIT_ASSERT(refresher.refresh().empty());
    const std::string exposition = registry.exposition();
    CPPUNIT_ASSERT(sampleNumber(exposition, "process_resident_memory_bytes") > 0);
    CPPUNIT_ASSERT(sampleNumber(exposition, "process_virtual_memory_bytes") >=
                   sampleNumber(exposition, "process_resident_memory_bytes"));
    CPPUNIT_ASSERT(sampleNumber(exposition, "process_threads") >= 1);
    CPPUNIT_ASSERT(sampleNumber(exposition, "process_open_fds") > 0);
    CPPUNIT_ASSERT(sampleNumber(exposition, "process_cpu_seconds_total") >= 0);
    CPPUNIT_ASSERT(sampleNumber(exposition, "process_start_time_seconds") > 1.5e9);
  }

  void testConcurrentIncrementsAreAllCounted() {
    constexpr int kThreads = 8;
    constexpr int kIncrements = 20000;
    MetricRegistry registry;
    MetricFamily& requests = registry.add(counterSpec("catalog_requests_total", {"method"}));
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&requests] {
        for (int i = 0; i < kIncrements; ++i) requests.add({"GET"});
      });
    }
    for (std::thread& thread : threads) thread.join();
    CPPUNIT_ASSERT_EQUAL(
        static_cast<double>(kThreads * kIncrements),
        sampleNumber(registry.exposition(), "catalog_requests_total{method=\"GET\"}"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MetricRegistryTest);

}  // namespace catalog::host
