#include "catalog_host.hpp"

#include <Poco/File.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <sys/stat.h>

#include <algorithm>

#include "bus/in_process_bus.hpp"
#include "bus/rabbitmq_bus.hpp"
#include "http/request_handler.hpp"
#include "observability/log.hpp"
#include "observability/metrics/refreshed_metrics.hpp"
#include "workflow/embedded_engine_client.hpp"
#include "workflow/remote_engine_client.hpp"

namespace catalog::host {
namespace {

std::unique_ptr<EventBus> makeBus(const Settings& settings, Poco::Logger& logger) {
  if (settings.bus.url.empty()) return std::make_unique<InProcessBus>();
  AmqpTimeouts timeouts;
  timeouts.heartbeat = settings.bus.heartbeat;
  return std::make_unique<RabbitMqBus>(AmqpAddress::parse(settings.bus.url), timeouts,
                                       settings.bus.consumer, logger);
}

}  // namespace

CatalogHost::CatalogHost(Settings settings, Poco::Logger& logger)
    : settings_(std::move(settings)),
      logger_(logger),
      observability_(settings_.tracing, logger_),
      bus_(makeBus(settings_, logger_)),
      key_source_(chooseKeySource(settings_.security, services_)),
      key_ring_(key_source_.description, key_source_.fetch, logger_),
      verifier_(key_ring_, {settings_.security.issuer, settings_.security.audience,
                            settings_.security.clock_skew}),
      authorizer_(verifier_, logger_),
      services_(router_, settings_, authorizer_),
      service_account_(settings_.service_account, services_),
      facilities_{settings_, router_, *bus_, services_, observability_},
      http_threads_(2, settings_.http_threads) {}

CatalogHost::~CatalogHost() {
  stop();
  while (!plugins_.empty()) plugins_.pop_back();  // destroyed in reverse order of loading
}

void CatalogHost::load() {
  // Plugins keep secrets here (identity's signing key), so a directory the host creates is
  // private to its user; an existing one is left as the operator made it.
  if (Poco::File data_dir(settings_.data_dir); !data_dir.exists()) {
    data_dir.createDirectories();
    ::chmod(settings_.data_dir.c_str(), 0700);
  }
  // Before the plugins: they register workers and deploy processes as they are created.
  if (settings_.engine.enabled) {
    engine_ = WorkflowEngine::open(settings_.engineDatabaseUrl());
    engine_rest_ = std::make_unique<EngineRest>(*engine_, settings_.engine.max_parked_fetches);
    engine_client_ = std::make_unique<EmbeddedEngineClient>(*engine_);
  } else if (!settings_.engine.url.empty()) {
    engine_client_ = std::make_unique<RemoteEngineClient>(settings_.engine.url, service_account_);
  }
  if (engine_client_) {
    workers_ = std::make_unique<WorkerRunner>(*engine_client_, observability_);
    facilities_.engine = engine_client_.get();
    facilities_.workers = workers_.get();
    log(logger_, Poco::Message::PRIO_INFORMATION, "",
        "workflow engine " + engine_client_->description() +
            (engine_ || !service_account_.configured()
                 ? std::string()
                 : ", as service account " + service_account_.username()));
  }
  for (const std::string& name : settings_.plugins) {
    try {
      loadPlugin(name);
    } catch (const PluginRefused& e) {
      if (!settings_.skip_refused_plugins) throw;
      log(logger_, Poco::Message::PRIO_ERROR, "", std::string(e.what()) + " (skipped)");
    }
  }
  if (plugins_.empty()) throw PluginRefused("no plugin could be loaded; nothing to serve");
  // Every plugin's routes are known now: refuse a host that can't check them before any
  // migration touches a database.
  checkKeySource();
  for (const auto& plugin : plugins_) plugin->migrate();
  addPluginMetrics(observability_.metrics, observability_.refresher, plugins_);
  if (engine_) addSagaMetrics(observability_.metrics, observability_.refresher, *engine_);
}

void CatalogHost::checkKeySource() {
  const auto& routes = router_.routes();
  const bool needs_tokens =
      settings_.engine.enabled || std::any_of(routes.begin(), routes.end(), [](const Route& route) {
        return route.access != CATALOG_ACCESS_PUBLIC;
      });
  std::string source = key_source_.description;
  if (key_source_.kind == KeySource::Kind::File) {
    try {
      key_ring_.load();
    } catch (const std::exception& e) {
      throw std::invalid_argument("cannot read the token signing keys: " + std::string(e.what()));
    }
  } else if (key_source_.kind == KeySource::Kind::Identity) {
    if (services_.isLocal("identity")) {
      source += " (in process)";
    } else if (const auto urls = settings_.serviceUrls("identity"); !urls.empty()) {
      source += " at " + urls.front() + (urls.size() > 1 ? " and others" : "");
    } else if (needs_tokens) {
      throw std::invalid_argument(
          "routes require access tokens but this host has no key to verify them: load the "
          "identity plugin, or set catalog.services.identity.url, catalog.security.jwksUrl, "
          "catalog.security.jwksFile or catalog.security.publicKeyFile");
    } else {
      log(logger_, Poco::Message::PRIO_INFORMATION, "",
          "no key to verify access tokens: every route here is public, and tokens sent to them "
          "are not passed on to other contexts");
      return;
    }
  }
  log(logger_, Poco::Message::PRIO_INFORMATION, "",
      "verifying access tokens with keys from " + source);
}

void CatalogHost::loadPlugin(const std::string& name) {
  const std::string path = findPlugin(name, settings_.plugin_dirs);
  PluginLibrary library = loadPluginLibrary(path, name);
  const catalog_plugin_descriptor& d = *library.descriptor;
  log(logger_, Poco::Message::PRIO_INFORMATION, "",
      "loading plugin '" + name + "' " + d.version + " from " + path + " (ABI " +
          std::to_string(d.abi_major) + "." + std::to_string(d.abi_minor) + ", " + d.build_info +
          ")");
  std::unique_ptr<Database> database;
  try {
    database = Database::open(settings_.databaseUrl(name));
  } catch (const DatabaseUnavailable& e) {
    throw DatabaseUnavailable("plugin '" + name + "': " + e.what());
  }
  auto plugin =
      std::make_unique<LoadedPlugin>(std::move(library), std::move(database), facilities_);
  plugin->create();
  services_.addLocal(*plugin);
  plugins_.push_back(std::move(plugin));
}

void CatalogHost::start() {
  // The port first: if it is taken, nothing has started yet.
  Poco::Net::ServerSocket socket;
  // SO_REUSEADDR for quick restarts, never SO_REUSEPORT: a second host on a taken port must
  // fail, not share the port with the first.
  socket.bind(Poco::Net::SocketAddress("0.0.0.0", static_cast<Poco::UInt16>(settings_.port)), true,
              false);
  socket.listen(256);
  started_ = true;  // from here on, stop() undoes whatever did run
  observability_.tracer.start();
  for (const auto& plugin : plugins_) plugin->start();
  for (const auto& plugin : plugins_) plugin->startRelay();
  bus_->start();
  if (workers_) workers_->start();
  observability_.refresher.start();

  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(settings_.http_threads);
  params->setMaxQueued(1024);
  params->setKeepAlive(true);
  params->setMaxKeepAliveRequests(0);
  params->setKeepAliveTimeout(Poco::Timespan(10, 0));
  params->setServerName("catalogd");
  server_ = std::make_unique<Poco::Net::HTTPServer>(
      new RequestHandlerFactory(HttpContext{router_, plugins_, *bus_, settings_, authorizer_,
                                            ready_, logger_, engine_rest_.get(), observability_}),
      http_threads_, socket, params);
  server_->start();
  ready_ = true;
  log(logger_, Poco::Message::PRIO_INFORMATION, "",
      "catalogd listening on port " + std::to_string(port()) + " with " +
          std::to_string(plugins_.size()) + " plugin(s), " +
          std::to_string(router_.routes().size()) + " route(s), events " + bus_->description() +
          ", " + observability_.tracer.description());
}

void CatalogHost::stop() {
  if (!started_) return;
  started_ = false;
  ready_ = false;
  // Long polls parked in the engine answer now instead of holding the shutdown up, and the
  // workers stop before the plugins they call into.
  if (workers_) workers_->stop();
  if (engine_client_) engine_client_->shutdown();
  observability_.refresher.stop();  // its collectors read the plugins' databases
  if (server_) {
    // In-flight requests finish; idle keep-alive connections close.
    server_->stopAll(false);
    http_threads_.joinAll();
  }
  for (const auto& plugin : plugins_) plugin->stopRelay();
  bus_->stop();
  for (auto it = plugins_.rbegin(); it != plugins_.rend(); ++it) (*it)->stop();
  observability_.tracer.stop();  // after everything that makes spans
  log(logger_, Poco::Message::PRIO_INFORMATION, "", "catalogd stopped");
}

int CatalogHost::port() const { return server_ ? server_->socket().address().port() : 0; }

}  // namespace catalog::host
