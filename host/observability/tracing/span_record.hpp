#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace catalog::host {

/// Zipkin's span kinds; Internal is sent without one.
enum class SpanKind { Internal, Server, Client, Producer, Consumer };

/// A finished span, as it is exported (Zipkin v2's model).
struct SpanRecord {
  std::string trace_id;
  std::string id;
  std::string parent_id;  ///< empty for a trace's root
  std::string name;
  SpanKind kind = SpanKind::Internal;
  std::string service;            ///< the plugin (or "catalogd") that did the work
  std::string remote_service;     ///< the context or broker it talked to, when known
  std::int64_t timestamp_us = 0;  ///< start, microseconds since the epoch
  std::int64_t duration_us = 0;
  std::vector<std::pair<std::string, std::string>> tags;
};

/// A batch of spans as a Zipkin v2 JSON array (POST /api/v2/spans).
std::string zipkinJson(const std::vector<SpanRecord>& spans);

}  // namespace catalog::host
