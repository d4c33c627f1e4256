#include "observability/metrics/refreshed_metrics.hpp"

#include <map>

#include "loader/loaded_plugin.hpp"
#include "workflow/workflow_engine.hpp"

namespace catalog::host {

void addPluginMetrics(MetricRegistry& registry, GaugeRefresher& refresher,
                      const std::vector<std::unique_ptr<LoadedPlugin>>& plugins) {
  MetricFamily* connections = &registry.gauge(
      "catalog_db_connections", "Database connections of a plugin's pool, in use or idle.",
      {"plugin", "state"});
  MetricFamily* max = &registry.gauge("catalog_db_connections_max",
                                      "The most connections a plugin's pool opens.", {"plugin"});
  MetricFamily* up = &registry.gauge(
      "catalog_db_up", "Whether a plugin's database answers (1) or not (0).", {"plugin"});
  MetricFamily* pending =
      &registry.gauge("catalog_outbox_pending_events",
                      "Events in a plugin's outbox not yet on the bus.", {"plugin"});
  MetricFamily* oldest = &registry.gauge(
      "catalog_outbox_oldest_pending_age_seconds",
      "How long the oldest pending event of a plugin's outbox has waited.", {"plugin"});
  MetricFamily* dead = &registry.gauge(
      "catalog_outbox_dead_events",
      "Events a plugin's outbox gave up on after its attempts (kept for an operator).", {"plugin"});
  refresher.add([&plugins, connections, max, up, pending, oldest, dead] {
    for (const auto& plugin : plugins) {
      const std::string& name = plugin->name();
      const Database::PoolUse pool = plugin->database().poolUse();
      connections->set({name, "in_use"}, pool.in_use);
      connections->set({name, "idle"}, pool.idle);
      max->set({name}, pool.max);
      const bool answers = plugin->database().ping(nullptr);
      up->set({name}, answers ? 1 : 0);
      if (!answers) continue;  // the outbox gauges keep their last values
      try {
        const OutboxCounts counts = plugin->outboxCounts();
        pending->set({name}, static_cast<double>(counts.pending));
        oldest->set({name}, counts.oldest_pending_seconds);
        dead->set({name}, static_cast<double>(counts.dead));
      } catch (const std::exception&) {
        up->set({name}, 0);
      }
    }
  });
}

void addSagaMetrics(MetricRegistry& registry, GaugeRefresher& refresher, WorkflowEngine& engine) {
  MetricFamily* instances =
      &registry.gauge("catalog_saga_instances",
                      "Process instances of the embedded engine by state.", {"process", "state"});
  MetricFamily* incidents = &registry.gauge(
      "catalog_saga_incidents_open",
      "Incidents waiting for an operator (a task out of retries), by process.", {"process"});
  refresher.add([&engine, instances, incidents] {
    const WorkflowEngine::ProcessCounts counts = engine.processCounts();
    std::map<std::vector<std::string>, double> by_state;
    std::map<std::vector<std::string>, double> open;
    for (const auto& [key, count] : counts.instances) {
      by_state[{key.first, key.second}] = static_cast<double>(count);
      open[{key.first}] = 0;  // a process with no open incident shows 0, not nothing
    }
    for (const auto& [process, count] : counts.open_incidents)
      open[{process}] = static_cast<double>(count);
    instances->replace(by_state);
    incidents->replace(open);
  });
}

}  // namespace catalog::host
