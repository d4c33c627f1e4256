#include "observability/tracing/span_record.hpp"

#include "catalog/sdk/json.hpp"

namespace catalog::host {
namespace {

const char* kindName(SpanKind kind) {
  switch (kind) {
    case SpanKind::Server:
      return "SERVER";
    case SpanKind::Client:
      return "CLIENT";
    case SpanKind::Producer:
      return "PRODUCER";
    case SpanKind::Consumer:
      return "CONSUMER";
    case SpanKind::Internal:
      break;
  }
  return nullptr;
}

}  // namespace

std::string zipkinJson(const std::vector<SpanRecord>& spans) {
  sdk::Json batch = sdk::Json::array();
  for (const SpanRecord& span : spans) {
    sdk::Json json = {{"traceId", span.trace_id},
                      {"id", span.id},
                      {"name", span.name},
                      {"timestamp", span.timestamp_us},
                      // Zipkin reads 0 as "unknown"; a span that took under a microsecond took 1.
                      {"duration", std::max<std::int64_t>(span.duration_us, 1)},
                      {"localEndpoint", {{"serviceName", span.service}}}};
    if (!span.parent_id.empty()) json["parentId"] = span.parent_id;
    if (const char* kind = kindName(span.kind)) json["kind"] = kind;
    if (!span.remote_service.empty())
      json["remoteEndpoint"] = {{"serviceName", span.remote_service}};
    if (!span.tags.empty()) {
      sdk::Json tags = sdk::Json::object();
      for (const auto& [key, value] : span.tags) tags[key] = value;
      json["tags"] = std::move(tags);
    }
    batch.push_back(std::move(json));
  }
  // Tag values may hold a client's bytes (a path): invalid UTF-8 is replaced, never fatal.
  return batch.dump(-1, ' ', false, sdk::Json::error_handler_t::replace);
}

}  // namespace catalog::host
