#pragma once

/// @file
/// Metrics of a plugin, exposed by its host at GET /metrics (Prometheus text format) as
/// catalog_<plugin>_<name>. Declare them while the plugin is created (its constructor), keep
/// them as members, record from any thread. Name them the Prometheus way: the unit last
/// ("_seconds"), counters ending in "_total". Label values must come from a small set —
/// reasons, states, upstreams — never ids or user input.
///
///   sdk::Counter failures_{"login_failures_total", "Refused logins by reason.", {"reason"}};
///   failures_.add({"throttled"});

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/abi.h"

namespace catalog::sdk {

namespace detail {
/// A declared metric; what the three kinds share.
class Metric {
 protected:
  /// Throws InvalidArgument (errors.hpp) for a bad name, label or bucket list.
  Metric(catalog_metric_kind kind, std::string_view name, std::string_view help,
         const std::vector<std::string>& labels, const std::vector<double>& buckets);
  void record(std::initializer_list<std::string_view> label_values, double value) const;

 private:
  catalog_metric* handle_ = nullptr;
};
}  // namespace detail

/// A count that only grows: requests refused, items handled.
class Counter : public detail::Metric {
 public:
  Counter(std::string_view name, std::string_view help, const std::vector<std::string>& labels = {})
      : Metric(CATALOG_METRIC_COUNTER, name, help, labels, {}) {}
  /// Adds `amount` (at least 0) to the series of `label_values`, given in the labels' order.
  void add(std::initializer_list<std::string_view> label_values, double amount = 1) const {
    record(label_values, amount);
  }
};

/// A level that goes up and down: a state, a queue's length.
class Gauge : public detail::Metric {
 public:
  Gauge(std::string_view name, std::string_view help, const std::vector<std::string>& labels = {})
      : Metric(CATALOG_METRIC_GAUGE, name, help, labels, {}) {}
  void set(std::initializer_list<std::string_view> label_values, double value) const {
    record(label_values, value);
  }
};

/// A distribution, such as durations in seconds.
class Histogram : public detail::Metric {
 public:
  /// `buckets`: finite, increasing upper bounds; empty: 5 ms to 10 s, fit for durations in
  /// seconds.
  Histogram(std::string_view name, std::string_view help,
            const std::vector<std::string>& labels = {}, const std::vector<double>& buckets = {})
      : Metric(CATALOG_METRIC_HISTOGRAM, name, help, labels, buckets) {}
  void observe(std::initializer_list<std::string_view> label_values, double value) const {
    record(label_values, value);
  }
};

}  // namespace catalog::sdk
