#pragma once

#include <Poco/Logger.h>

#include "observability/metrics/gauge_refresher.hpp"
#include "observability/metrics/host_metrics.hpp"
#include "observability/metrics/metric_registry.hpp"
#include "observability/metrics/process_metrics.hpp"
#include "observability/tracing/tracer.hpp"

namespace catalog::host {

/// A host's metrics and tracer, shared by everything that serves, calls, publishes, consumes
/// or runs saga steps.
struct Observability {
  /// Throws std::invalid_argument for bad tracing settings.
  Observability(const TracingSettings& tracing, Poco::Logger& logger)
      : refresher(logger), host(metrics), tracer(tracing, metrics, logger) {
    addProcessMetrics(metrics, refresher);
  }

  MetricRegistry metrics;
  GaugeRefresher refresher;  ///< started and stopped by the host, around its plugins' lives
  HostMetrics host;
  Tracer tracer;
};

}  // namespace catalog::host
