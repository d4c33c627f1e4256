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
  MetricFamily& exported =
      metrics.counter("catalog_trace_spans_exported_total", "Spans the Zipkin collector accepted.");
  MetricFamily& dropped = metrics.counter(
      "catalog_trace_spans_dropped_total",
      "Spans lost: the export queue was full, or the collector refused or could not be reached.",
      {"reason"});
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
  TraceContext context{hex(randomBits()) + hex(randomBits()), hex(randomBits()), true};
  context.sampled = sampledByRatio(context.trace_id);
  return context;
}

TraceContext Tracer::newUnsampledTrace() const {
  TraceContext context = newTrace();
  context.sampled = false;
  return context;
}

TraceContext Tracer::childOf(const TraceContext& parent) const {
  return {parent.trace_id, hex(randomBits()),
          parent.decided ? parent.sampled : sampledByRatio(parent.trace_id)};
}

bool Tracer::sampledByRatio(const std::string& trace_id) const {
  if (sample_ratio_ >= 1) return true;
  const std::uint64_t low = std::stoull(trace_id.substr(16), nullptr, 16);
  return static_cast<double>(low) < sample_ratio_ * 18446744073709551616.0 /* 2^64 */;
}

void Tracer::finish(SpanRecord&& span) {
  if (exporter_) exporter_->offer(std::move(span));
}

}  // namespace catalog::host
