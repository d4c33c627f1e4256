#pragma once

#include <memory>
#include <vector>

#include "observability/metrics/metric_registry.hpp"

namespace catalog::host {

class LoadedPlugin;
class WorkflowEngine;

/// Registers the gauges read from each plugin's database when a scrape asks: its connection
/// pool, whether it answers, and its outbox (events pending, the oldest one's age, events
/// given up on).
void addPluginMetrics(MetricRegistry& registry,
                      const std::vector<std::unique_ptr<LoadedPlugin>>& plugins);

/// Registers the gauges read from the embedded engine when a scrape asks: process instances by
/// state and open incidents.
void addSagaMetrics(MetricRegistry& registry, WorkflowEngine& engine);

}  // namespace catalog::host
