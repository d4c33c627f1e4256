#include "observability/tracing/span.hpp"

#include <exception>

#include "observability/tracing/tracer.hpp"

namespace catalog::host {
namespace {

thread_local const Span* t_current = nullptr;

std::int64_t microsSinceEpoch() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Span::Span(Tracer& tracer, std::string name, SpanKind kind, std::string service,
           const std::optional<TraceContext>& parent, Sampling sampling)
    : tracer_(&tracer),
      context_(parent                        ? tracer.childOf(*parent)
               : sampling == Sampling::Never ? tracer.newUnsampledTrace()
                                             : tracer.newTrace()),
      service_(std::move(service)),
      started_(std::chrono::steady_clock::now()),
      exceptions_at_start_(std::uncaught_exceptions()) {
  if (!tracer.recording(context_)) return;
  record_ = std::make_unique<SpanRecord>();
  record_->trace_id = context_.trace_id;
  record_->id = context_.span_id;
  if (parent) record_->parent_id = parent->span_id;
  record_->name = std::move(name);
  record_->kind = kind;
  record_->service = service_;
  record_->timestamp_us = microsSinceEpoch();
}

Span Span::child(std::string name, SpanKind kind, std::string service) {
  const Span* parent = t_current;
  if (parent == nullptr || parent->tracer_ == nullptr) return Span();
  return Span(*parent->tracer_, std::move(name), kind,
              service.empty() ? parent->service_ : std::move(service), parent->context_);
}

const Span* Span::current() noexcept { return t_current; }

Span::Span(Span&& other) noexcept
    : tracer_(std::exchange(other.tracer_, nullptr)),
      context_(std::move(other.context_)),
      service_(std::move(other.service_)),
      record_(std::move(other.record_)),
      started_(other.started_),
      exceptions_at_start_(other.exceptions_at_start_),
      failed_(other.failed_) {}

Span& Span::operator=(Span&& other) noexcept {
  if (this != &other) {
    end();
    tracer_ = std::exchange(other.tracer_, nullptr);
    context_ = std::move(other.context_);
    service_ = std::move(other.service_);
    record_ = std::move(other.record_);
    started_ = other.started_;
    exceptions_at_start_ = other.exceptions_at_start_;
    failed_ = other.failed_;
  }
  return *this;
}

Span::~Span() {
  if (std::uncaught_exceptions() > exceptions_at_start_) {
    try {
      fail("ended by an exception");
    } catch (...) {
      // No memory for the tag (a destructor must not throw): the span still ends, untagged.
    }
  }
  end();
}

void Span::rename(std::string_view name) {
  if (record_) record_->name = name;
}

void Span::setService(std::string service) {
  service_ = std::move(service);
  if (record_) record_->service = service_;
}

void Span::setRemoteService(std::string_view service) {
  if (record_) record_->remote_service = service;
}

void Span::tag(std::string_view key, std::string_view value) {
  if (record_) record_->tags.emplace_back(key, value);
}

void Span::fail(std::string_view message) {
  if (failed_) return;  // the first cause is the one worth reading
  failed_ = true;
  tag("error", message.empty() ? "true" : message);
}

void Span::end() {
  if (!record_) return;
  record_->duration_us = std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::steady_clock::now() - started_)
                             .count();
  try {
    tracer_->finish(std::move(*record_));
  } catch (...) {
    // Spans end in destructors and in rollback(), which must not throw: a span that could not
    // be queued (no memory) is lost, as one dropped from a full queue is.
  }
  record_.reset();
}

CurrentSpan::CurrentSpan(const Span& span) noexcept : previous_(t_current) { t_current = &span; }

CurrentSpan::~CurrentSpan() { t_current = previous_; }

}  // namespace catalog::host
