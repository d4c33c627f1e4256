#include "http/service_dispatcher.hpp"

#include <Poco/URI.h>

#include <chrono>
#include <vector>

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/host.hpp"
#include "config/settings.hpp"
#include "http/error_response.hpp"
#include "http/router.hpp"
#include "loader/loaded_plugin.hpp"
#include "observability/log.hpp"
#include "observability/observability.hpp"
#include "observability/tracing/span.hpp"
#include "security/authorizer.hpp"

namespace catalog::host {
namespace {

// An answer of the host's own to a service call.
std::unique_ptr<catalog_response> answer(catalog_response response) {
  return std::make_unique<catalog_response>(std::move(response));
}

}  // namespace

ServiceDispatcher::ServiceDispatcher(const Router& router, const Settings& settings,
                                     const Authorizer& authorizer)
    : router_(router), settings_(settings), authorizer_(authorizer) {}

void ServiceDispatcher::addLocal(LoadedPlugin& plugin) { local_[plugin.name()] = &plugin; }

std::unique_ptr<catalog_response> ServiceDispatcher::call(const std::string& service,
                                                          const catalog_request& request) {
  if (const auto it = local_.find(service); it != local_.end())
    return callLocal(*it->second, request);
  if (Upstream* remote = upstream(service)) return remote->send(request);
  throw ServiceUnavailable("service '" + service +
                           "' is neither loaded in this host nor configured with a URL");
}

std::unique_ptr<catalog_response> ServiceDispatcher::callLocal(LoadedPlugin& plugin,
                                                               const catalog_request& request) {
  const std::string method = sdk::fromAbi(request.method);
  const std::string path = sdk::fromAbi(request.path);
  const std::string correlation_id = sdk::fromAbi(request.correlation_id);
  // The router reads paths as they come on the wire; a call's path is decoded, so a '%' in it
  // would read as a broken escape.
  std::string wire_path;
  Poco::URI::encode(path, "", wire_path);
  const Router::Match match = router_.match(method, wire_path, &plugin);
  if (match.outcome != Router::Outcome::Found) {
    return answer(errorResponse(
        match.outcome == Router::Outcome::NotFound ? 404 : 405,
        match.outcome == Router::Outcome::NotFound ? "NOT_FOUND" : "METHOD_NOT_ALLOWED",
        "No route " + method + " " + path + " in " + plugin.name(), correlation_id));
  }
  const Authorization auth = authorizer_.authorizeToken(
      *match.route, sdk::fromAbi(request.principal.token), correlation_id);
  if (!auth.allowed()) return answer(refusal(auth, correlation_id));
  std::vector<catalog_pair> params;
  for (const auto& [name, value] : match.params)
    params.push_back({sdk::toAbi(name), sdk::toAbi(value)});
  catalog_request routed = request;
  routed.path_params = params.data();
  routed.path_param_count = params.size();
  // The principal is what the token proves, not what the calling plugin claimed.
  routed.principal = {sdk::toAbi(auth.principal.subject), sdk::toAbi(auth.principal.username),
                      sdk::toAbi(auth.principal.role), sdk::toAbi(auth.token)};
  // In process, the call is the span and the request metrics its target would make serving it
  // over HTTP: a front door's requests count under their own route as in a split deployment.
  const auto started = std::chrono::steady_clock::now();
  Span span = Span::child(method + " " + match.route->pattern, SpanKind::Server, plugin.name());
  const CurrentSpan current(span);
  span.tag("http.method", method);
  span.tag("http.path", path);
  auto response = std::make_unique<catalog_response>();
  if (match.route->handler(match.route->user_data, &routed, response.get()) != CATALOG_OK) {
    response =
        answer(errorResponse(500, "INTERNAL_ERROR", "Internal server error", correlation_id));
  }
  const std::string status = std::to_string(response->status);
  span.tag("http.status_code", status);
  if (response->status >= 500) span.fail("HTTP " + status);
  HostMetrics& metrics = plugin.facilities().observability.host;
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
  metrics.http_requests.add({method, match.route->pattern, status});
  metrics.http_duration.observe({method, match.route->pattern, status}, elapsed.count());
  log(plugin.logger(), Poco::Message::PRIO_DEBUG, correlation_id,
      method + " " + path + " " + status + " in process, " +
          std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count()) +
          " µs");
  return response;
}

catalog_service_location ServiceDispatcher::location(const std::string& service) {
  if (isLocal(service)) return CATALOG_SERVICE_LOCAL;
  try {
    return upstream(service) != nullptr ? CATALOG_SERVICE_REMOTE : CATALOG_SERVICE_NOWHERE;
  } catch (const std::invalid_argument&) {
    return CATALOG_SERVICE_REMOTE;  // configured, badly: calls fail and say why
  }
}

Upstream* ServiceDispatcher::upstream(const std::string& service) {
  const std::lock_guard<std::mutex> lock(upstreams_mutex_);
  auto& upstream = upstreams_[service];
  if (!upstream) {
    const std::vector<std::string> urls = settings_.serviceUrls(service);
    if (urls.empty()) return nullptr;
    upstream = std::make_unique<Upstream>(service, urls, settings_.upstream);
  }
  return upstream.get();
}

}  // namespace catalog::host
