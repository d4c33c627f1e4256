#include "http/request_handler.hpp"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <istream>
#include <stdexcept>
#include <vector>

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/host.hpp"
#include "catalog/sdk/ids.hpp"
#include "config/settings.hpp"
#include "http/error_response.hpp"
#include "http/health.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "loader/loaded_plugin.hpp"
#include "observability/log.hpp"
#include "observability/observability.hpp"
#include "observability/tracing/span.hpp"
#include "security/authorizer.hpp"
#include "workflow/engine_rest.hpp"

namespace catalog::host {
namespace {

using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;
using sdk::toAbi;

constexpr std::size_t kMaxCorrelationIdLength = 128;

// A typed failure of the host's own processing, answered in the SRS error format.
struct HostError {
  int status;
  const char* code;
  std::string message;
};

// Accepts the caller's correlation id when it is short, printable ASCII; otherwise a new one,
// so a hostile header can't inject into log lines.
std::string correlationIdOf(const HTTPServerRequest& request) {
  const std::string& given = request.get("X-Correlation-ID", "");
  bool usable = !given.empty() && given.size() <= kMaxCorrelationIdLength;
  for (const char c : given) usable = usable && c > 0x20 && c < 0x7f && c != '"' && c != '\\';
  return usable ? given : sdk::newUuid();
}

std::string readBody(HTTPServerRequest& request, std::size_t limit) {
  const auto tooLarge = [limit] {
    return HostError{413, "PAYLOAD_TOO_LARGE",
                     "Request body exceeds " + std::to_string(limit) + " bytes"};
  };
  if (!request.hasContentLength() && !request.getChunkedTransferEncoding()) return {};
  if (request.hasContentLength() &&
      request.getContentLength64() > static_cast<Poco::Int64>(limit)) {
    throw tooLarge();
  }
  std::string body;
  if (request.hasContentLength())
    body.reserve(static_cast<std::size_t>(request.getContentLength64()));
  std::array<char, 8192> buffer;
  std::istream& stream = request.stream();
  while (stream.read(buffer.data(), buffer.size()) || stream.gcount() > 0) {
    body.append(buffer.data(), static_cast<std::size_t>(stream.gcount()));
    if (body.size() > limit) throw tooLarge();
  }
  return body;
}

void send(HTTPServerResponse& response, const catalog_response& out) {
  response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(out.status));
  for (const auto& [name, value] : out.headers) response.set(name, value);
  response.setContentLength(static_cast<std::streamsize>(out.body.size()));
  response.sendBuffer(out.body.data(), out.body.size());
}

// Methods a client invents would each add a series to the request metrics.
std::string methodLabel(const std::string& method) {
  static const std::array<const char*, 7> known = {"GET",   "HEAD",   "POST",   "PUT",
                                                   "PATCH", "DELETE", "OPTIONS"};
  for (const char* name : known)
    if (method == name) return method;
  return "OTHER";
}

// Probes and scrapes come every few seconds: traced, they would bury the business flows.
bool isProbe(const std::string& uri) {
  const std::string path = uri.substr(0, uri.find('?'));
  return path == "/metrics" || path == "/health" || path.rfind("/health/", 0) == 0;
}

// Keeps the in-flight gauge right whatever the request does, a client gone mid-answer included.
class InFlight {
 public:
  explicit InFlight(MetricFamily& gauge) : gauge_(gauge) { gauge_.add({}, 1); }
  ~InFlight() { gauge_.add({}, -1); }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;

