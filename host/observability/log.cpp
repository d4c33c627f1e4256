#include "observability/log.hpp"

#include "observability/tracing/span.hpp"

namespace catalog::host {

void log(Poco::Logger& logger, Poco::Message::Priority priority, std::string_view correlation_id,
         std::string text) {
  if (!logger.is(priority)) return;
  Poco::Message message(logger.name(), std::move(text), priority);
  if (!correlation_id.empty()) message.set("correlation_id", std::string(correlation_id));
  // The formatter may run on another thread: the ids are taken here, on the one that logs.
  if (const Span* span = Span::current(); span != nullptr && span->active()) {
    message.set("trace_id", span->context().trace_id);
    message.set("span_id", span->context().span_id);
  }
  logger.log(message);
}

}  // namespace catalog::host
