#pragma once

#include <Poco/Formatter.h>
#include <Poco/Message.h>

#include <string>

namespace catalog::host {

/// Formats a log message as one JSON line, SRS §4.1.1:
/// {"timestamp", "level", "service", "correlation_id", "trace_id", "span_id", "message"}; the ids
/// are empty outside a request, event or task. The service is the logger's
/// name: "catalogd" for the host, the plugin's name for a plugin.
class JsonLogFormatter : public Poco::Formatter {
 public:
  void format(const Poco::Message& message, std::string& text) override;
};

/// The SRS level name of a Poco priority.
const char* levelName(Poco::Message::Priority priority);

}  // namespace catalog::host
