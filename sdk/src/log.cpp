#include "catalog/sdk/log.hpp"

#include "catalog/sdk/host.hpp"

namespace catalog::sdk {

void Logger::debug(std::string_view message) const { write(CATALOG_LOG_DEBUG, message); }
void Logger::info(std::string_view message) const { write(CATALOG_LOG_INFO, message); }
void Logger::warning(std::string_view message) const { write(CATALOG_LOG_WARNING, message); }
void Logger::error(std::string_view message) const { write(CATALOG_LOG_ERROR, message); }

void Logger::write(int level, std::string_view message) const {
  const Host& h = host();
  h.api->log(h.context, level, toAbi(correlation_id_), toAbi(message));
}

}  // namespace catalog::sdk
