#pragma once

#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <atomic>
#include <memory>
#include <vector>

namespace catalog::host {

class EngineRest;

class Authorizer;
class EventBus;
class LoadedPlugin;
struct Observability;
class Router;
struct Settings;

/// What every request handler shares.
struct HttpContext {
  const Router& router;
  const std::vector<std::unique_ptr<LoadedPlugin>>& plugins;
  const EventBus& bus;
  const Settings& settings;
  const Authorizer& authorizer;
  std::atomic<bool>& ready;
  Poco::Logger& logger;
  EngineRest* engine_rest;  ///< null when this host runs no workflow engine
  Observability& observability;
};

/// Serves the host's own routes (/health, /health/live, /health/ready, /metrics) and dispatches
/// the rest to plugins: correlation id, trace span, body limit, route match, handler, SRS error
/// bodies, access log, request metrics.
class RequestHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit RequestHandlerFactory(HttpContext context) : context_(context) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override;

 private:
  HttpContext context_;
};

}  // namespace catalog::host
