#pragma once

#include <Poco/Logger.h>

#include <cstddef>
#include <memory>
#include <string>

#include "observability/tracing/span_record.hpp"
#include "observability/tracing/trace_context.hpp"

namespace catalog::host {

class MetricFamily;
class MetricRegistry;
class ZipkinExporter;

/// Tracing: where spans go and which traces are kept.
struct TracingSettings {
  /// A Zipkin v2 collector (http://zipkin:9411, or its full /api/v2/spans URL); empty: spans
  /// are not sent, though trace ids still travel and appear in logs.
  std::string zipkin_url;
  /// The share of new traces recorded, 0 to 1; a trace begun elsewhere keeps its caller's
  /// decision.
  double sample_ratio = 1.0;
  /// Spans waiting for export; past it, new ones are dropped and counted.
  std::size_t queue_spans = 10000;
};

/// Makes trace and span ids, decides sampling, and hands finished spans to the Zipkin exporter
/// when one is configured. Thread-safe.
class Tracer {
 public:
  /// Throws std::invalid_argument for a collector URL that is not http://.
  Tracer(const TracingSettings& settings, MetricRegistry& metrics, Poco::Logger& logger);
  ~Tracer();
  Tracer(const Tracer&) = delete;
  Tracer& operator=(const Tracer&) = delete;

  /// Starts and stops the exporter's thread; stop sends what is queued first.
  void start();
  void stop();
  /// Where spans go, for the startup log.
  std::string description() const;

  /// The root of a new trace, sampled by the ratio.
  TraceContext newTrace() const;
  /// The root of a new trace that is never recorded.
  TraceContext newUnsampledTrace() const;
  /// A new span in `parent`'s trace, sampled as it is (by the ratio when its caller did not
  /// decide).
  TraceContext childOf(const TraceContext& parent) const;
  /// Whether the spans of `context` are exported.
  bool recording(const TraceContext& context) const noexcept {
    return exporter_ != nullptr && context.sampled;
  }
  /// Queues a finished span for export, never blocking; dropped and counted when the queue is
  /// full.
  void finish(SpanRecord&& span);

 private:
  // The trace id's low 64 bits below ratio × 2^64: W3C's and OpenTelemetry's trace-id ratio
  // rule, so that every process deciding on one trace decides alike.
  bool sampledByRatio(const std::string& trace_id) const;

  double sample_ratio_;
  std::unique_ptr<ZipkinExporter> exporter_;
};

}  // namespace catalog::host
