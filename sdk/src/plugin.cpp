#include "catalog/sdk/plugin.hpp"

#include <cstdio>
#include <exception>

namespace catalog::sdk {
namespace {

void fill(catalog_error* error, int code, const char* message) {
  if (error == nullptr) return;
  error->code = code;
  std::snprintf(error->message, sizeof(error->message), "%s", message);
}

// Runs a hook body, turning whatever it throws into a status and a message: nothing crosses
// the ABI. `what` names the hook for non-standard exceptions.
template <typename Body>
int guarded(catalog_error* error, const char* what, Body&& body) noexcept {
  try {
    return body();
  } catch (const std::exception& e) {
    fill(error, CATALOG_ERR_INTERNAL, e.what());
  } catch (...) {
    fill(error, CATALOG_ERR_INTERNAL,
         (std::string(what) + " failed with a non-standard exception").c_str());
  }
  return CATALOG_ERR_INTERNAL;
}

void write(const catalog_host_api& api, catalog_response* out, const Response& response) {
  api.response_set_status(out, response.status());
  for (const auto& [name, value] : response.headers()) {
    api.response_add_header(out, toAbi(name), toAbi(value));
  }
  if (response.text()) {
    api.response_add_header(out, toAbi("Content-Type"), toAbi(response.contentType()));
    api.response_set_body(out, toAbi(*response.text()));
  } else if (!response.body().is_null()) {
    api.response_add_header(out, toAbi("Content-Type"), toAbi(response.contentType()));
    const std::string body = toText(response.body());
    api.response_set_body(out, toAbi(body));
  }
}

Response errorResponse(const Error& error, const std::string& correlation_id) {
  return Response(error.status(),
                  errorBody(error.code(), error.what(), error.details(), correlation_id));
}

// Every exception stops here: typed errors become their status, anything else a 500 whose
// cause goes to the log, not to the client.
int handleHttp(void* user_data, const catalog_request* raw, catalog_response* out) noexcept {
  const catalog_host_api& api = *host().api;
  const std::string correlation_id = fromAbi(raw->correlation_id);
  try {
    const Request request(*raw);
    const auto& handler = *static_cast<const Handler*>(user_data);
    try {
      write(api, out, handler(request));
    } catch (const Error& error) {
      write(api, out, errorResponse(error, correlation_id));
    }
    return CATALOG_OK;
  } catch (const std::exception& e) {
    Logger(correlation_id).error(std::string("handler failed: ") + e.what());
  } catch (...) {
    Logger(correlation_id).error("handler failed with a non-standard exception");
  }
  try {
    write(api, out,
          Response(500, errorBody("INTERNAL_ERROR", "Internal server error", Json::object(),
                                  correlation_id)));
    return CATALOG_OK;
  } catch (...) {
    return CATALOG_ERR_INTERNAL;
  }
}

Event toEvent(const catalog_event& raw) {
  Event event;
  event.topic = fromAbi(raw.topic);
  event.event_id = fromAbi(raw.event_id);
  event.event_type = fromAbi(raw.event_type);
  event.schema_version = fromAbi(raw.schema_version);
  event.entity_version = raw.entity_version;
  event.timestamp = fromAbi(raw.timestamp);
  event.correlation_id = fromAbi(raw.correlation_id);
  event.payload = Json::parse(fromAbi(raw.payload_json));
  return event;
}

int handleEvent(void* user_data, const catalog_event* raw, catalog_tx* tx,
                catalog_error* error) noexcept {
  return guarded(error, "event handler", [&] {
    Transaction transaction(tx);
    const auto& handler = *static_cast<const EventHandler*>(user_data);
    handler(toEvent(*raw), transaction);
    return static_cast<int>(CATALOG_OK);
  });
}

}  // namespace

void Plugin::route(std::string_view method, std::string_view pattern, Access access,
                   Handler handler) {
  RouteEntry& entry = routes_.emplace_back(RouteEntry{std::move(handler)});
  const catalog_route raw{sizeof(catalog_route),       toAbi(method), toAbi(pattern), access.kind,
                          toAbi(access.required_role), &handleHttp,   &entry.handler};
  catalog_error error{};
  if (host().api->route_add(host().context, &raw, &error) != CATALOG_OK) {
    routes_.pop_back();
    detail::throwHostError(error);
  }
}

void Plugin::subscribe(std::string_view topic, std::string_view consumer, EventHandler handler) {
  Subscription& entry = subscriptions_.emplace_back(Subscription{std::move(handler)});
  catalog_error error{};
  if (host().api->subscribe(host().context, toAbi(topic), toAbi(consumer), &handleEvent,
                            &entry.handler, &error) != CATALOG_OK) {
    subscriptions_.pop_back();
    detail::throwHostError(error);
  }
}

std::optional<std::string> Plugin::config(std::string_view key) const {
  const catalog_str value = host().api->config_get(host().context, toAbi(key));
  if (value.data == nullptr) return std::nullopt;
  return fromAbi(value);
}

std::string Plugin::dialect() const { return fromAbi(host().api->db_dialect(host().context)); }

std::string Plugin::dataDir() const { return fromAbi(host().api->data_dir(host().context)); }

namespace detail {

void addMigration(std::string_view dialect, int version, std::string_view name,
                  std::string_view sql) {
  catalog_error error{};
  if (host().api->migration_add(host().context, toAbi(dialect), version, toAbi(name), toAbi(sql),
                                &error) != CATALOG_OK) {
    throwHostError(error);
  }
}

void* Glue::create(Factory factory, const catalog_host_api* api, catalog_plugin_context* context,
                   catalog_error* error) noexcept {
  Plugin* plugin = nullptr;
  guarded(error, "plugin constructor", [&] {
    setHost(api, context);
    registerEmbeddedMigrations();
    plugin = factory();
    return static_cast<int>(CATALOG_OK);
  });
  return plugin;
}

int Glue::start(void* plugin, catalog_error* error) noexcept {
  return guarded(error, "start", [&] {
    static_cast<Plugin*>(plugin)->start();
    return static_cast<int>(CATALOG_OK);
  });
}

void Glue::stop(void* plugin) noexcept {
  try {
    static_cast<Plugin*>(plugin)->stop();
  } catch (const std::exception& e) {
    Logger().error(std::string("stop failed: ") + e.what());
  } catch (...) {
    Logger().error("stop failed with a non-standard exception");
  }
}

void Glue::destroy(void* plugin) noexcept { delete static_cast<Plugin*>(plugin); }

int Glue::health(void* plugin, catalog_error* error) noexcept {
  return guarded(error, "health", [&] {
    const Health health = static_cast<Plugin*>(plugin)->health();
    if (health.healthy) return static_cast<int>(CATALOG_OK);
    fill(error, CATALOG_ERR_UNAVAILABLE, health.reason.c_str());
    return static_cast<int>(CATALOG_ERR_UNAVAILABLE);
  });
}

}  // namespace detail
}  // namespace catalog::sdk
