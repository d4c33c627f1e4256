#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "catalog/abi.h"
#include "http/response.hpp"
#include "http/upstream.hpp"

namespace catalog::host {

class Authorizer;
class LoadedPlugin;
class Router;
struct Settings;

/// Routes plugin-to-plugin calls: straight to the handler when the target plugin is loaded in
/// this host, over HTTP to its configured instances otherwise (an Upstream each: keep-alive
/// pools, round-robin, timeouts and retries per SRS §4.6). A local call
/// passes the target route's access policy exactly as a request from outside would, checked
/// against the caller's token; a remote call carries that token.
class ServiceDispatcher {
 public:
  ServiceDispatcher(const Router& router, const Settings& settings, const Authorizer& authorizer);

  /// Called once per plugin when it is loaded.
  void addLocal(LoadedPlugin& plugin);
  /// Whether `service` is loaded in this host.
  bool isLocal(const std::string& service) const { return local_.count(service) != 0; }
  /// Where calls to `service` go: a catalog_service_location.
  catalog_service_location location(const std::string& service);
  /// Throws ServiceUnavailable.
  std::unique_ptr<catalog_response> call(const std::string& service,
                                         const catalog_request& request);

 private:
  std::unique_ptr<catalog_response> callLocal(LoadedPlugin& plugin, const catalog_request& request);
  /// The context's Upstream, made on first use; null when no URL is configured.
  Upstream* upstream(const std::string& service);

  const Router& router_;
  const Settings& settings_;
  const Authorizer& authorizer_;
  std::map<std::string, LoadedPlugin*> local_;
  std::mutex upstreams_mutex_;
  std::map<std::string, std::unique_ptr<Upstream>> upstreams_;
};

}  // namespace catalog::host