 private:
  MetricFamily& gauge_;
};

class RequestHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit RequestHandler(const HttpContext& context) : context_(context) {}

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    const auto started = std::chrono::steady_clock::now();
    HostMetrics& metrics = context_.observability.host;
    const InFlight in_flight(metrics.http_in_flight);
    const std::string correlation_id = correlationIdOf(request);
    response.set("X-Correlation-ID", correlation_id);
    const std::string method = methodLabel(request.getMethod());
    span_ = isProbe(request.getURI())
                ? Span()
                : Span(context_.observability.tracer, method, SpanKind::Server, "catalogd",
                       extractTraceContext(
                           [&request](const std::string& name) { return request.get(name, ""); }));
    const CurrentSpan current(span_);
    span_.tag("http.method", request.getMethod());
    span_.tag("http.path",
              std::string_view(request.getURI()).substr(0, request.getURI().find('?')));
    span_.tag("correlation_id", correlation_id);
    catalog_response out;
    try {
      out = dispatch(request, correlation_id);
    } catch (const HostError& e) {
      if (e.status == 413) response.setKeepAlive(false);  // the rest of the body is unread
      out = jsonResponse(e.status,
                         sdk::errorBody(e.code, e.message, sdk::Json::object(), correlation_id));
    } catch (const std::exception& e) {
      log(context_.logger, Poco::Message::PRIO_ERROR, correlation_id,
          "request failed: " + std::string(e.what()));
      out = jsonResponse(500, sdk::errorBody("INTERNAL_ERROR", "Internal server error",
                                             sdk::Json::object(), correlation_id));
    }
    const std::string status = std::to_string(out.status);
    if (span_.recording()) span_.rename(method + " " + route_);
    span_.tag("http.status_code", status);
    if (out.status >= 500) span_.fail("HTTP " + status);
    // Counted and logged before the answer goes out: a client gone by then (one that timed out
    // on a slow request) makes sending fail, and its request must still show.
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
    metrics.http_requests.add({method, route_, status});
    metrics.http_duration.observe({method, route_, status}, elapsed.count());
    char duration[32];
    std::snprintf(duration, sizeof(duration), "%.2f ms", elapsed.count() * 1000);
    log(context_.logger, Poco::Message::PRIO_INFORMATION, correlation_id,
        request.getMethod() + " " + request.getURI() + " " + status + " " + duration);
    send(response, out);
  }

 private:
  catalog_response dispatch(HTTPServerRequest& request, const std::string& correlation_id) {
    // The body is read (or refused) before anything else, whatever the answer will be: a body
    // left unread on a keep-alive connection would be parsed as the next request.
    const std::string body = readBody(request, context_.settings.max_body_bytes);
    const std::string& target = request.getURI();
    const std::string raw_path = target.substr(0, target.find('?'));
    Poco::URI uri;
    Poco::URI::QueryParameters query;
    try {
      uri = Poco::URI(target);
      query = uri.getQueryParameters();
    } catch (const Poco::Exception&) {
      throw HostError{400, "VALIDATION_ERROR", "Malformed request URI"};
    }
    const std::string& path = uri.getPath();
    const std::string& method = request.getMethod();
    if (path == "/health" || path == "/health/live" || path == "/health/ready") {
      route_ = path;
      return health(path, method);
    }
    if (path == "/metrics") {
      route_ = path;
      return metrics(method);
    }
    if (context_.engine_rest != nullptr && isEngineRestPath(path)) {
      route_ = EngineRest::kPrefix;
      span_.setService("engine");
      return engineRest(request, path, query, body, correlation_id);
    }

    // Behind a front door (a gateway) the router holds only the front door plugin's own routes.
    const Route* front = context_.router.ingress();
    Router::Match match;
    try {
      match = context_.router.match(method, raw_path, front != nullptr ? front->plugin : nullptr);
    } catch (const std::invalid_argument& e) {
      throw HostError{400, "VALIDATION_ERROR", e.what()};
    }
    if (front != nullptr && match.outcome == Router::Outcome::NotFound) {
      route_ = "(front door)";
      span_.setService(front->plugin->name());
      return enter(*front, request, path, query, body, correlation_id);
    }
    if (match.outcome == Router::Outcome::NotFound) {
      throw HostError{404, "NOT_FOUND", "No route for " + path};
    }
    if (match.outcome == Router::Outcome::MethodNotAllowed) {
      std::string allowed;
      for (const std::string& m : match.allowed) allowed += (allowed.empty() ? "" : ", ") + m;
      catalog_response out = jsonResponse(
          405, sdk::errorBody("METHOD_NOT_ALLOWED", method + " is not allowed on " + path,
                              {{"allowed", match.allowed}}, correlation_id));
      out.headers.emplace_back("Allow", allowed);
      return out;
    }
    route_ = match.route->pattern;
    span_.setService(match.route->plugin->name());
    return invoke(*match.route, match, request, path, query, body, correlation_id);
  }

  catalog_response invoke(const Route& route, const Router::Match& match,
                          HTTPServerRequest& request, const std::string& path,
                          const Poco::URI::QueryParameters& query_values, const std::string& body,
                          const std::string& correlation_id) {
    const Authorization auth = context_.authorizer.authorizeHeader(
        route, request.get("Authorization", ""), correlation_id);
    if (!auth.allowed()) return refusal(auth, correlation_id);
    return call(route, match.params, auth, request, path, query_values, body, correlation_id);
  }

  // The front door learns who calls; the route behind it applies its own policy.
  catalog_response enter(const Route& front, HTTPServerRequest& request, const std::string& path,
                         const Poco::URI::QueryParameters& query_values, const std::string& body,
                         const std::string& correlation_id) {
    const Authorization auth =
        context_.authorizer.identify(request.get("Authorization", ""), correlation_id);
    return call(front, {}, auth, request, path, query_values, body, correlation_id);
  }

  catalog_response call(const Route& route,
                        const std::vector<std::pair<std::string, std::string>>& path_params,
                        const Authorization& auth, HTTPServerRequest& request,
                        const std::string& path, const Poco::URI::QueryParameters& query_values,
                        const std::string& body, const std::string& correlation_id) {
    std::vector<catalog_pair> params;
    for (const auto& [name, value] : path_params) params.push_back({toAbi(name), toAbi(value)});
    std::vector<catalog_pair> query;
    for (const auto& [name, value] : query_values) query.push_back({toAbi(name), toAbi(value)});
    std::vector<catalog_pair> headers;
    for (const auto& [name, value] : request) headers.push_back({toAbi(name), toAbi(value)});

    catalog_request raw{};
    raw.struct_size = sizeof(catalog_request);
    raw.method = toAbi(request.getMethod());
    raw.path = toAbi(path);
    raw.path_params = params.data();
    raw.path_param_count = params.size();
    raw.query = query.data();
    raw.query_count = query.size();
    raw.headers = headers.data();
    raw.header_count = headers.size();
    raw.body = toAbi(body);
    raw.correlation_id = toAbi(correlation_id);
    const std::string client_address = request.clientAddress().host().toString();
    raw.client_address = toAbi(client_address);
    raw.principal = {toAbi(auth.principal.subject), toAbi(auth.principal.username),
                     toAbi(auth.principal.role), toAbi(auth.token)};

    catalog_response out;
    if (route.handler(route.user_data, &raw, &out) != CATALOG_OK) {
      throw std::runtime_error("handler of " + route.method + " " + route.pattern + " failed");
    }
    return out;
  }

  static bool isEngineRestPath(const std::string& path) {
    const std::string prefix = EngineRest::kPrefix;
    return path.rfind(prefix + "/", 0) == 0;
  }

  // The engine's REST API moves sagas forward: ADMIN only, like every change of the catalog.
  catalog_response engineRest(HTTPServerRequest& request, const std::string& path,
                              const Poco::URI::QueryParameters& query_values,
                              const std::string& body, const std::string& correlation_id) {
    Route policy;
    policy.access = CATALOG_ACCESS_ROLE;
    policy.role = "ADMIN";
    const Authorization auth = context_.authorizer.authorizeHeader(
        policy, request.get("Authorization", ""), correlation_id);
    if (!auth.allowed()) return refusal(auth, correlation_id);
    std::map<std::string, std::string> query(query_values.begin(), query_values.end());
    std::map<std::string, std::string> headers;
    for (const auto& [name, value] : request) headers[Poco::toLower(name)] = value;
    return context_.engine_rest->handle(request.getMethod(), path, query, headers, body);
  }

  catalog_response health(const std::string& path, const std::string& method) {
    if (method != "GET")
      throw HostError{405, "METHOD_NOT_ALLOWED", method + " is not allowed on " + path};
    if (path == "/health/live") return jsonResponse(200, {{"status", "alive"}});
    if (path == "/health/ready") {
      const bool ready =
          context_.ready.load() && checkHealth(context_.plugins, context_.bus).status == 200;
      return jsonResponse(ready ? 200 : 503, {{"status", ready ? "ready" : "starting"}});
    }
    const HealthReport report = checkHealth(context_.plugins, context_.bus);
    return jsonResponse(report.status, report.body);
  }

  catalog_response metrics(const std::string& method) {
    if (method != "GET")
      throw HostError{405, "METHOD_NOT_ALLOWED", method + " is not allowed on /metrics"};
    catalog_response out;
    out.headers.emplace_back("Content-Type", MetricRegistry::kContentType);
    out.body = context_.observability.metrics.exposition();
    return out;
  }

  const HttpContext& context_;
  Span span_;
  // The matched route's pattern, a label of bounded values: never the path itself.
  std::string route_ = "(unmatched)";
};

}  // namespace

Poco::Net::HTTPRequestHandler* RequestHandlerFactory::createRequestHandler(
    const Poco::Net::HTTPServerRequest&) {
  return new RequestHandler(context_);
}

}  // namespace catalog::host
