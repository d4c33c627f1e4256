#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "observability/tracing/span_record.hpp"
#include "observability/tracing/trace_context.hpp"

namespace catalog::host {

class Tracer;

/// One timed operation of a trace: a request served or made, a transaction, an event published
/// or consumed, a saga step. Ends (and goes to the tracer's exporter, when its trace is sampled
/// and a collector is configured) when end() is called or it is destroyed. An inert span — made
/// without a trace to join — has no ids and records nothing. Not thread-safe.
class Span {
 public:
  /// Whether a new root is sampled by the tracer's ratio or never (background polls, whose
  /// spans would bury the business flows).
  enum class Sampling { ByRatio, Never };

  Span() = default;
  /// Starts a span: a child of `parent` (a context received from another process), or the root
  /// of a new trace without one.
  Span(Tracer& tracer, std::string name, SpanKind kind, std::string service,
       const std::optional<TraceContext>& parent, Sampling sampling = Sampling::ByRatio);
  /// Starts a child of this thread's current span (see CurrentSpan), done by `service` (empty:
  /// the parent's); inert when the thread has no current span.
  static Span child(std::string name, SpanKind kind, std::string service = {});
  /// This thread's current span; null outside any.
  static const Span* current() noexcept;

  Span(Span&& other) noexcept;
  Span& operator=(Span&& other) noexcept;
  ~Span();

  bool active() const noexcept { return tracer_ != nullptr; }
  /// Whether the span will be exported when it ends.
  bool recording() const noexcept { return record_ != nullptr; }
  /// Ids to pass on; empty ones when inert.
  const TraceContext& context() const noexcept { return context_; }
  /// The plugin (or "catalogd") doing the work.
  const std::string& service() const noexcept { return service_; }

  /// These change what is recorded, and copy nothing unless the span records (a request's
  /// span is made whether or not its trace is sampled, for the ids its log lines carry).
  void rename(std::string_view name);
  void setRemoteService(std::string_view service);
  void tag(std::string_view key, std::string_view value);
  /// Also the service of the children started under this span.
  void setService(std::string service);
  /// Marks the span failed: Zipkin's "error" tag, which its UI highlights. A span ended by an
  /// exception unwinding past it is marked so without a call.
  void fail(std::string_view message);
  /// Ends the span now; later calls do nothing.
  void end();

 private:
  Tracer* tracer_ = nullptr;
  TraceContext context_;
  std::string service_;
  std::unique_ptr<SpanRecord> record_;  // only while recording
  std::chrono::steady_clock::time_point started_;
  int exceptions_at_start_ = 0;  // std::uncaught_exceptions() when it started
  bool failed_ = false;
};

/// Makes a span this thread's current span until destroyed, restoring the previous one: log
/// lines carry its ids, and the transactions, calls, events and processes started meanwhile
/// are its children. The span must outlive the scope and not move meanwhile.
class CurrentSpan {
 public:
  explicit CurrentSpan(const Span& span) noexcept;
  ~CurrentSpan();
  CurrentSpan(const CurrentSpan&) = delete;
  CurrentSpan& operator=(const CurrentSpan&) = delete;

 private:
  const Span* previous_;
};

}  // namespace catalog::host
