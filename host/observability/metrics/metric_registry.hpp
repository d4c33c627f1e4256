#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "observability/metrics/metric_family.hpp"

namespace catalog::host {

/// The metrics of one host, as GET /metrics exposes them. Families are registered once (by the
/// host as it starts, by plugins as they are created) and updated from any thread.
/// Thread-safe.
class MetricRegistry {
 public:
  /// The content type of exposition().
  static constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

  /// Registers a family, which lives as long as the registry. Throws std::invalid_argument for
  /// a bad spec or a name already registered.
  MetricFamily& add(MetricSpec spec);
  /// add() for the three types, with the default buckets for a histogram without any.
  MetricFamily& counter(std::string name, std::string help, std::vector<std::string> labels = {});
  MetricFamily& gauge(std::string name, std::string help, std::vector<std::string> labels = {});
  MetricFamily& histogram(std::string name, std::string help, std::vector<std::string> labels,
                          std::vector<double> buckets = {});
  /// Every family in the Prometheus text format, sorted by name; then, when a family refused
  /// label sets, how many (catalog_metric_series_dropped_total{metric}).
  std::string exposition();

 private:
  std::mutex families_mutex_;
  std::vector<std::unique_ptr<MetricFamily>> families_;
};

}  // namespace catalog::host
