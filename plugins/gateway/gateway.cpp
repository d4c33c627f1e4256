#include "gateway.hpp"

#include <Poco/String.h>

#include <algorithm>

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/settings.hpp"

namespace catalog::gateway {
namespace {

using sdk::Json;

// Not passed on: the hop's own headers, what the host sets for the next hop (the bearer token,
// the correlation id), and what only the gateway may say (a client's X-User-ID is a lie).
bool isDropped(const std::string& name) {
  return sdk::isHopByHopHeader(name) || Poco::icompare(name, "authorization") == 0 ||
         Poco::icompare(name, "x-user-id") == 0 || Poco::icompare(name, "x-correlation-id") == 0;
}

std::string seconds(std::chrono::milliseconds delay) {
  return std::to_string(std::max<long long>(1, (delay.count() + 999) / 1000));
}

// A rate-limited client is known by its user when it sent a token, else by its address.
std::string clientOf(const sdk::Request& request) {
  const sdk::Principal& principal = request.principal();
  return principal.authenticated() ? "user:" + principal.subject
                                   : "address:" + request.clientAddress();
}

}  // namespace

GatewaySettings GatewaySettings::read(const sdk::Plugin& plugin) {
  GatewaySettings s;
  if (const auto routes = plugin.config("routes")) s.routes.addAll(*routes);
  s.requests_per_second =
      sdk::settingNumber(plugin.config("rateLimit.requestsPerSecond"),
                         "gateway.rateLimit.requestsPerSecond", s.requests_per_second, 0, 1e6);
  s.burst = sdk::settingNumber(plugin.config("rateLimit.burst"), "gateway.rateLimit.burst", s.burst,
                               1, 1e6);
  s.breaker.failure_threshold =
      sdk::settingInt(plugin.config("breaker.failureThreshold"), "gateway.breaker.failureThreshold",
                      s.breaker.failure_threshold, 1, 1000);
  s.breaker.open_for = std::chrono::milliseconds(
      sdk::settingInt(plugin.config("breaker.openMs"), "gateway.breaker.openMs",
                      static_cast<int>(s.breaker.open_for.count()), 1, 3600000));
  s.breaker.half_open_trials =
      sdk::settingInt(plugin.config("breaker.halfOpenRequests"), "gateway.breaker.halfOpenRequests",
                      s.breaker.half_open_trials, 1, 1000);
  s.allowed_origins = sdk::settingList(plugin.config("cors.allowedOrigins"));
  if (const auto root = plugin.config("webRoot")) s.web_root = *root;
  return s;
}

Gateway::Gateway(const sdk::Plugin& plugin, GatewaySettings settings)
    : plugin_(plugin),
      settings_(std::move(settings)),
      cors_(settings_.allowed_origins),
      web_root_(settings_.web_root) {
  if (settings_.requests_per_second > 0) {
    limiter_ = std::make_unique<RateLimiter>(
        RateLimiter::Settings{settings_.requests_per_second, settings_.burst});
  }
  for (const std::string& service : settings_.routes.services())
    breakers_[service] = std::make_unique<CircuitBreaker>(settings_.breaker);
}

sdk::Response Gateway::handle(const sdk::Request& request) {
  if (CorsPolicy::isPreflight(request)) return cors_.preflight(request);
  sdk::Response response = [&] {
    if (limiter_) {
      const RateLimiter::Verdict verdict = limiter_->take(clientOf(request));
      if (!verdict.allowed) {
        return sdk::Response(429, sdk::errorBody("RATE_LIMITED",
                                                 "Too many requests; retry in " +
                                                     seconds(verdict.retry_after) + " s",
                                                 Json::object(), request.correlationId()))
            .header("Retry-After", seconds(verdict.retry_after));
      }
    }
    return route(request);
  }();
  cors_.allowRead(request, response);
  return response;
}

sdk::Response Gateway::route(const sdk::Request& request) {
  const auto service = settings_.routes.serviceFor(request.path());
  const auto location =
      service ? plugin_.services().location(*service) : sdk::Services::Location::Nowhere;
  // Only a remote context has a breaker: a local plugin's passing 5xx must not shut the API.
  if (location == sdk::Services::Location::Remote)
    return forward(*service, breakers_.at(*service).get(), request);
  if (location == sdk::Services::Location::Local) return forward(*service, nullptr, request);
  // The API's paths never fall back to the web UI: a client gets its 404 in JSON.
  if (request.path().rfind("/api/", 0) != 0) {
    if (auto file = web_root_.serve(request)) return std::move(*file);
  }
  return sdk::Response(404, sdk::errorBody("NOT_FOUND", "No route for " + request.path(),
                                           Json::object(), request.correlationId()));
}

sdk::Response Gateway::forward(const std::string& service, CircuitBreaker* breaker,
                               const sdk::Request& request) {
  if (breaker != nullptr) {
    const CircuitBreaker::Permit permit = breaker->acquire();
    showState(service, *breaker);
    if (!permit.allowed) return unavailable(service, permit.retry_after, request);
  }
  sdk::Headers headers;
  std::string forwarded_for;
  for (auto& [name, value] : request.headers()) {
    if (Poco::icompare(name, "x-forwarded-for") == 0) {
      forwarded_for = std::move(value);
    } else if (!isDropped(name)) {
      headers.emplace_back(std::move(name), std::move(value));
    }
  }
  if (request.principal().authenticated())
    headers.emplace_back("X-User-ID", request.principal().subject);
  if (!request.clientAddress().empty())
    forwarded_for += (forwarded_for.empty() ? "" : ", ") + request.clientAddress();
  if (!forwarded_for.empty()) headers.emplace_back("X-Forwarded-For", std::move(forwarded_for));

  sdk::ForwardedResponse answer;
  try {
    answer = plugin_.services().forward(service, request, headers);
  } catch (const sdk::UnavailableError&) {
    if (breaker == nullptr) throw;
    breaker->failed();
    showState(service, *breaker);
    return unavailable(
        service,
        std::max<std::chrono::milliseconds>(breaker->retryAfter(), std::chrono::seconds(1)),
        request);
  }
  if (breaker != nullptr) {
    answer.status >= 500 ? breaker->failed() : breaker->succeeded();
    showState(service, *breaker);
  }

  std::string content_type;
  sdk::Headers passed_on;
  for (auto& [name, value] : answer.headers) {
    if (Poco::icompare(name, "content-type") == 0) {
      content_type = std::move(value);
    } else if (!isDropped(name)) {
      passed_on.emplace_back(std::move(name), std::move(value));
    }
  }
  sdk::Response response =
      sdk::Response::bytes(answer.status, std::move(answer.body), std::move(content_type));
  for (auto& [name, value] : passed_on) response.header(std::move(name), std::move(value));
  return response;
}

// No address, port or cause of the upstream in the answer: those go to the log.
sdk::Response Gateway::unavailable(const std::string& service,
                                   std::chrono::milliseconds retry_after,
                                   const sdk::Request& request) const {
  return sdk::Response(503, sdk::errorBody("SERVICE_UNAVAILABLE",
                                           "The " + service + " service is unavailable; retry in " +
                                               seconds(retry_after) + " s",
                                           {{"service", service}}, request.correlationId()))
      .header("Retry-After", seconds(retry_after));
}

Json Gateway::dependencies() const {
  Json services = Json::object();
  bool degraded = false;
  for (const auto& [service, breaker] : breakers_) {
    const auto location = plugin_.services().location(service);
    if (location == sdk::Services::Location::Nowhere) continue;  // not part of this deployment
    if (location == sdk::Services::Location::Local) {
      services[service] = {{"status", "healthy"}, {"location", "in-process"}};
      continue;
    }
    const CircuitBreaker::State state = breaker->state();
    degraded = degraded || state != CircuitBreaker::State::Closed;
    services[service] = {
        {"status", state == CircuitBreaker::State::Closed ? "healthy" : "degraded"},
        {"location", "remote"},
        {"circuit", toString(state)},
        {"consecutive_failures", breaker->consecutiveFailures()}};
  }
  return {{"status", degraded ? "degraded" : "healthy"}, {"dependencies", std::move(services)}};
}

void Gateway::showState(const std::string& service, const CircuitBreaker& breaker) const {
  using State = CircuitBreaker::State;
  const State now = breaker.state();
  for (const auto& [state, name] :
       {std::pair{State::Closed, "closed"}, std::pair{State::Open, "open"},
        std::pair{State::HalfOpen, "half_open"}})
    breaker_state_.set({service, name}, state == now ? 1 : 0);
}

// Probes call this every few seconds, which also keeps the breaker gauges current while no
// request passes (an open circuit turning half-open with time).
sdk::Health Gateway::health() const {
  std::string open;
  for (const auto& [service, breaker] : breakers_) {
    if (plugin_.services().location(service) == sdk::Services::Location::Remote)
      showState(service, *breaker);
    if (breaker->state() == CircuitBreaker::State::Open)
      open += (open.empty() ? "" : ", ") + service;
  }
  if (open.empty()) return {};
  return {false, "circuit open for " + open};
}

}  // namespace catalog::gateway
