#pragma once

#include <map>
#include <memory>
#include <string>

#include "catalog/sdk/metrics.hpp"
#include "catalog/sdk/plugin.hpp"
#include "domain/circuit_breaker.hpp"
#include "domain/rate_limiter.hpp"
#include "domain/route_table.hpp"
#include "http/cors.hpp"
#include "http/web_root.hpp"

namespace catalog::gateway {

/// The gateway's configuration (gateway.<key>, or CATALOG_GATEWAY_<KEY>):
///
///   routes                      (none)    more prefix=service routes, e.g. /greetings=greeting
///   rateLimit.requestsPerSecond 100       per client (user, else address); 0 turns it off
///   rateLimit.burst             200
///   breaker.failureThreshold    3         consecutive failures that open a circuit
///   breaker.openMs              20000     how long it stays open
///   breaker.halfOpenRequests    3         trial requests, and the successes that close it
///   cors.allowedOrigins         (none)    origins browsers may call from; * for any
///   webRoot                     web/dist  the web UI's built files
struct GatewaySettings {
  RouteTable routes = RouteTable::defaults();
  double requests_per_second = 100;
  double burst = 200;
  CircuitBreaker::Settings breaker;
  std::vector<std::string> allowed_origins;
  std::string web_root = "web/dist";

  /// Reads them through `plugin.config`; throws std::invalid_argument naming a bad key.
  static GatewaySettings read(const sdk::Plugin& plugin);
};

/// The single entry point (SRS §3.2.7), run as the host's front door: CORS, rate limiting,
/// routing to the contexts (in process when loaded here, else over HTTP through the host's
/// upstreams), a circuit breaker per remote context, the user's id as X-User-ID, and the web UI.
/// Thread-safe.
class Gateway {
 public:
  Gateway(const sdk::Plugin& plugin, GatewaySettings settings);

  /// Answers one request that came through the front door.
  sdk::Response handle(const sdk::Request& request);
  /// GET /health/dependencies: every context routed to, where it runs, its circuit.
  sdk::Json dependencies() const;
  /// Degraded while a circuit is open.
  sdk::Health health() const;

 private:
  sdk::Response route(const sdk::Request& request);
  /// Sends the request on; `breaker` is null for a context loaded here.
  sdk::Response forward(const std::string& service, CircuitBreaker* breaker,
                        const sdk::Request& request);
  sdk::Response unavailable(const std::string& service, std::chrono::milliseconds retry_after,
                            const sdk::Request& request) const;
  /// Sets the breaker-state gauge of a remote context to what its breaker reads now.
  void showState(const std::string& service, const CircuitBreaker& breaker) const;

  const sdk::Plugin& plugin_;
  const GatewaySettings settings_;
  CorsPolicy cors_;
  WebRoot web_root_;
  std::unique_ptr<RateLimiter> limiter_;                             // null when off
  std::map<std::string, std::unique_ptr<CircuitBreaker>> breakers_;  // one per routed service
  sdk::Gauge breaker_state_{"circuit_breaker_state",
                            "1 for the state the circuit breaker of a remote context is in, 0 for "
                            "the others.",
                            {"upstream", "state"}};
};

}  // namespace catalog::gateway
