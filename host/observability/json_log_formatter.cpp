#include "observability/json_log_formatter.hpp"

#include <Poco/DateTimeFormatter.h>

#include "catalog/sdk/json.hpp"

namespace catalog::host {

const char* levelName(Poco::Message::Priority priority) {
  switch (priority) {
    case Poco::Message::PRIO_FATAL:
    case Poco::Message::PRIO_CRITICAL:
      return "CRITICAL";
    case Poco::Message::PRIO_ERROR:
      return "ERROR";
    case Poco::Message::PRIO_WARNING:
      return "WARNING";
    case Poco::Message::PRIO_NOTICE:
    case Poco::Message::PRIO_INFORMATION:
      return "INFO";
    default:
      return "DEBUG";
  }
}

void JsonLogFormatter::format(const Poco::Message& message, std::string& text) {
  const sdk::Json line = {
      {"timestamp", Poco::DateTimeFormatter::format(message.getTime(), "%Y-%m-%dT%H:%M:%S.%iZ")},
      {"level", levelName(message.getPriority())},
      {"service", message.getSource()},
      {"correlation_id", message.has("correlation_id") ? message.get("correlation_id") : ""},
      {"trace_id", message.has("trace_id") ? message.get("trace_id") : ""},
      {"span_id", message.has("span_id") ? message.get("span_id") : ""},
      {"message", message.getText()}};
  // Invalid UTF-8 from a client (a path, a header) is replaced rather than failing the line.
  text = line.dump(-1, ' ', false, sdk::Json::error_handler_t::replace);
}

}  // namespace catalog::host
