// The catalog_host_api table: the C functions plugins call. Each one turns host exceptions
// into a status and a message; nothing throws across the ABI.
#include <strings.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "bus/event_bus.hpp"
#include "catalog/sdk/host.hpp"
#include "config/settings.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "http/service_dispatcher.hpp"
#include "loader/loaded_plugin.hpp"
#include "observability/log.hpp"
#include "observability/observability.hpp"
#include "observability/tracing/span.hpp"
#include "outbox/outbox_event.hpp"
#include "security/authorizer.hpp"
#include "workflow/engine_client.hpp"
#include "workflow/engine_error.hpp"
#include "workflow/worker_runner.hpp"

namespace catalog::host {
namespace {

using sdk::fromAbi;
using sdk::toAbi;

int fail(catalog_error* error, int code, const std::string& message) {
  if (error != nullptr) {
    error->code = code;
    std::snprintf(error->message, sizeof(error->message), "%s", message.c_str());
  }
  return code;
}

// Runs `body`, mapping what it throws to a status.
template <typename Body>
int guarded(catalog_error* error, Body&& body) noexcept {
  try {
    body();
    return CATALOG_OK;
  } catch (const SqlError& e) {
    return fail(error, e.status(), e.what());
  } catch (const ServiceUnavailable& e) {
    return fail(error, CATALOG_ERR_UNAVAILABLE, e.what());
  } catch (const EngineError& e) {
    return fail(error,
                e.status() == 404   ? CATALOG_ERR_NOT_FOUND
                : e.status() == 400 ? CATALOG_ERR_INVALID_ARGUMENT
                                    : CATALOG_ERR_INTERNAL,
                e.what());
  } catch (const std::invalid_argument& e) {
    return fail(error, CATALOG_ERR_INVALID_ARGUMENT, e.what());
  } catch (const std::exception& e) {
    return fail(error, CATALOG_ERR_INTERNAL, e.what());
  } catch (...) {
    return fail(error, CATALOG_ERR_INTERNAL, "unknown error");
  }
}

int requireRegistering(LoadedPlugin& plugin, catalog_error* error, const char* what) {
  if (plugin.registering()) return CATALOG_OK;
  return fail(error, CATALOG_ERR_INVALID_ARGUMENT,
              std::string(what) + " is only allowed while the plugin is being created");
}

catalog_str configGet(catalog_plugin_context* context, catalog_str key) {
  try {
    const std::string* value = context->plugin->config(fromAbi(key));
    return value == nullptr ? catalog_str{nullptr, 0} : toAbi(*value);
  } catch (...) {
    return {nullptr, 0};
  }
}

void logLine(catalog_plugin_context* context, int32_t level, catalog_str correlation_id,
             catalog_str message) {
  static const Poco::Message::Priority priorities[] = {
      Poco::Message::PRIO_DEBUG, Poco::Message::PRIO_INFORMATION, Poco::Message::PRIO_WARNING,
      Poco::Message::PRIO_ERROR};
  const auto priority = level >= 0 && level <= 3 ? priorities[level] : Poco::Message::PRIO_ERROR;
  try {
    log(context->plugin->logger(), priority, fromAbi(correlation_id), fromAbi(message));
  } catch (...) {
    // Logging must never take a plugin down.
  }
}

int routeAdd(catalog_plugin_context* context, const catalog_route* raw, catalog_error* error) {
  LoadedPlugin& plugin = *context->plugin;
  if (requireRegistering(plugin, error, "adding a route") != CATALOG_OK)
    return CATALOG_ERR_INVALID_ARGUMENT;
  return guarded(error, [&] {
    Route route;
    route.plugin = &plugin;
    route.method = fromAbi(raw->method);
    route.pattern = fromAbi(raw->pattern);
    route.access = static_cast<catalog_access>(raw->access);
    route.role = fromAbi(raw->role);
    if (route.access == CATALOG_ACCESS_ROLE && roleRank(route.role) == 0) {
      throw std::invalid_argument("route " + route.method + " " + route.pattern +
                                  " requires unknown role '" + route.role + "' (ADMIN or USER)");
    }
    if (route.access != CATALOG_ACCESS_PUBLIC && route.access != CATALOG_ACCESS_AUTHENTICATED &&
        route.access != CATALOG_ACCESS_ROLE) {
      throw std::invalid_argument("route " + route.method + " " + route.pattern +
                                  " has an unknown access policy");
    }
    route.handler = raw->handler;
    route.user_data = raw->user_data;
    plugin.facilities().router.add(std::move(route));
  });
}

int migrationAdd(catalog_plugin_context* context, catalog_str dialect, int32_t version,
                 catalog_str name, catalog_str sql, catalog_error* error) {
  LoadedPlugin& plugin = *context->plugin;
  if (requireRegistering(plugin, error, "adding a migration") != CATALOG_OK)
    return CATALOG_ERR_INVALID_ARGUMENT;
  return guarded(error, [&] {
    plugin.addMigration({fromAbi(dialect), version, fromAbi(name), fromAbi(sql)});
  });
}

int subscribe(catalog_plugin_context* context, catalog_str topic, catalog_str consumer,
              catalog_event_handler_fn handler, void* user_data, catalog_error* error) {
  LoadedPlugin& plugin = *context->plugin;
  if (requireRegistering(plugin, error, "subscribing") != CATALOG_OK)
    return CATALOG_ERR_INVALID_ARGUMENT;
  return guarded(error, [&] {
    plugin.facilities().bus.subscribe(
        {&plugin, fromAbi(topic), fromAbi(consumer), handler, user_data});
  });
}

int txBegin(catalog_plugin_context* context, int32_t mode, catalog_str correlation_id,
            catalog_tx** tx, catalog_error* error) {
  LoadedPlugin& plugin = *context->plugin;
  return guarded(error, [&] {
    *tx = new catalog_tx{Transaction(plugin.database(), mode == CATALOG_TX_READ_WRITE), &plugin,
                         fromAbi(correlation_id), false, false};
  });
}

int txExecute(catalog_tx* tx, catalog_str sql, const catalog_value* params, size_t param_count,
              catalog_rows** rows, int64_t* affected, catalog_error* error) {
  return guarded(error, [&] {
    SqlResult result = tx->transaction.execute(fromAbi(sql), params, param_count, rows != nullptr);
    if (affected != nullptr) *affected = result.affected;
    if (rows != nullptr) *rows = new catalog_rows{std::move(result)};
  });
}

int txEmit(catalog_tx* tx, const catalog_new_event* event, catalog_error* error) {
  return guarded(error, [&] {
    appendToOutbox(tx->transaction, *event, tx->correlation_id);
    tx->wrote_outbox = true;
  });
}

int txCommit(catalog_tx* tx, catalog_error* error) {
  if (tx->borrowed) {
    return fail(error, CATALOG_ERR_INVALID_ARGUMENT, "the host commits event transactions");
  }
  const int status = guarded(error, [&] { tx->transaction.commit(); });
  if (status == CATALOG_OK && tx->wrote_outbox) tx->plugin->outboxWritten();
  delete tx;
  return status;
}

void txRollback(catalog_tx* tx) {
  if (tx->borrowed) return;
  delete tx;  // the destructor rolls back
}

catalog_str dbDialect(catalog_plugin_context* context) {
  return toAbi(dialectName(context->plugin->database().dialect()));
}

size_t rowsCount(const catalog_rows* rows) { return rows->result.rows.size(); }
size_t rowsColumnCount(const catalog_rows* rows) { return rows->result.columns.size(); }
catalog_str rowsColumnName(const catalog_rows* rows, size_t column) {
  return column < rows->result.columns.size() ? toAbi(rows->result.columns[column])
                                              : catalog_str{nullptr, 0};
}
catalog_value rowsValue(const catalog_rows* rows, size_t row, size_t column) {
  if (row >= rows->result.rows.size() || column >= rows->result.columns.size()) {
    return {CATALOG_VALUE_NULL, 0, 0.0, {nullptr, 0}};
  }
  const SqlCell& cell = rows->result.rows[row][column];
  return {cell.type, cell.int64, cell.real, toAbi(cell.text)};
}
void rowsFree(catalog_rows* rows) { delete rows; }

void responseSetStatus(catalog_response* response, int32_t status) { response->status = status; }
void responseAddHeader(catalog_response* response, catalog_str name, catalog_str value) {
  response->headers.emplace_back(fromAbi(name), fromAbi(value));
}
void responseSetBody(catalog_response* response, catalog_str body) {
  response->body = fromAbi(body);
}
int32_t responseStatus(const catalog_response* response) { return response->status; }
catalog_str responseBody(const catalog_response* response) { return toAbi(response->body); }
catalog_str responseHeader(const catalog_response* response, catalog_str name) {
  for (const auto& [key, value] : response->headers) {
    if (key.size() == name.size && strncasecmp(key.data(), name.data, name.size) == 0)
      return toAbi(value);
  }
  return {nullptr, 0};
}

size_t responseHeaderCount(const catalog_response* response) { return response->headers.size(); }

catalog_pair responseHeaderAt(const catalog_response* response, size_t index) {
  if (index >= response->headers.size()) return {};
  const auto& [name, value] = response->headers[index];
  return {toAbi(name), toAbi(value)};
}

int serviceCall(catalog_plugin_context* context, catalog_str service,
                const catalog_request* request, catalog_response** response, catalog_error* error) {
  // A plugin built against an older minor passes a shorter request: copy what it wrote and leave
  // the newer fields empty rather than read past its struct.
  catalog_request full{};
  std::memcpy(&full, request, std::min<std::size_t>(request->struct_size, sizeof(full)));
  full.struct_size = sizeof(full);
  return guarded(error, [&] {
    *response = context->plugin->facilities().services.call(fromAbi(service), full).release();
  });
}

void responseFree(catalog_response* response) { delete response; }

int ingressSet(catalog_plugin_context* context, catalog_http_handler_fn handler, void* user_data,
               catalog_error* error) {
  LoadedPlugin& plugin = *context->plugin;
  if (requireRegistering(plugin, error, "taking the front door") != CATALOG_OK)
    return CATALOG_ERR_INVALID_ARGUMENT;
  return guarded(error, [&] {
    Route front;
    front.plugin = &plugin;
    front.method = "*";
    front.pattern = "(front door of " + plugin.name() + ")";
    front.access = CATALOG_ACCESS_PUBLIC;
    front.handler = handler;
    front.user_data = user_data;
    plugin.facilities().router.setIngress(std::move(front));
  });
}

int serviceLocation(catalog_plugin_context* context, catalog_str service) {
  return context->plugin->facilities().services.location(fromAbi(service));
}

catalog_str dataDir(catalog_plugin_context* context) {
  return toAbi(context->plugin->facilities().settings.data_dir);
}

// The engine, or CATALOG_ERR_UNAVAILABLE with a message saying how to get one.
EngineClient* engineOf(LoadedPlugin& plugin, catalog_error* error) {
  EngineClient* engine = plugin.facilities().engine;
  if (engine == nullptr) {
    fail(error, CATALOG_ERR_UNAVAILABLE,
         "this host uses no workflow engine (set catalog.engine.enabled = true, or "
         "catalog.engine.url to a remote one)");
  }
  return engine;
}

int workerAdd(catalog_plugin_context* context, const catalog_worker* worker, catalog_error* error) {
  LoadedPlugin& plugin = *context->plugin;
  if (requireRegistering(plugin, error, "adding a worker") != CATALOG_OK)
    return CATALOG_ERR_INVALID_ARGUMENT;
  return guarded(error, [&] {
    if (plugin.facilities().workers != nullptr) {
      plugin.facilities().workers->add(plugin, *worker);
      return;
    }
    // The same plugin serves hosts with and without an engine; here its workers stay idle.
    log(plugin.logger(), Poco::Message::PRIO_WARNING, "",
        "worker for topic " + fromAbi(worker->topic) +
            " stays idle: this host uses no workflow engine (catalog.engine.enabled, "
            "catalog.engine.url)");
  });
}

void taskComplete(catalog_task_result* result, catalog_str variables_json) {
  if (result->kind != catalog_task_result::Kind::None) return;
  result->kind = catalog_task_result::Kind::Complete;
  result->variables_json = fromAbi(variables_json);
}

void taskBpmnError(catalog_task_result* result, catalog_str error_code, catalog_str message,
                   catalog_str variables_json) {
  if (result->kind != catalog_task_result::Kind::None) return;
  result->kind = catalog_task_result::Kind::BpmnError;
  result->error_code = fromAbi(error_code);
  result->message = fromAbi(message);
  result->variables_json = fromAbi(variables_json);
}

void taskFailure(catalog_task_result* result, catalog_str message, catalog_str details,
                 int32_t retries, int64_t retry_timeout_ms) {
  if (result->kind != catalog_task_result::Kind::None) return;
  result->kind = catalog_task_result::Kind::Failure;
  result->message = fromAbi(message);
  result->details = fromAbi(details);
  result->retries = std::max(retries, 0);
  result->retry_timeout_ms = std::max<int64_t>(retry_timeout_ms, 0);
}

int processDeploy(catalog_plugin_context* context, catalog_str name, catalog_str bpmn_xml,
                  catalog_error* error) {
  LoadedPlugin& plugin = *context->plugin;
  EngineClient* engine = engineOf(plugin, error);
  if (engine == nullptr) return CATALOG_ERR_UNAVAILABLE;
  return guarded(error, [&] {
    const std::string resource = fromAbi(name);
    engine->deploy(plugin.name() + "/" + resource, resource, fromAbi(bpmn_xml), plugin.name());
  });
}

int processStart(catalog_plugin_context* context, catalog_str key, catalog_str business_key,
                 catalog_str variables_json, catalog_str correlation_id, char* instance_id,
                 size_t instance_id_size, catalog_error* error) {
  LoadedPlugin& plugin = *context->plugin;
  EngineClient* engine = engineOf(plugin, error);
  if (engine == nullptr) return CATALOG_ERR_UNAVAILABLE;
  return guarded(error, [&] {
    const sdk::Json values = sdk::Json::parse(fromAbi(variables_json), nullptr, false);
    if (!values.is_object() && !values.is_discarded() && !values.is_null())
      throw std::invalid_argument("process variables must be a JSON object");
    Variables variables;
    if (values.is_object())
      for (const auto& [name, value] : values.items()) variables[name] = variableOf(value);
    if (correlation_id.size > 0 && variables.count("correlationId") == 0)
      variables["correlationId"] = variableOf(fromAbi(correlation_id));
    // SRS §7.3: the trace travels as a process variable, so that every step of the saga, on
    // whichever host, is a span of the trace that started it.
    const std::string process = fromAbi(key);
    Span span = Span::child("START " + process, SpanKind::Producer);
    if (span.active() && variables.count("traceparent") == 0)
      variables["traceparent"] = variableOf(span.context().traceparent());
    const CurrentSpan current(span);
    const std::string business = fromAbi(business_key);
    const std::string id = engine->startProcess(
        process, business.empty() ? std::nullopt : std::optional(business), variables);
    span.tag("process_instance_id", id);
    if (instance_id_size <= id.size()) throw std::invalid_argument("instance_id buffer too small");
    std::memcpy(instance_id, id.c_str(), id.size() + 1);
  });
}

int processHistory(catalog_plugin_context* context, catalog_str instance_id,
                   catalog_response** history, catalog_error* error) {
  LoadedPlugin& plugin = *context->plugin;
  EngineClient* engine = engineOf(plugin, error);
  if (engine == nullptr) return CATALOG_ERR_UNAVAILABLE;
  return guarded(error, [&] {
    auto out = std::make_unique<catalog_response>();
    out->body = sdk::toText(engine->instanceHistory(fromAbi(instance_id)));
    *history = out.release();
  });
}

int metricAdd(catalog_plugin_context* context, const catalog_metric_spec* raw,
              catalog_metric** metric, catalog_error* error) {
  LoadedPlugin& plugin = *context->plugin;
  if (requireRegistering(plugin, error, "declaring a metric") != CATALOG_OK)
    return CATALOG_ERR_INVALID_ARGUMENT;
  // A later minor may append to the spec; an earlier one has no spec at all.
  if (raw == nullptr || metric == nullptr || raw->struct_size < sizeof(catalog_metric_spec))
    return fail(error, CATALOG_ERR_INVALID_ARGUMENT, "metric_add needs a spec and a handle");
  return guarded(error, [&] {
    MetricSpec spec;
    switch (raw->kind) {
      case CATALOG_METRIC_COUNTER:
        spec.type = MetricType::Counter;
        break;
      case CATALOG_METRIC_GAUGE:
        spec.type = MetricType::Gauge;
        break;
      case CATALOG_METRIC_HISTOGRAM:
        spec.type = MetricType::Histogram;
        break;
      default:
        throw std::invalid_argument("metric " + fromAbi(raw->name) + " has an unknown kind");
    }
    spec.name = fromAbi(raw->name);
    spec.help = fromAbi(raw->help);
    for (std::size_t i = 0; i < raw->label_count; ++i)
      spec.labels.push_back(fromAbi(raw->label_names[i]));
    if (raw->bucket_count > 0 && raw->buckets == nullptr)
      throw std::invalid_argument("metric " + spec.name + " counts buckets it does not give");
    if (raw->bucket_count > 0) spec.buckets.assign(raw->buckets, raw->buckets + raw->bucket_count);
    *metric = plugin.addMetric(std::move(spec));
  });
}

void metricRecord(catalog_metric* metric, const catalog_str* label_values, size_t label_count,
                  double value) {
  try {
    std::vector<std::string> labels;
    labels.reserve(label_count);
    for (std::size_t i = 0; i < label_count; ++i) labels.push_back(fromAbi(label_values[i]));
    metric->family.record(labels, value);
  } catch (...) {
    // Recording must never take a plugin down.
  }
}

const catalog_host_api kHostApi = {
    sizeof(catalog_host_api),
    CATALOG_ABI_MAJOR,
    CATALOG_ABI_MINOR,
    &configGet,
    &logLine,
    &routeAdd,
    &migrationAdd,
    &subscribe,
    &txBegin,
    &txExecute,
    &txEmit,
    &txCommit,
    &txRollback,
    &dbDialect,
    &rowsCount,
    &rowsColumnCount,
    &rowsColumnName,
    &rowsValue,
    &rowsFree,
    &responseSetStatus,
    &responseAddHeader,
    &responseSetBody,
    &responseStatus,
    &responseBody,
    &responseHeader,
    &serviceCall,
    &responseFree,
    &dataDir,
    &workerAdd,
    &taskComplete,
    &taskBpmnError,
    &taskFailure,
    &processDeploy,
    &processStart,
    &processHistory,
    &ingressSet,
    &serviceLocation,
    &responseHeaderCount,
    &responseHeaderAt,
    &metricAdd,
    &metricRecord,
};

}  // namespace

const catalog_host_api* hostApi() { return &kHostApi; }

}  // namespace catalog::host
