#pragma once

#include <memory>
#include <vector>

#include "catalog/sdk/json.hpp"

namespace catalog::host {

class EventBus;
class LoadedPlugin;

/// The host's health (SRS §4.2.3), one entry per loaded plugin.
struct HealthReport {
  int status = 200;  ///< 503 when unhealthy
  sdk::Json body;
};

/// GET /health: "unhealthy" when a database is unreachable, "degraded" when a plugin reports a
/// problem, an outbox holds dead events or the message broker is out of reach, "healthy"
/// otherwise.
HealthReport checkHealth(const std::vector<std::unique_ptr<LoadedPlugin>>& plugins,
                         const EventBus& bus);

}  // namespace catalog::host
