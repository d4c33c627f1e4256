#include "observability/tracing/span_record.hpp"

#include <algorithm>
#include <string_view>

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

// The length of the well-formed UTF-8 sequence starting at `at`, 0 when it is not one.
std::size_t utf8Length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // no overlong forms
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;  // nothing past U+10FFFF
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  if (byte(at + 1) < low || byte(at + 1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i)
    if (byte(at + i) < 0x80 || byte(at + i) > 0xBF) return 0;
  return length;
}

// A JSON string. Tag values may hold a client's bytes (a path): what is not UTF-8 becomes
// U+FFFD rather than failing the batch.
void appendString(std::string& out, std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c < 0x20) {
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
      } else {
        out += static_cast<char>(c);
      }
      ++i;
    } else if (const std::size_t length = utf8Length(text, i); length > 0) {
      out.append(text, i, length);
      i += length;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  out += '"';
}

void appendField(std::string& out, const char* name, std::string_view value) {
  out += ",\"";
  out += name;
  out += "\":";
  appendString(out, value);
}

void appendService(std::string& out, const char* endpoint, const std::string& service) {
  out += ",\"";
  out += endpoint;
  out += "\":{\"serviceName\":";
  appendString(out, service);
  out += '}';
}

}  // namespace

// Written by hand rather than through a JSON library's tree: the exporter's thread serializes
// every span, and at tens of thousands a second the tree's allocations cost ten times as much.
std::string zipkinJson(const std::vector<SpanRecord>& spans) {
  std::string out;
  out.reserve(spans.size() * 512);
  out += '[';
  for (const SpanRecord& span : spans) {
    if (out.size() > 1) out += ',';
    out += "{\"traceId\":";
    appendString(out, span.trace_id);
    appendField(out, "id", span.id);
    if (!span.parent_id.empty()) appendField(out, "parentId", span.parent_id);
    appendField(out, "name", span.name);
    if (const char* kind = kindName(span.kind)) appendField(out, "kind", kind);
    out += ",\"timestamp\":" + std::to_string(span.timestamp_us);
    // Zipkin reads 0 as "unknown": a span that took under a microsecond took 1.
    out += ",\"duration\":" + std::to_string(std::max<std::int64_t>(span.duration_us, 1));
    appendService(out, "localEndpoint", span.service);
    if (!span.remote_service.empty()) appendService(out, "remoteEndpoint", span.remote_service);
    if (!span.tags.empty()) {
      out += ",\"tags\":{";
      bool first = true;
      for (const auto& [key, value] : span.tags) {
        if (!first) out += ',';
        first = false;
        appendString(out, key);
        out += ':';
        appendString(out, value);
      }
      out += '}';
    }
    out += '}';
  }
  out += ']';
  return out;
}

}  // namespace catalog::host
