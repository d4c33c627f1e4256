#pragma once

#include "observability/metrics/metric_registry.hpp"

namespace catalog::host {

/// The metrics the host itself keeps, registered once per host. Label values are bounded:
/// route patterns (never paths), plugin names, topics, subscriptions, process keys, task
/// topics, states and outcomes — never ids.
struct HostMetrics {
  explicit HostMetrics(MetricRegistry& registry);

  MetricFamily& http_requests;         ///< {method, route, status}
  MetricFamily& http_duration;         ///< {method, route, status}, seconds
  MetricFamily& http_in_flight;        ///< {}
  MetricFamily& events_published;      ///< {plugin, topic}
  MetricFamily& events_consumed;       ///< {subscription}
  MetricFamily& events_failed;         ///< {subscription}
  MetricFamily& events_dead_lettered;  ///< {subscription}
  MetricFamily& event_lag;             ///< {subscription}, seconds from commit to consumption
  MetricFamily& saga_steps;            ///< {process, step, outcome}
  MetricFamily& saga_step_duration;    ///< {process, step}, seconds
};

}  // namespace catalog::host
