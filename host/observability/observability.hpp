#pragma once

#include <Poco/Logger.h>

#include "observability/metrics/host_metrics.hpp"
#include "observability/metrics/metric_registry.hpp"
#include "observability/tracing/tracer.hpp"

namespace catalog::host {

/// A host's metrics and tracer, shared by everything that serves, calls, publishes, consumes
/// or runs saga steps.
struct Observability {
  /// Throws std::invalid_argument for bad tracing settings.
  Observability(const TracingSettings& tracing, Poco::Logger& logger)
      : host(metrics), tracer(tracing, metrics, logger) {
    addProcessMetrics(metrics);
  }

  MetricRegistry metrics;
  HostMetrics host;
  Tracer tracer;
};

}  // namespace catalog::host
