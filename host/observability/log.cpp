#include "observability/log.hpp"

namespace catalog::host {

void log(Poco::Logger& logger, Poco::Message::Priority priority, std::string_view correlation_id,
         std::string text) {
  if (!logger.is(priority)) return;
  Poco::Message message(logger.name(), std::move(text), priority);
  if (!correlation_id.empty()) message.set("correlation_id", std::string(correlation_id));
  logger.log(message);
}

}  // namespace catalog::host
