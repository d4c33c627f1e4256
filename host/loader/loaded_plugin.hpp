#pragma once

#include <Poco/Logger.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "catalog/abi.h"
#include "loader/plugin_library.hpp"
#include "observability/metrics/metric_family.hpp"
#include "outbox/outbox_listener.hpp"
#include "outbox/outbox_relay.hpp"
#include "storage/database.hpp"
#include "storage/migrator.hpp"
#include "storage/transaction.hpp"

namespace catalog::host {

class EventBus;
class Router;
class ServiceDispatcher;
class WorkerRunner;
class EngineClient;
struct Observability;
struct Settings;

/// The host-wide facilities plugins reach through the host API.
struct HostFacilities {
  const Settings& settings;
  Router& router;
  EventBus& bus;
  ServiceDispatcher& services;
  Observability& observability;
  EngineClient* engine = nullptr;   ///< embedded or remote; null when this host uses none
  WorkerRunner* workers = nullptr;  ///< likewise
};

/// What a plugin's health check found.
struct PluginHealth {
  bool database_ok = true;
  std::string database_error;
  bool plugin_ok = true;
  std::string plugin_reason;
  OutboxCounts outbox;
};

/// A plugin loaded into this host, with its own database and outbox relay. Lifecycle, driven
/// by the host: create → migrate → start → startRelay … stopRelay → stop → (destructor)
/// destroy; stop and stopRelay are harmless when start or startRelay did not run.
/// Registration through the host API is accepted only during create.
class LoadedPlugin {
 public:
  LoadedPlugin(PluginLibrary library, std::unique_ptr<Database> database,
               HostFacilities& facilities);
  ~LoadedPlugin();
  LoadedPlugin(const LoadedPlugin&) = delete;
  LoadedPlugin& operator=(const LoadedPlugin&) = delete;

  const std::string& name() const noexcept { return name_; }
  Database& database() noexcept { return *database_; }
  HostFacilities& facilities() noexcept { return facilities_; }
  Poco::Logger& logger() const noexcept { return logger_; }

  /// Each throws std::runtime_error with the plugin's reason.
  void create();
  void migrate();
  void start();
  void startRelay();
  void stopRelay();
  void stop();
  PluginHealth health();
  /// The outbox's events waiting and given up on. Throws SqlError.
  OutboxCounts outboxCounts() { return relay_->counts(); }

  /// True while the create hook runs: the only time routes, migrations and subscriptions may
  /// be registered.
  bool registering() const noexcept { return registering_; }
  void addMigration(Migration migration);
  /// Declares a metric of the plugin, named catalog_<plugin>_<spec.name>. Throws
  /// std::invalid_argument for a bad spec or a name declared before.
  catalog_metric* addMetric(MetricSpec spec);
  /// The value of `<plugin>.<key>` (environment CATALOG_<PLUGIN>_<KEY> first); the returned
  /// string stays valid until the plugin is destroyed.
  const std::string* config(const std::string& key);
  /// Wakes the relay after a commit that wrote to the outbox.
  void outboxWritten();

 private:
  std::string name_;
  PluginLibrary library_;
  std::unique_ptr<Database> database_;
  HostFacilities& facilities_;
  Poco::Logger& logger_;
  std::unique_ptr<catalog_plugin_context> context_;
  void* instance_ = nullptr;
  bool registering_ = false;
  bool started_ = false;
  std::vector<Migration> migrations_;
  std::mutex config_mutex_;
  std::map<std::string, std::optional<std::string>> config_cache_;
  std::vector<std::unique_ptr<catalog_metric>> metrics_;
  std::unique_ptr<OutboxRelay> relay_;
  std::unique_ptr<OutboxListener> listener_;  // on PostgreSQL only
};

/// The table of host functions every plugin receives.
const catalog_host_api* hostApi();

}  // namespace catalog::host

struct catalog_plugin_context {
  catalog::host::LoadedPlugin* plugin;
};

struct catalog_tx {
  catalog::host::Transaction transaction;
  catalog::host::LoadedPlugin* plugin;
  std::string correlation_id;
  bool borrowed;      // owned by the host during event delivery
  bool wrote_outbox;  // the relay is woken after commit
};

struct catalog_metric {
  catalog::host::MetricFamily& family;
};

struct catalog_rows {
  catalog::host::SqlResult result;
};
