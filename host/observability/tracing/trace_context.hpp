#pragma once

#include <Poco/Net/HTTPRequest.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace catalog::host {

/// Where a span sits in a trace, as it travels between processes: in HTTP headers (W3C
/// `traceparent` and B3), in message headers and in a saga's process variables.
struct TraceContext {
  std::string trace_id;  ///< 32 lowercase hex digits
  std::string span_id;   ///< 16 lowercase hex digits
  bool sampled = true;   ///< whether the trace's spans are recorded
  bool decided = true;   ///< false when a B3 caller left sampling to us

  /// W3C Trace Context: "00-<trace id>-<span id>-<flags>".
  std::string traceparent() const;
  /// B3 single header: "<trace id>-<span id>-<1|0>".
  std::string b3() const;

  /// Parses a W3C traceparent; nullopt when it is not one (a bad header starts a new trace
  /// rather than failing the request).
  static std::optional<TraceContext> fromTraceparent(std::string_view header);
  /// Parses a B3 single header; a 64-bit trace id is widened to 128 bits.
  static std::optional<TraceContext> fromB3(std::string_view header);
  /// Parses B3 multi headers (X-B3-TraceId, X-B3-SpanId, X-B3-Sampled).
  static std::optional<TraceContext> fromB3Headers(std::string_view trace_id,
                                                   std::string_view span_id,
                                                   std::string_view sampled);
};

/// Reads a header by name (any case); empty when absent.
using HeaderReader = std::function<std::string(const std::string& name)>;

/// The caller's trace context from HTTP headers: traceparent first, then b3, then X-B3-*.
std::optional<TraceContext> extractTraceContext(const HeaderReader& header);

/// The headers that carry a trace context over HTTP; a request passed on drops the caller's
/// copies of them and carries its own.
bool isTraceHeader(std::string_view name) noexcept;

/// Sets the headers that carry `context` on an outgoing request: traceparent and B3's.
void injectTraceHeaders(const TraceContext& context, Poco::Net::HTTPRequest& request);

}  // namespace catalog::host
