#pragma once

/// @file
/// Logging through the host, which writes one JSON line per call stamped with the plugin's
/// name and the correlation id. Never log passwords or tokens.

#include <string>
#include <string_view>

namespace catalog::sdk {

/// A logger bound to a correlation id (empty for background work). Cheap to copy.
class Logger {
 public:
  explicit Logger(std::string correlation_id = {}) : correlation_id_(std::move(correlation_id)) {}

  void debug(std::string_view message) const;
  void info(std::string_view message) const;
  void warning(std::string_view message) const;
  void error(std::string_view message) const;

 private:
  void write(int level, std::string_view message) const;

  std::string correlation_id_;
};

}  // namespace catalog::sdk
