#pragma once

/// @file
/// The base class of every plugin and the macro that exports it.
///
/// A plugin is a bounded context: it registers routes, subscriptions and migrations in its
/// constructor, and the host then migrates its database, calls start(), serves traffic and
/// delivers events, and finally calls stop() and destroys it. Handlers run concurrently on
/// host threads, so plugin state shared between them must be thread-safe.
///
///   class GreetingPlugin : public catalog::sdk::Plugin {
///    public:
///     GreetingPlugin() {
///       get("/api/v1/greeting", Access::publicRoute(),
///           [](const Request&) { return Response::ok({{"hello", "world"}}); });
///     }
///   };
///   CATALOG_PLUGIN(GreetingPlugin, "greeting", "1.0.0")

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "catalog/abi.h"
#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/events.hpp"
#include "catalog/sdk/host.hpp"
#include "catalog/sdk/log.hpp"
#include "catalog/sdk/request.hpp"
#include "catalog/sdk/response.hpp"
#include "catalog/sdk/services.hpp"
#include "catalog/sdk/transaction.hpp"
#include "catalog/sdk/workflow.hpp"

namespace catalog::sdk {

/// Who may call a route (SRS §4.4.2). The host verifies the bearer token and checks the policy
/// before the handler runs: 401 without a valid token, 403 with too weak a role. Roles rank
/// USER < ADMIN, so role("USER") admits both.
struct Access {
  catalog_access kind;
  std::string required_role;

  /// Anyone, without a token.
  static Access publicRoute() { return {CATALOG_ACCESS_PUBLIC, {}}; }
  /// Any valid token.
  static Access authenticated() { return {CATALOG_ACCESS_AUTHENTICATED, {}}; }
  /// A valid token with this role, e.g. "ADMIN".
  static Access role(std::string role) { return {CATALOG_ACCESS_ROLE, std::move(role)}; }
};

/// Handles one HTTP request. Throw a typed error (errors.hpp) to answer with an error.
using Handler = std::function<Response(const Request&)>;

/// Health as the plugin reports it.
struct Health {
  bool healthy = true;
  std::string reason;
};

/// The base class of plugins.
class Plugin {
 public:
  Plugin() = default;
  virtual ~Plugin() = default;
  Plugin(const Plugin&) = delete;
  Plugin& operator=(const Plugin&) = delete;

  /// After migrations, before traffic. Throw to abort the host's start.
  virtual void start() {}
  /// After traffic and deliveries stopped.
  virtual void stop() {}
  /// Polled by /health; must be quick.
  virtual Health health() { return {}; }

  /// Registers a route. `pattern` segments may be `{name}` captures.
  void route(std::string_view method, std::string_view pattern, Access access, Handler handler);
  void get(std::string_view pattern, Access access, Handler handler) {
    route("GET", pattern, std::move(access), std::move(handler));
  }
  void post(std::string_view pattern, Access access, Handler handler) {
    route("POST", pattern, std::move(access), std::move(handler));
  }
  void put(std::string_view pattern, Access access, Handler handler) {
    route("PUT", pattern, std::move(access), std::move(handler));
  }
  void del(std::string_view pattern, Access access, Handler handler) {
    route("DELETE", pattern, std::move(access), std::move(handler));
  }

  /// Takes the host's front door (a gateway does): every request the host does not answer
  /// itself and none of this plugin's routes match comes to `handler`. The principal names the
  /// user of a valid bearer token; services().forward passes any token on for the route
  /// behind to judge.
  /// Call from the constructor; one plugin per host may, a second one fails to load.
  void ingress(Handler handler);

  /// Subscribes to every event on `topic`. `consumer` names the subscription in the inbox and
  /// must be unique within this plugin.
  void subscribe(std::string_view topic, std::string_view consumer, EventHandler handler);

  /// Registers the worker of an external-task topic (see workflow.hpp). Call from the
  /// constructor. In a host without the workflow engine it stays idle.
  void worker(std::string_view topic, TaskHandler handler, WorkerOptions options = {});
  /// The host's workflow engine: deploy and start processes.
  const Workflow& workflow() const noexcept { return workflow_; }

  /// The value of `<plugin>.<key>` in the host configuration, or nullopt.
  std::optional<std::string> config(std::string_view key) const;
  /// The SQL dialect of this plugin's database: "sqlite" or "postgresql".
  std::string dialect() const;
  /// The host's data directory (absolute), shared by the host's plugins: name the files you
  /// keep there so they can't clash, e.g. "identity-signing-key.pem".
  std::string dataDir() const;
  /// A logger for work outside a request.
  Logger log() const { return Logger(); }
  /// Calls to other contexts.
  const Services& services() const noexcept { return services_; }

 private:
  struct RouteEntry {
    Handler handler;
  };
  struct Subscription {
    EventHandler handler;
  };
  struct WorkerEntry {
    std::pair<TaskHandler, WorkerOptions> handler_and_options;
  };

  std::deque<RouteEntry> routes_;  // deque: the host keeps pointers to the entries
  std::optional<Handler> ingress_;
  std::deque<Subscription> subscriptions_;
  std::deque<WorkerEntry> workers_;
  Services services_;
  Workflow workflow_;
};

namespace detail {

/// The glue between the C ABI and a Plugin subclass; used by CATALOG_PLUGIN only.
struct Glue {
  using Factory = Plugin* (*)();
  static void* create(Factory factory, const catalog_host_api* host,
                      catalog_plugin_context* context, catalog_error* error) noexcept;
  static int start(void* plugin, catalog_error* error) noexcept;
  static void stop(void* plugin) noexcept;
  static void destroy(void* plugin) noexcept;
  static int health(void* plugin, catalog_error* error) noexcept;
};

/// Registers the migrations catalog_add_plugin(... MIGRATIONS dir) embedded in the plugin;
/// generated per plugin and called by the glue before the plugin is constructed.
void registerEmbeddedMigrations();

/// Registers one migration of the plugin's database (what the generated code calls).
void addMigration(std::string_view dialect, int version, std::string_view name,
                  std::string_view sql);

}  // namespace detail
}  // namespace catalog::sdk

#ifndef CATALOG_BUILD_INFO
#define CATALOG_BUILD_INFO "unknown"
#endif

/// Exports `Class` (a default-constructible Plugin subclass) as the plugin `name`.
/// Use once, at global scope, in the plugin's main source file.
#define CATALOG_PLUGIN(Class, name, version)                                                  \
  extern "C" CATALOG_EXPORT const catalog_plugin_descriptor* catalog_plugin_entry(void) {     \
    static const catalog_plugin_descriptor descriptor = {                                     \
        sizeof(catalog_plugin_descriptor),                                                    \
        CATALOG_ABI_MAJOR,                                                                    \
        CATALOG_ABI_MINOR,                                                                    \
        name,                                                                                 \
        version,                                                                              \
        CATALOG_BUILD_INFO,                                                                   \
        [](const catalog_host_api* host, catalog_plugin_context* context,                     \
           catalog_error* error) noexcept -> void* {                                          \
          return ::catalog::sdk::detail::Glue::create(                                        \
              []() -> ::catalog::sdk::Plugin* { return new Class(); }, host, context, error); \
        },                                                                                    \
        &::catalog::sdk::detail::Glue::start,                                                 \
        &::catalog::sdk::detail::Glue::stop,                                                  \
        &::catalog::sdk::detail::Glue::destroy,                                               \
        &::catalog::sdk::detail::Glue::health,                                                \
    };                                                                                        \
    return &descriptor;                                                                       \
  }
