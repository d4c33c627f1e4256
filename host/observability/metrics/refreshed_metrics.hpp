#pragma once

#include <memory>
#include <vector>

#include "observability/metrics/gauge_refresher.hpp"
#include "observability/metrics/metric_registry.hpp"

namespace catalog::host {

class LoadedPlugin;
class WorkflowEngine;

/// Registers the gauges read from each plugin's database at each refresh: its connection pool,
/// whether it answers, and its outbox (events pending, the oldest one's age, events given up
/// on).
void addPluginMetrics(MetricRegistry& registry, GaugeRefresher& refresher,
                      const std::vector<std::unique_ptr<LoadedPlugin>>& plugins);

/// Registers the gauges read from the embedded engine at each refresh: process instances by
/// state and open incidents.
void addSagaMetrics(MetricRegistry& registry, GaugeRefresher& refresher, WorkflowEngine& engine);

}  // namespace catalog::host
