#pragma once

#include <Poco/Logger.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/ThreadPool.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "bus/event_bus.hpp"
#include "config/settings.hpp"
#include "http/router.hpp"
#include "http/service_dispatcher.hpp"
#include "loader/loaded_plugin.hpp"
#include "observability/observability.hpp"
#include "security/authorizer.hpp"
#include "security/key_ring.hpp"
#include "security/key_source.hpp"
#include "security/service_account.hpp"
#include "security/token_verifier.hpp"
#include "workflow/engine_client.hpp"
#include "workflow/engine_rest.hpp"
#include "workflow/worker_runner.hpp"
#include "workflow/workflow_engine.hpp"

namespace catalog::host {

/// Everything catalogd runs: the plugins with their databases and relays, the router, the bus
/// and the HTTP server. Also used in process by tests.
class CatalogHost {
 public:
  CatalogHost(Settings settings, Poco::Logger& logger);
  ~CatalogHost();
  CatalogHost(const CatalogHost&) = delete;
  CatalogHost& operator=(const CatalogHost&) = delete;

  /// Loads, creates and migrates every configured plugin. Throws UnknownPlugin, PluginRefused
  /// (unless skipRefusedPlugins, and always when no plugin is left), DatabaseUnavailable, or
  /// std::runtime_error with the cause.
  void load();
  /// Starts the plugins, the relays and the HTTP server (port 0 picks a free port).
  void start();
  /// Stops taking requests, lets in-flight ones finish, stops relays and plugins.
  void stop();

  /// The port the HTTP server listens on, once started.
  int port() const;
  const Router& router() const noexcept { return router_; }
  const std::vector<std::unique_ptr<LoadedPlugin>>& plugins() const noexcept { return plugins_; }

 private:
  void loadPlugin(const std::string& name);
  // Refuses to start when routes need tokens this host has no key to verify.
  void checkKeySource();

  Settings settings_;
  Poco::Logger& logger_;
  Observability observability_;
  Router router_;
  std::unique_ptr<EventBus> bus_;
  // Token checking: the key source may be the identity context, reached through services_,
  // which in turn checks local calls with authorizer_; the fetch only runs once both exist.
  KeySource key_source_;
  KeyRing key_ring_;
  TokenVerifier verifier_;
  Authorizer authorizer_;
  ServiceDispatcher services_;
  ServiceAccount service_account_;
  HostFacilities facilities_;
  std::vector<std::unique_ptr<LoadedPlugin>> plugins_;
  std::unique_ptr<WorkflowEngine> engine_;  // when catalog.engine.enabled
  std::unique_ptr<EngineRest> engine_rest_;
  std::unique_ptr<EngineClient> engine_client_;  // the embedded engine or catalog.engine.url
  std::unique_ptr<WorkerRunner> workers_;
  std::atomic<bool> ready_{false};
  Poco::ThreadPool http_threads_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  bool started_ = false;
};

}  // namespace catalog::host
