#pragma once

#include <Poco/Logger.h>
#include <Poco/Message.h>

#include <string>
#include <string_view>

namespace catalog::host {

/// Logs `text` through `logger` with the correlation id, and the trace and span ids of this
/// thread's current span, attached for JsonLogFormatter.
void log(Poco::Logger& logger, Poco::Message::Priority priority, std::string_view correlation_id,
         std::string text);

}  // namespace catalog::host
