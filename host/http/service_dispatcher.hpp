#pragma once

#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "catalog/abi.h"
#include "http/response.hpp"

namespace catalog::host {

class Authorizer;
class LoadedPlugin;
class Router;
struct Settings;

/// A service call could not reach its target.
class ServiceUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Routes plugin-to-plugin calls: straight to the handler when the target plugin is loaded in
/// this host, over HTTP to its configured URL otherwise (timeouts per SRS §4.6.3). A local call
/// passes the target route's access policy exactly as a request from outside would, checked
/// against the caller's token; a remote call carries that token.
class ServiceDispatcher {
 public:
  ServiceDispatcher(const Router& router, const Settings& settings, const Authorizer& authorizer);

  /// Called once per plugin when it is loaded.
  void addLocal(LoadedPlugin& plugin);
  /// Whether `service` is loaded in this host.
  bool isLocal(const std::string& service) const { return local_.count(service) != 0; }
  /// Throws ServiceUnavailable.
  std::unique_ptr<catalog_response> call(const std::string& service,
                                         const catalog_request& request);

 private:
  std::unique_ptr<catalog_response> callLocal(LoadedPlugin& plugin, const catalog_request& request);
  std::unique_ptr<catalog_response> callRemote(const std::string& service, const std::string& url,
                                               const catalog_request& request);

  const Router& router_;
  const Settings& settings_;
  const Authorizer& authorizer_;
  std::map<std::string, LoadedPlugin*> local_;
};

}  // namespace catalog::host
