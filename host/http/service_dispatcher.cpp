#include "http/service_dispatcher.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <sstream>
#include <vector>

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/host.hpp"
#include "config/settings.hpp"
#include "http/router.hpp"
#include "loader/loaded_plugin.hpp"
#include "security/authorizer.hpp"

namespace catalog::host {
namespace {

constexpr long kConnectTimeoutSeconds = 2;
constexpr long kReadTimeoutSeconds = 4;

std::unique_ptr<catalog_response> errorResponse(int status, const std::string& code,
                                                const std::string& message,
                                                const std::string& correlation_id) {
  auto response = std::make_unique<catalog_response>();
  response->status = status;
  response->headers.emplace_back("Content-Type", "application/json");
  response->body = sdk::toText(sdk::errorBody(code, message, sdk::Json::object(), correlation_id));
  return response;
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
  if (const auto url = settings_.serviceUrl(service)) return callRemote(service, *url, request);
  throw ServiceUnavailable("service '" + service +
                           "' is neither loaded in this host nor configured with a URL");
}

std::unique_ptr<catalog_response> ServiceDispatcher::callLocal(LoadedPlugin& plugin,
                                                               const catalog_request& request) {
  const std::string method = sdk::fromAbi(request.method);
  const std::string path = sdk::fromAbi(request.path);
  const std::string correlation_id = sdk::fromAbi(request.correlation_id);
  const Router::Match match = router_.match(method, path, &plugin);
  if (match.outcome != Router::Outcome::Found) {
    return errorResponse(
        match.outcome == Router::Outcome::NotFound ? 404 : 405,
        match.outcome == Router::Outcome::NotFound ? "NOT_FOUND" : "METHOD_NOT_ALLOWED",
        "No route " + method + " " + path + " in " + plugin.name(), correlation_id);
  }
  const Authorization auth = authorizer_.authorizeToken(
      *match.route, sdk::fromAbi(request.principal.token), correlation_id);
  if (!auth.allowed()) return errorResponse(auth.status, auth.code, auth.message, correlation_id);
  std::vector<catalog_pair> params;
  for (const auto& [name, value] : match.params)
    params.push_back({sdk::toAbi(name), sdk::toAbi(value)});
  catalog_request routed = request;
  routed.path_params = params.data();
  routed.path_param_count = params.size();
  // The principal is what the token proves, not what the calling plugin claimed.
  routed.principal = {sdk::toAbi(auth.principal.subject), sdk::toAbi(auth.principal.username),
                      sdk::toAbi(auth.principal.role), sdk::toAbi(auth.token)};
  auto response = std::make_unique<catalog_response>();
  if (match.route->handler(match.route->user_data, &routed, response.get()) != CATALOG_OK) {
    return errorResponse(500, "INTERNAL_ERROR", "Internal server error", correlation_id);
  }
  return response;
}

std::unique_ptr<catalog_response> ServiceDispatcher::callRemote(const std::string& service,
                                                                const std::string& url,
                                                                const catalog_request& request) {
  try {
    Poco::URI uri(url);
    uri.setPath(uri.getPath() + sdk::fromAbi(request.path));
    for (std::size_t i = 0; i < request.query_count; ++i) {
      uri.addQueryParameter(sdk::fromAbi(request.query[i].name),
                            sdk::fromAbi(request.query[i].value));
    }
    Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
    session.setTimeout(Poco::Timespan(kConnectTimeoutSeconds, 0),
                       Poco::Timespan(kReadTimeoutSeconds, 0),
                       Poco::Timespan(kReadTimeoutSeconds, 0));
    Poco::Net::HTTPRequest http(sdk::fromAbi(request.method), uri.getPathAndQuery(),
                                Poco::Net::HTTPMessage::HTTP_1_1);
    for (std::size_t i = 0; i < request.header_count; ++i) {
      http.set(sdk::fromAbi(request.headers[i].name), sdk::fromAbi(request.headers[i].value));
    }
    http.set("X-Correlation-ID", sdk::fromAbi(request.correlation_id));
    if (request.principal.token.size > 0) {
      http.set("Authorization", "Bearer " + sdk::fromAbi(request.principal.token));
    }
    http.setContentLength(static_cast<std::streamsize>(request.body.size));
    session.sendRequest(http).write(request.body.data,
                                    static_cast<std::streamsize>(request.body.size));

    Poco::Net::HTTPResponse http_response;
    std::istream& body = session.receiveResponse(http_response);
    auto response = std::make_unique<catalog_response>();
    response->status = static_cast<int>(http_response.getStatus());
    for (const auto& [name, value] : http_response) response->headers.emplace_back(name, value);
    std::ostringstream text;
    Poco::StreamCopier::copyStream(body, text);
    response->body = text.str();
    return response;
  } catch (const Poco::Exception& e) {
    throw ServiceUnavailable(service + " at " + url + ": " + e.displayText());
  }
}

}  // namespace catalog::host
