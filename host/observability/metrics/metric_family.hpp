#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace catalog::host {

enum class MetricType { Counter, Gauge, Histogram };

/// What a metric family is: its name, help, type, label names and (for a histogram) the upper
/// bounds of its buckets.
struct MetricSpec {
  std::string name;
  std::string help;
  MetricType type = MetricType::Counter;
  std::vector<std::string> labels;
  std::vector<double> buckets;  ///< histograms only; empty: kDefaultBuckets
};

/// Prometheus's default buckets, in seconds: fit for request durations.
extern const std::vector<double> kDefaultBuckets;

/// A metric and its series, one per set of label values. Thread-safe. Label sets are meant to
/// be few (routes, plugins, states — never ids): past kMaxSeries a new set is dropped and
/// counted, so a mistake can't grow the host's memory or the scrape without bound.
class MetricFamily {
 public:
  static constexpr std::size_t kMaxSeries = 2000;

  explicit MetricFamily(MetricSpec spec);

  const MetricSpec& spec() const noexcept { return spec_; }

  /// Adds `amount` (counters: only a non-negative one; gauges: any).
  void add(const std::vector<std::string>& labels, double amount = 1);
  /// Sets a gauge.
  void set(const std::vector<std::string>& labels, double value);
  /// Counts an observation into a histogram.
  void observe(const std::vector<std::string>& labels, double value);
  /// What a plugin records through the ABI: add for a counter, set for a gauge, observe for a
  /// histogram.
  void record(const std::vector<std::string>& labels, double value);
  /// Sets a gauge's series to exactly `values`, in one step: a scrape sees the old ones or the
  /// new ones, never a mix (label sets gone since are dropped).
  void replace(const std::map<std::vector<std::string>, double>& values);
  /// Label sets refused since the family reached kMaxSeries.
  std::uint64_t droppedSeries() const;

  /// Appends the family in the Prometheus text exposition format (version 0.0.4).
  void writeText(std::string& out) const;

 private:
  struct Series {
    double value = 0;                   // counter, gauge
    std::vector<std::uint64_t> counts;  // histogram: per bucket, not cumulative
    double sum = 0;
    std::uint64_t count = 0;
  };

  // The series of `labels`, created on first use; null when they don't fit (wrong count, full).
  Series* series(const std::vector<std::string>& labels);

  MetricSpec spec_;
  mutable std::mutex mutex_;
  std::map<std::vector<std::string>, Series> series_;
  std::uint64_t dropped_ = 0;
};

}  // namespace catalog::host
