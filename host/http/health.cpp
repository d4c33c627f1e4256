#include "http/health.hpp"

#include "bus/event_bus.hpp"
#include "loader/loaded_plugin.hpp"

namespace catalog::host {

HealthReport checkHealth(const std::vector<std::unique_ptr<LoadedPlugin>>& plugins,
                         const EventBus& bus) {
  bool databases_ok = true;
  bool degraded = false;
  sdk::Json details = sdk::Json::object();
  for (const auto& plugin : plugins) {
    const PluginHealth health = plugin->health();
    databases_ok = databases_ok && health.database_ok;
    degraded = degraded || !health.plugin_ok || health.outbox.dead > 0;
    sdk::Json entry = {
        {"status", !health.database_ok
                       ? "unhealthy"
                       : (!health.plugin_ok || health.outbox.dead > 0 ? "degraded" : "healthy")},
        {"database", health.database_ok ? "connected" : "disconnected"},
        {"outbox", {{"pending", health.outbox.pending}, {"dead", health.outbox.dead}}}};
    if (!health.database_ok) entry["error"] = health.database_error;
    if (!health.plugin_ok) entry["reason"] = health.plugin_reason;
    details[plugin->name()] = std::move(entry);
  }
  const std::string broker = bus.state();
  degraded = degraded || broker == "disconnected";
  const char* status = !databases_ok ? "unhealthy" : (degraded ? "degraded" : "healthy");
  HealthReport report;
  report.status = databases_ok ? 200 : 503;
  report.body = {{"status", status},
                 {"database", databases_ok ? "connected" : "disconnected"},
                 {"message_broker", broker},
                 {"dependencies", sdk::Json::object()},
                 {"plugins", std::move(details)}};
  return report;
}

}  // namespace catalog::host
