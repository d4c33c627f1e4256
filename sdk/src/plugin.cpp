#include "catalog/sdk/plugin.hpp"

#include <algorithm>
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
    if (!response.contentType().empty())
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

ExternalTask toTask(const catalog_external_task& raw) {
  ExternalTask task;
  task.id = fromAbi(raw.id);
  task.topic = fromAbi(raw.topic);
  task.process_instance_id = fromAbi(raw.process_instance_id);
  task.business_key = fromAbi(raw.business_key);
  task.activity_id = fromAbi(raw.activity_id);
  task.variables = Json::parse(fromAbi(raw.variables_json), nullptr, false);
  if (!task.variables.is_object()) task.variables = Json::object();
  if (raw.retries >= 0) task.retries = raw.retries;
  task.error_message = fromAbi(raw.error_message);
  task.correlation_id = fromAbi(raw.correlation_id);
  return task;
}

void report(const TaskOutcome& outcome, catalog_task_result* result) {
  const catalog_host_api& api = *host().api;
  const std::string variables = toText(outcome.variables());
  switch (outcome.kind()) {
    case TaskOutcome::Kind::Complete:
      api.task_complete(result, toAbi(variables));
      break;
    case TaskOutcome::Kind::BpmnError:
      api.task_bpmn_error(result, toAbi(outcome.code()), toAbi(outcome.message()),
                          toAbi(variables));
      break;
    case TaskOutcome::Kind::Failure:
      api.task_failure(result, toAbi(outcome.message()), toAbi(outcome.details()),
                       outcome.retries(), outcome.retryTimeout().count());
      break;
  }
}

// A handler that threw: tried again after 1x, 2x, 4x… first_retry_delay while retries last
// (the first failure leaves options.retries), then the BPMN error the options name, else an
// incident.
TaskOutcome afterThrow(const ExternalTask& task, const WorkerOptions& options,
                       const std::string& message) {
  const int left = task.retries ? *task.retries - 1 : options.retries;
  if (left > 0) {
    const int retry = options.retries - left;  // 0 for the first retry
    return TaskOutcome::failure(message, "", left,
                                options.first_retry_delay * (1 << std::clamp(retry, 0, 20)));
  }
  if (options.error_code_when_exhausted)
    return TaskOutcome::bpmnError(*options.error_code_when_exhausted, message);
  return TaskOutcome::failure(message, "", 0, std::chrono::milliseconds(0));
}

int handleTask(void* user_data, const catalog_external_task* raw,
               catalog_task_result* result) noexcept {
  try {
    const auto& entry = *static_cast<const std::pair<TaskHandler, WorkerOptions>*>(user_data);
    const ExternalTask task = toTask(*raw);
    try {
      report(entry.first(task), result);
    } catch (const std::exception& e) {
      task.log().warning("task " + task.id + " of " + task.topic + " failed: " + e.what());
      report(afterThrow(task, entry.second, e.what()), result);
    }
    return CATALOG_OK;
  } catch (...) {
    return CATALOG_ERR_INTERNAL;  // nothing reported: the task goes back to the engine
  }
}

}  // namespace

void Plugin::worker(std::string_view topic, TaskHandler handler, WorkerOptions options) {
  WorkerEntry& entry = workers_.emplace_back(WorkerEntry{{std::move(handler), options}});
  const catalog_worker raw{sizeof(catalog_worker), toAbi(topic),
                           static_cast<std::int64_t>(options.lock_duration.count()), &handleTask,
                           &entry.handler_and_options};
  catalog_error error{};
  if (host().api->worker_add(host().context, &raw, &error) != CATALOG_OK) {
    workers_.pop_back();
    detail::throwHostError(error);
  }
}

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

void Plugin::ingress(Handler handler) {
  ingress_ = std::move(handler);
  catalog_error error{};
  if (host().api->ingress_set(host().context, &handleHttp, &*ingress_, &error) != CATALOG_OK) {
    ingress_.reset();
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
