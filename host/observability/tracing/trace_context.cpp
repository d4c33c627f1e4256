#include "observability/tracing/trace_context.hpp"

#include <Poco/String.h>
#include <strings.h>

#include <algorithm>

namespace catalog::host {
namespace {

bool isLowerHex(std::string_view text, std::size_t length) {
  return text.size() == length && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

bool allZero(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == '0'; });
}

std::string lower(std::string_view text) { return Poco::toLower(std::string(text)); }

// B3 ids may come in upper case and trace ids with 64 bits; ours are 128-bit lowercase.
std::optional<TraceContext> b3Context(std::string_view trace_id, std::string_view span_id,
                                      std::string_view sampled) {
  std::string trace = lower(trace_id);
  const std::string span = lower(span_id);
  if (trace.size() == 16) trace = std::string(16, '0') + trace;
  if (!isLowerHex(trace, 32) || !isLowerHex(span, 16) || allZero(trace) || allZero(span))
    return std::nullopt;
  // "d" is B3's debug flag, which implies sampling; absent means "decide yourself".
  TraceContext context{trace, span, sampled == "1" || sampled == "d" || sampled == "true"};
  context.decided = !sampled.empty();
  return context;
}

}  // namespace

std::string TraceContext::traceparent() const {
  return "00-" + trace_id + "-" + span_id + (sampled ? "-01" : "-00");
}

std::string TraceContext::b3() const { return trace_id + "-" + span_id + (sampled ? "-1" : "-0"); }

std::optional<TraceContext> TraceContext::fromTraceparent(std::string_view header) {
  // version-trace_id-parent_id-flags, 55 characters in version 00; later versions may append
  // fields after another dash, which we ignore as the spec asks.
  if (header.size() < 55 || header[2] != '-' || header[35] != '-' || header[52] != '-')
    return std::nullopt;
  const std::string_view version = header.substr(0, 2);
  const std::string_view trace = header.substr(3, 32);
  const std::string_view span = header.substr(36, 16);
  const std::string_view flags = header.substr(53, 2);
  if (!isLowerHex(version, 2) || version == "ff" || (version == "00" && header.size() != 55) ||
      (header.size() > 55 && header[55] != '-') || !isLowerHex(trace, 32) ||
      !isLowerHex(span, 16) || !isLowerHex(flags, 2) || allZero(trace) || allZero(span))
    return std::nullopt;
  const int flag_bits = std::stoi(std::string(flags), nullptr, 16);
  return TraceContext{std::string(trace), std::string(span), (flag_bits & 1) != 0};
}

std::optional<TraceContext> TraceContext::fromB3(std::string_view header) {
  // {trace id}-{span id}[-{sampling}[-{parent span id}]]; a lone "0" only says "don't sample",
  // which without ids gives no context to continue.
  const std::size_t first = header.find('-');
  if (first == std::string_view::npos) return std::nullopt;
  const std::size_t second = header.find('-', first + 1);
  const std::string_view span = header.substr(
      first + 1, second == std::string_view::npos ? std::string_view::npos : second - first - 1);
  std::string_view sampled;
  if (second != std::string_view::npos) {
    const std::size_t third = header.find('-', second + 1);
    sampled = header.substr(
        second + 1, third == std::string_view::npos ? std::string_view::npos : third - second - 1);
  }
  return b3Context(header.substr(0, first), span, sampled);
}

std::optional<TraceContext> TraceContext::fromB3Headers(std::string_view trace_id,
                                                        std::string_view span_id,
                                                        std::string_view sampled) {
  return b3Context(trace_id, span_id, sampled);
}

std::optional<TraceContext> extractTraceContext(const HeaderReader& header) {
  if (const std::string w3c = header("traceparent"); !w3c.empty()) {
    if (auto context = TraceContext::fromTraceparent(w3c)) return context;
  }
  if (const std::string single = header("b3"); !single.empty()) {
    if (auto context = TraceContext::fromB3(single)) return context;
  }
  const std::string trace = header("X-B3-TraceId");
  if (trace.empty()) return std::nullopt;
  return TraceContext::fromB3Headers(trace, header("X-B3-SpanId"), header("X-B3-Sampled"));
}

bool isTraceHeader(std::string_view name) noexcept {
  const auto is = [name](std::string_view other) {
    return name.size() == other.size() && strncasecmp(name.data(), other.data(), other.size()) == 0;
  };
  return is("traceparent") || is("b3") ||
         (name.size() > 5 && strncasecmp(name.data(), "x-b3-", 5) == 0);
}

void injectTraceHeaders(const TraceContext& context, Poco::Net::HTTPRequest& request) {
  request.set("traceparent", context.traceparent());
  request.set("X-B3-TraceId", context.trace_id);
  request.set("X-B3-SpanId", context.span_id);
  request.set("X-B3-Sampled", context.sampled ? "1" : "0");
}

}  // namespace catalog::host
