#pragma once

#include "observability/metrics/gauge_refresher.hpp"
#include "observability/metrics/metric_registry.hpp"

namespace catalog::host {

/// Registers the process's own gauges (memory, threads, open files, CPU time, start time) under
/// the names Prometheus's client libraries use, read from /proc at each refresh.
void addProcessMetrics(MetricRegistry& registry, GaugeRefresher& refresher);

}  // namespace catalog::host
