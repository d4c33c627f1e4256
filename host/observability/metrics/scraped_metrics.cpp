#include "observability/metrics/scraped_metrics.hpp"

#include "loader/loaded_plugin.hpp"
#include "workflow/workflow_engine.hpp"

namespace catalog::host {
namespace {

MetricFamily& gauge(MetricRegistry& registry, const char* name, const char* help,
                    std::vector<std::string> labels) {
  return registry.add({name, help, MetricType::Gauge, std::move(labels), {}});
}

}  // namespace

void addPluginMetrics(MetricRegistry& registry,
                      const std::vector<std::unique_ptr<LoadedPlugin>>& plugins) {
  MetricFamily* connections =
      &gauge(registry, "catalog_db_connections",
             "Database connections of a plugin's pool, in use or idle.", {"plugin", "state"});
  MetricFamily* max = &gauge(registry, "catalog_db_connections_max",
                             "The most connections a plugin's pool opens.", {"plugin"});
  MetricFamily* up = &gauge(registry, "catalog_db_up",
                            "Whether a plugin's database answers (1) or not (0).", {"plugin"});
  MetricFamily* pending = &gauge(registry, "catalog_outbox_pending_events",
                                 "Events in a plugin's outbox not yet on the bus.", {"plugin"});
  MetricFamily* oldest =
      &gauge(registry, "catalog_outbox_oldest_pending_age_seconds",
             "How long the oldest pending event of a plugin's outbox has waited.", {"plugin"});
  MetricFamily* dead = &gauge(
      registry, "catalog_outbox_dead_events",
      "Events a plugin's outbox gave up on after its attempts (kept for an operator).", {"plugin"});
  registry.addCollector([&plugins, connections, max, up, pending, oldest, dead] {
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

void addSagaMetrics(MetricRegistry& registry, WorkflowEngine& engine) {
  MetricFamily* instances =
      &gauge(registry, "catalog_saga_instances",
             "Process instances of the embedded engine by state.", {"process", "state"});
  MetricFamily* incidents =
      &gauge(registry, "catalog_saga_incidents_open",
             "Incidents waiting for an operator (a task out of retries), by process.", {"process"});
  registry.addCollector([&engine, instances, incidents] {
    const WorkflowEngine::ProcessCounts counts = engine.processCounts();
    instances->clear();
    for (const auto& [key, count] : counts.instances)
      instances->set({key.first, key.second}, static_cast<double>(count));
    incidents->clear();
    for (const auto& [process, count] : counts.open_incidents)
      incidents->set({process}, static_cast<double>(count));
    // A process with instances but no open incident shows 0 rather than no series.
    for (const auto& [key, count] : counts.instances)
      if (counts.open_incidents.count(key.first) == 0) incidents->set({key.first}, 0);
  });
}

}  // namespace catalog::host
