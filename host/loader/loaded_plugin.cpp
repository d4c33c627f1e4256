#include "loader/loaded_plugin.hpp"

#include <cctype>
#include <regex>
#include <stdexcept>

#include "bus/event_bus.hpp"
#include "config/settings.hpp"
#include "observability/log.hpp"
#include "observability/observability.hpp"
#include "storage/host_migrations.hpp"

namespace catalog::host {

LoadedPlugin::LoadedPlugin(PluginLibrary library, std::unique_ptr<Database> database,
                           HostFacilities& facilities)
    : name_(library.descriptor->name),
      library_(std::move(library)),
      database_(std::move(database)),
      facilities_(facilities),
      logger_(Poco::Logger::get(name_)),
      context_(std::make_unique<catalog_plugin_context>(catalog_plugin_context{this})),
      // Made now, started later: another plugin's relay may wake this one as soon as it runs.
      relay_(std::make_unique<OutboxRelay>(name_, *database_, facilities_.bus,
                                           facilities_.settings.relay, facilities_.observability,
                                           logger_)) {
  if (const auto level = facilities_.settings.pluginValue(name_, "log.level"))
    logger_.setLevel(parseLogLevel(name_ + ".log.level", *level));
  else
    logger_.setLevel(Poco::Logger::root().getLevel());  // Poco's loggers outlive a host
}

LoadedPlugin::~LoadedPlugin() {
  stopRelay();
  if (instance_ != nullptr) library_.descriptor->destroy(instance_);
}

void LoadedPlugin::create() {
  catalog_error error{};
  registering_ = true;
  instance_ = library_.descriptor->create(hostApi(), context_.get(), &error);
  registering_ = false;
  if (instance_ == nullptr) {
    throw std::runtime_error("plugin '" + name_ + "' failed to create: " + error.message);
  }
}

void LoadedPlugin::migrate() {
  const int host_count = host::migrate(*database_, "catalog", hostMigrations());
  const int plugin_count = host::migrate(*database_, name_, migrations_);
  if (host_count + plugin_count > 0) {
    log(logger_, Poco::Message::PRIO_INFORMATION, "",
        "applied " + std::to_string(host_count + plugin_count) + " migration(s) to " +
            database_->displayUrl());
  }
}

void LoadedPlugin::start() {
  if (library_.descriptor->start == nullptr) return;
  catalog_error error{};
  if (library_.descriptor->start(instance_, &error) != CATALOG_OK) {
    throw std::runtime_error("plugin '" + name_ + "' failed to start: " + error.message);
  }
  started_ = true;
}

void LoadedPlugin::startRelay() {
  relay_->start();
  if (database_->dialect() == Dialect::PostgreSQL) {
    listener_ = std::make_unique<OutboxListener>(
        name_, database_->url(), [this] { relay_->wake(); }, logger_);
    listener_->start();
  }
}

void LoadedPlugin::stopRelay() {
  if (listener_) listener_->stop();
  relay_->stop();
}

void LoadedPlugin::stop() {
  if (started_ && library_.descriptor->stop != nullptr) library_.descriptor->stop(instance_);
  started_ = false;
}

PluginHealth LoadedPlugin::health() {
  PluginHealth health;
  health.database_ok = database_->ping(&health.database_error);
  if (const auto hook = library_.healthHook(); hook != nullptr && instance_ != nullptr) {
    catalog_error error{};
    health.plugin_ok = hook(instance_, &error) == CATALOG_OK;
    if (!health.plugin_ok) health.plugin_reason = error.message;
  }
  if (health.database_ok) {
    try {
      health.outbox = relay_->counts();
    } catch (const std::exception& e) {
      health.database_ok = false;
      health.database_error = e.what();
    }
  }
  return health;
}

void LoadedPlugin::addMigration(Migration migration) {
  migrations_.push_back(std::move(migration));
}

catalog_metric* LoadedPlugin::addMetric(MetricSpec spec) {
  static const std::regex kPluginMetricName("[a-z_][a-z0-9_]*");
  if (!std::regex_match(spec.name, kPluginMetricName))
    throw std::invalid_argument("metric name '" + spec.name +
                                "' must be lower case letters, digits and '_'");
  // A plugin's metrics carry its name, so that two plugins can't declare the same one.
  std::string prefix = "catalog_";
  for (const char c : name_) prefix += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  spec.name = prefix + "_" + spec.name;
  metrics_.push_back(std::make_unique<catalog_metric>(
      catalog_metric{facilities_.observability.metrics.add(std::move(spec))}));
  return metrics_.back().get();
}

const std::string* LoadedPlugin::config(const std::string& key) {
  std::lock_guard<std::mutex> lock(config_mutex_);
  auto it = config_cache_.find(key);
  if (it == config_cache_.end()) {
    it = config_cache_.emplace(key, facilities_.settings.pluginValue(name_, key)).first;
  }
  return it->second ? &*it->second : nullptr;
}

void LoadedPlugin::outboxWritten() { relay_->wake(); }

}  // namespace catalog::host
