#include "observability/tracing/tracer.hpp"

#include <cstdio>
#include <random>
#include <stdexcept>

#include "observability/metrics/metric_registry.hpp"
#include "observability/tracing/zipkin_exporter.hpp"

namespace catalog::host {
namespace {

std::uint64_t randomBits() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  std::uint64_t bits = 0;
  while (bits == 0) bits = random();  // all-zero ids are invalid
  return bits;
}

std::string hex(std::uint64_t bits) {
  char text[17];
  std::snprintf(text, sizeof(text), "%016llx", static_cast<unsigned long long>(bits));
  return text;
}

}  // namespace

Tracer::Tracer(const TracingSettings& settings, MetricRegistry& metrics, Poco::Logger& logger)
    : sample_ratio_(settings.sample_ratio) {
  if (!(sample_ratio_ >= 0 && sample_ratio_ <= 1))
    throw std::invalid_argument("the tracing sample ratio must be between 0 and 1");
  MetricFamily& exported = metrics.add({"catalog_trace_spans_exported_total",
                                        "Spans the Zipkin collector accepted.",
                                        MetricType::Counter,
                                        {},
                                        {}});
  MetricFamily& dropped =
      metrics.add({"catalog_trace_spans_dropped_total",
                   "Spans lost: the export queue was full, or the collector refused or could "
                   "not be reached.",
                   MetricType::Counter,
                   {"reason"},
                   {}});
  if (!settings.zipkin_url.empty()) {
    exporter_ = std::make_unique<ZipkinExporter>(settings.zipkin_url, settings.queue_spans,
                                                 exported, dropped, logger);
  }
}

Tracer::~Tracer() { stop(); }

void Tracer::start() {
  if (exporter_) exporter_->start();
}

void Tracer::stop() {
  if (exporter_) exporter_->stop();
}

std::string Tracer::description() const {
  char ratio[16];
  std::snprintf(ratio, sizeof(ratio), "%g", sample_ratio_ * 100);
  return exporter_ ? "spans to " + exporter_->url() + ", " + ratio + "% of new traces sampled"
                   : std::string("spans not exported (no Zipkin collector configured)");
}

TraceContext Tracer::newTrace() const {
  const std::uint64_t low = randomBits();
  // The low 64 bits below ratio × 2^64: W3C's and OpenTelemetry's trace-id ratio rule.
  const bool sampled = sample_ratio_ >= 1 ||
                       static_cast<double>(low) < sample_ratio_ * 18446744073709551616.0 /* 2^64 */;
  return {hex(randomBits()) + hex(low), hex(randomBits()), sampled};
}

TraceContext Tracer::newUnsampledTrace() const {
  TraceContext context = newTrace();
  context.sampled = false;
  return context;
}

TraceContext Tracer::childOf(const TraceContext& parent) const {
  return {parent.trace_id, hex(randomBits()), parent.sampled};
}

void Tracer::finish(SpanRecord&& span) {
  if (exporter_) exporter_->offer(std::move(span));
}

}  // namespace catalog::host
