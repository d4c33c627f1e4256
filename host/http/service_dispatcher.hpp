#pragma once

#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "catalog/abi.h"
#include "http/response.hpp"

namespace catalog::host {

class LoadedPlugin;
class Router;
struct Settings;

/// A service call could not reach its target.
class ServiceUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Routes plugin-to-plugin calls: straight to the handler when the target plugin is loaded in
/// this host, over HTTP to its configured URL otherwise (timeouts per SRS §4.6.3).
class ServiceDispatcher {
 public:
  ServiceDispatcher(const Router& router, const Settings& settings);

  /// Called once per plugin when it is loaded.
  void addLocal(LoadedPlugin& plugin);
  /// Throws ServiceUnavailable.
  std::unique_ptr<catalog_response> call(const std::string& service,
                                         const catalog_request& request);

 private:
  std::unique_ptr<catalog_response> callLocal(LoadedPlugin& plugin, const catalog_request& request);
  std::unique_ptr<catalog_response> callRemote(const std::string& service, const std::string& url,
                                               const catalog_request& request);

  const Router& router_;
  const Settings& settings_;
  std::map<std::string, LoadedPlugin*> local_;
};

}  // namespace catalog::host
