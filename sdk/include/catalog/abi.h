/*
 * catalog/abi.h — the C ABI between catalogd and its plugins.
 *
 * This is the only header that crosses the dlopen boundary. Plugins are normally written against
 * the C++ SDK in catalog/sdk/, which is compiled into each plugin and speaks this ABI; nothing in
 * it is C++, and no C++ exception, type or allocation ever crosses it.
 *
 * Version policy
 *   CATALOG_ABI_MAJOR changes when an existing struct, field or function changes meaning or
 *   layout; the host refuses plugins of any other major. CATALOG_ABI_MINOR grows when a field
 *   or function is appended at the end of a struct; the host accepts plugins built against its
 *   own or an older minor and refuses a newer one. Every struct carries its size in its first
 *   field, so a reader never touches a field past the end of what the writer knew about.
 *   sdk/abi.lock records the hash of this file per version; the build fails when this file
 *   changes without a version change.
 *
 * History
 *   1.0  descriptor, host API: config, log, routes, database, outbox, subscriptions, services.
 *   1.1  descriptor gains the optional `health` hook.
 *   1.2  request gains `client_address`; host API gains `data_dir`.
 *   1.3  host API gains the workflow engine: external-task workers, process deployment and
 *        process start.
 *   1.4  host API gains, for a gateway: the front door (ingress_set), service_location, and
 *        the headers of a response one by one.
 *   1.5  host API gains metrics: metric_add and metric_record.
 *
 * Conventions
 *   - Names: types and constants are `catalog_*` / `CATALOG_*`; the plugin's single exported
 *     symbol is catalog_plugin_entry; host callbacks live in catalog_host_api.
 *   - Strings are UTF-8 catalog_str views, never NUL-terminated unless stated.
 *   - Every function documents OWNERSHIP: who owns each pointer and for how long it is valid.
 *   - Functions returning int return CATALOG_OK (0) on success or a catalog_status code, and
 *     then fill the caller-owned catalog_error when one is passed.
 *   - Threading: HTTP handlers run on the host's HTTP worker threads, event handlers on the
 *     host's relay threads; both may run concurrently. Host API functions are thread-safe
 *     except where a handle (transaction, rows, response) is documented as single-threaded.
 *   - Tracing needs nothing from a plugin: a handler runs inside the host's span of its request,
 *     event or task, and the transactions, service calls, events and processes it starts
 *     through this API on that thread become children of that span. Work a plugin does on a
 *     thread of its own is not traced.
 */
#ifndef CATALOG_ABI_H
#define CATALOG_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CATALOG_ABI_MAJOR 1
#define CATALOG_ABI_MINOR 5

/* The symbol every plugin exports, and the only one it exports. */
#define CATALOG_PLUGIN_ENTRY_SYMBOL "catalog_plugin_entry"

#if defined(__GNUC__)
#define CATALOG_EXPORT __attribute__((visibility("default")))
#else
#define CATALOG_EXPORT
#endif

/* A borrowed UTF-8 byte range. OWNERSHIP: always borrowed; see the function for its lifetime. */
typedef struct catalog_str {
  const char* data;
  size_t size;
} catalog_str;

/* Status codes returned by host functions and hooks. */
typedef enum catalog_status {
  CATALOG_OK = 0,
  CATALOG_ERR_INVALID_ARGUMENT = 1, /* bad SQL, bad JSON, unknown name */
  CATALOG_ERR_NOT_FOUND = 2,        /* unknown service or resource */
  CATALOG_ERR_CONFLICT = 3,         /* a database constraint was violated */
  CATALOG_ERR_UNAVAILABLE = 4,      /* database, broker or service unreachable; retry later */
  CATALOG_ERR_INTERNAL = 5          /* anything else; the message says what */
} catalog_status;

#define CATALOG_ERROR_MESSAGE_SIZE 512

/* Error detail. OWNERSHIP: caller-owned; the callee writes a NUL-terminated message. */
typedef struct catalog_error {
  int32_t code; /* a catalog_status */
  char message[CATALOG_ERROR_MESSAGE_SIZE];
} catalog_error;

/* A name/value pair, used for headers, query and path parameters. OWNERSHIP: borrowed. */
typedef struct catalog_pair {
  catalog_str name;
  catalog_str value;
} catalog_pair;

/* A typed SQL value, used for query parameters and result cells. */
typedef enum catalog_value_type {
  CATALOG_VALUE_NULL = 0,
  CATALOG_VALUE_INT64 = 1,
  CATALOG_VALUE_DOUBLE = 2,
  CATALOG_VALUE_TEXT = 3
} catalog_value_type;

/* OWNERSHIP: `text` is borrowed; for parameters it must outlive the call, for result cells it
 * lives as long as the catalog_rows it came from. */
typedef struct catalog_value {
  int32_t type; /* a catalog_value_type */
  int64_t int64;
  double real;
  catalog_str text;
} catalog_value;

/* Opaque handles, all owned by the host. */
typedef struct catalog_plugin_context catalog_plugin_context; /* one per loaded plugin */
typedef struct catalog_task_result catalog_task_result;       /* 1.3: a worker's verdict */
typedef struct catalog_tx catalog_tx;                         /* a database transaction */
typedef struct catalog_rows catalog_rows;                     /* a materialized result set */
typedef struct catalog_response catalog_response;             /* an HTTP response being built */

/* Who made a request, from a bearer token the host verified before the handler ran; empty
 * strings when anonymous. A plugin passing a principal to service_call is believed only as far
 * as its `token` verifies: the host checks the token again against the target route. */
typedef struct catalog_principal {
  catalog_str subject; /* user id */
  catalog_str username;
  catalog_str role;  /* "ADMIN" or "USER" */
  catalog_str token; /* the raw bearer token, forwarded on service calls */
} catalog_principal;

/* An HTTP request. OWNERSHIP: host-owned for handlers (valid until the handler returns);
 * plugin-owned when passed to service_call (borrowed for the duration of the call). */
typedef struct catalog_request {
  uint32_t struct_size;
  catalog_str method;
  catalog_str path; /* without the query string */
  const catalog_pair* path_params;
  size_t path_param_count;
  const catalog_pair* query;
  size_t query_count;
  const catalog_pair* headers;
  size_t header_count;
  catalog_str body;
  catalog_str correlation_id;
  catalog_principal principal;
  /* 1.2. The client's IP address as the host's socket saw it; empty on service calls. */
  catalog_str client_address;
} catalog_request;

/* Handles one HTTP request by filling `response` through the host API's response functions.
 * Returns CATALOG_OK, or an error code, in which case the host answers 500. */
typedef int (*catalog_http_handler_fn)(void* user_data, const catalog_request* request,
                                       catalog_response* response);

/* Who may call a route. The host enforces the policy before the handler runs: 401 without a
 * valid token, 403 with too weak a role. Roles are ranked USER < ADMIN, so an ADMIN token
 * satisfies a route requiring "USER"; route_add refuses any other role name. */
typedef enum catalog_access {
  CATALOG_ACCESS_PUBLIC = 0,        /* anyone; a valid token, if sent, still fills the principal */
  CATALOG_ACCESS_AUTHENTICATED = 1, /* any valid token */
  CATALOG_ACCESS_ROLE = 2           /* a valid token whose role ranks at least `role` */
} catalog_access;

/* A route. Patterns are absolute paths whose segments may be `{name}` captures, e.g.
 * "/api/v1/characteristics/{id}". OWNERSHIP: borrowed; the host copies what it keeps. */
typedef struct catalog_route {
  uint32_t struct_size;
  catalog_str method;
  catalog_str pattern;
  int32_t access; /* a catalog_access */
  catalog_str role;
  catalog_http_handler_fn handler;
  void* user_data; /* plugin-owned; must live until the plugin is destroyed */
} catalog_route;

/* A delivered event: the SRS envelope plus its parts for convenience.
 * OWNERSHIP: host-owned, valid until the handler returns. */
typedef struct catalog_event {
  uint32_t struct_size;
  catalog_str topic;
  catalog_str event_id;
  catalog_str event_type;
  catalog_str schema_version;
  int64_t entity_version;
  catalog_str timestamp;
  catalog_str correlation_id;
  catalog_str payload_json;
  catalog_str envelope_json;
} catalog_event;

/* An event to append to the outbox. The host adds event_id, timestamp and correlation_id.
 * OWNERSHIP: borrowed for the duration of the call. */
typedef struct catalog_new_event {
  uint32_t struct_size;
  catalog_str topic;
  catalog_str event_type;
  catalog_str schema_version;
  int64_t entity_version;
  catalog_str payload_json; /* a JSON object */
} catalog_new_event;

/* Handles one event inside `tx`, which the host commits on CATALOG_OK together with the inbox
 * row that makes redelivery harmless, and rolls back otherwise (the event is then retried).
 * OWNERSHIP: `tx` is host-owned; the handler must not commit or roll it back. */
typedef int (*catalog_event_handler_fn)(void* user_data, const catalog_event* event, catalog_tx* tx,
                                        catalog_error* error);

/* 1.3. An external task of a running process, handed to the worker of its topic (Camunda 7's
 * external-task pattern). OWNERSHIP: host-owned, valid until the handler returns. */
typedef struct catalog_external_task {
  uint32_t struct_size;
  catalog_str id;
  catalog_str topic;
  catalog_str process_instance_id;
  catalog_str business_key;   /* empty when the process has none */
  catalog_str activity_id;    /* the BPMN element, e.g. "Task_LockPrices" */
  catalog_str variables_json; /* the process variables: a JSON object of name → value */
  int32_t retries;            /* the retries a previous failure left; -1 before any failure */
  catalog_str error_message;  /* the previous failure's message; empty before any */
  catalog_str correlation_id; /* for logs and calls made while handling the task */
} catalog_external_task;

/* 1.3. Handles one task by reporting exactly one verdict on `result` through task_complete,
 * task_bpmn_error or task_failure, then returning CATALOG_OK. A handler that returns anything
 * else, or reports nothing, leaves the task to be handed out again once its lock expires. */
typedef int (*catalog_task_handler_fn)(void* user_data, const catalog_external_task* task,
                                       catalog_task_result* result);

/* 1.3. A worker for one topic. OWNERSHIP: borrowed; the host copies what it keeps. */
typedef struct catalog_worker {
  uint32_t struct_size;
  catalog_str topic;
  int64_t lock_duration_ms; /* how long a task stays this worker's while it handles it */
  catalog_task_handler_fn handler;
  void* user_data; /* plugin-owned; must live until the plugin is destroyed */
} catalog_worker;

typedef enum catalog_log_level {
  CATALOG_LOG_DEBUG = 0,
  CATALOG_LOG_INFO = 1,
  CATALOG_LOG_WARNING = 2,
  CATALOG_LOG_ERROR = 3
} catalog_log_level;

typedef enum catalog_tx_mode {
  CATALOG_TX_READ_ONLY = 0,
  CATALOG_TX_READ_WRITE = 1
} catalog_tx_mode;

/* 1.4. Where a context is, as service_call reaches it. */
typedef enum catalog_service_location {
  CATALOG_SERVICE_NOWHERE = 0, /* neither loaded here nor configured: calls fail */
  CATALOG_SERVICE_LOCAL = 1,   /* loaded in this host: calls stay in process */
  CATALOG_SERVICE_REMOTE = 2   /* configured (catalog.services.<name>.url): calls go over HTTP */
} catalog_service_location;

/* 1.5. What a metric measures. */
typedef enum catalog_metric_kind {
  CATALOG_METRIC_COUNTER = 0,  /* a count that only grows; metric_record adds to it */
  CATALOG_METRIC_GAUGE = 1,    /* a level that goes up and down; metric_record sets it */
  CATALOG_METRIC_HISTOGRAM = 2 /* a distribution; metric_record observes one value */
} catalog_metric_kind;

/* 1.5. A metric a plugin declared; host-owned, valid until the plugin is destroyed. */
typedef struct catalog_metric catalog_metric;

/* 1.5. A metric to declare, exposed at the host's /metrics as catalog_<plugin>_<name>.
 * OWNERSHIP: borrowed for the duration of the call. */
typedef struct catalog_metric_spec {
  uint32_t struct_size;
  int32_t kind;     /* a catalog_metric_kind */
  catalog_str name; /* Prometheus style: [a-z_][a-z0-9_]*, the unit last ("_seconds", "_bytes");
                       a counter's ends in "_total" */
  catalog_str help; /* one sentence */
  const catalog_str* label_names;
  size_t label_count;
  const double* buckets; /* a histogram's finite, increasing upper bounds (+Inf is implied);
                            none: seconds, 5 ms to 10 s */
  size_t bucket_count;
} catalog_metric_spec;

/* What the host offers a plugin. OWNERSHIP: host-owned; valid until the plugin's destroy hook
 * returns. Appended to at the end only; check struct_size before using a newer member. */
typedef struct catalog_host_api {
  uint32_t struct_size;
  uint16_t abi_major;
  uint16_t abi_minor;

  /* The value of `<plugin>.<key>` in the host's configuration, or {NULL, 0} when unset.
   * OWNERSHIP: host-owned, valid until the plugin is destroyed. */
  catalog_str (*config_get)(catalog_plugin_context* context, catalog_str key);

  /* Writes one log line stamped with the plugin's name and the correlation id (may be empty). */
  void (*log)(catalog_plugin_context* context, int32_t level, catalog_str correlation_id,
              catalog_str message);

  /* Registers a route. Only during the create hook. Fails on a pattern another plugin owns. */
  int (*route_add)(catalog_plugin_context* context, const catalog_route* route,
                   catalog_error* error);

  /* Registers a migration of the plugin's database for one dialect ("sqlite", "postgresql").
   * Only during the create hook; the host applies pending versions in order before start. */
  int (*migration_add)(catalog_plugin_context* context, catalog_str dialect, int32_t version,
                       catalog_str name, catalog_str sql, catalog_error* error);

  /* Subscribes to a topic under a consumer name unique within the plugin (the inbox key).
   * Only during the create hook. `user_data` is plugin-owned and must live until destroy. */
  int (*subscribe)(catalog_plugin_context* context, catalog_str topic, catalog_str consumer,
                   catalog_event_handler_fn handler, void* user_data, catalog_error* error);

  /* Begins a transaction on the plugin's own database. OWNERSHIP: the plugin owns *tx until
   * it passes it to tx_commit or tx_rollback, exactly once. Single-threaded. */
  int (*tx_begin)(catalog_plugin_context* context, int32_t mode, catalog_str correlation_id,
                  catalog_tx** tx, catalog_error* error);

  /* Runs one statement with `?` placeholders bound to `params`. When `rows` is not NULL and
   * the statement returns rows, *rows receives them (plugin-owned until rows_free); `affected`
   * (optional) receives the number of rows changed. A failed statement leaves the transaction
   * usable only for rollback. */
  int (*tx_execute)(catalog_tx* tx, catalog_str sql, const catalog_value* params,
                    size_t param_count, catalog_rows** rows, int64_t* affected,
                    catalog_error* error);

  /* Appends an event to the outbox inside the transaction. The only way to publish. */
  int (*tx_emit)(catalog_tx* tx, const catalog_new_event* event, catalog_error* error);

  /* Commits and releases the transaction, also on failure. */
  int (*tx_commit)(catalog_tx* tx, catalog_error* error);

  /* Rolls back and releases the transaction. */
  void (*tx_rollback)(catalog_tx* tx);

  /* The SQL dialect of the plugin's database: "sqlite" or "postgresql". OWNERSHIP: static. */
  catalog_str (*db_dialect)(catalog_plugin_context* context);

  /* Result sets. OWNERSHIP: values and names are valid until rows_free. */
  size_t (*rows_count)(const catalog_rows* rows);
  size_t (*rows_column_count)(const catalog_rows* rows);
  catalog_str (*rows_column_name)(const catalog_rows* rows, size_t column);
  catalog_value (*rows_value)(const catalog_rows* rows, size_t row, size_t column);
  void (*rows_free)(catalog_rows* rows);

  /* Builds the response of an HTTP handler or reads the answer of a service call.
   * Single-threaded per response. Bodies and headers are copied. */
  void (*response_set_status)(catalog_response* response, int32_t status);
  void (*response_add_header)(catalog_response* response, catalog_str name, catalog_str value);
  void (*response_set_body)(catalog_response* response, catalog_str body);
  int32_t (*response_status)(const catalog_response* response);
  catalog_str (*response_body)(const catalog_response* response);
  /* The first header of that name (case-insensitive), or {NULL, 0}. */
  catalog_str (*response_header)(const catalog_response* response, catalog_str name);

  /* Calls another bounded context by name: in process when it is loaded in this host, over
   * HTTP otherwise. OWNERSHIP: *response is plugin-owned until response_free. Fails with
   * CATALOG_ERR_UNAVAILABLE when the context can't be reached; an HTTP error status from the
   * context is a successful call. */
  int (*service_call)(catalog_plugin_context* context, catalog_str service,
                      const catalog_request* request, catalog_response** response,
                      catalog_error* error);
  void (*response_free)(catalog_response* response);

  /* 1.2. The host's data directory (created, absolute), shared by every plugin of the host:
   * name the files you keep there so they can't clash with another plugin's.
   * OWNERSHIP: host-owned, valid until destroy. */
  catalog_str (*data_dir)(catalog_plugin_context* context);

  /* 1.3. The workflow engine (catalog.engine.enabled). Without it, deploying, starting and
   * reading processes fail with CATALOG_ERR_UNAVAILABLE, and workers are accepted but idle. */

  /* Registers a worker for a topic. Only during the create hook. The host fetches the topic's
   * tasks and calls the handler on its worker threads, concurrently with everything else. */
  int (*worker_add)(catalog_plugin_context* context, const catalog_worker* worker,
                    catalog_error* error);
  /* The verdicts a handler reports on its `result` (exactly one; later ones are ignored).
   * Variables are a JSON object of name → value, set on the process; may be empty. */
  void (*task_complete)(catalog_task_result* result, catalog_str variables_json);
  /* A business error: the task's error boundary event for `error_code` takes over. */
  void (*task_bpmn_error)(catalog_task_result* result, catalog_str error_code, catalog_str message,
                          catalog_str variables_json);
  /* A technical failure: handed out again after `retry_timeout_ms` while `retries` > 0; at 0
   * the task waits as an incident for an operator. */
  void (*task_failure)(catalog_task_result* result, catalog_str message, catalog_str details,
                       int32_t retries, int64_t retry_timeout_ms);

  /* Deploys a BPMN process (XML); an unchanged process is not deployed again. */
  int (*process_deploy)(catalog_plugin_context* context, catalog_str name, catalog_str bpmn_xml,
                        catalog_error* error);
  /* Starts the latest version of process `key` with variables (a JSON object of name → value)
   * and writes its instance id, NUL-terminated, into `instance_id` (`instance_id_size` bytes,
   * at least 64). */
  int (*process_start)(catalog_plugin_context* context, catalog_str key, catalog_str business_key,
                       catalog_str variables_json, catalog_str correlation_id, char* instance_id,
                       size_t instance_id_size, catalog_error* error);
  /* What became of a process instance, as JSON in the body of *history: {"instance": Camunda's
   * HistoricProcessInstanceDto, "activities": its HistoricActivityInstanceDtos in order,
   * "open_tasks": ExternalTaskDtos, "incidents": IncidentDtos}. CATALOG_ERR_NOT_FOUND for an
   * unknown instance. OWNERSHIP: *history is plugin-owned until response_free. */
  int (*process_history)(catalog_plugin_context* context, catalog_str instance_id,
                         catalog_response** history, catalog_error* error);

  /* 1.4. Takes the host's front door: every request the host does not answer itself (/health,
   * /health/live, /health/ready, /metrics since 1.5, the embedded engine's /engine-rest) and
   * that matches none of this plugin's own routes goes to `handler` instead of the router. The
   * principal names the user of a valid bearer token; with an invalid one it is anonymous but
   * keeps the raw token, so that a service_call passing it on lets the route behind decide (a
   * public route ignores a bad token, others refuse it and say why). The handler typically
   * forwards through service_call. Only during the create hook, by one plugin per host: a
   * second one fails.
   * `user_data` is plugin-owned and must live until destroy. */
  int (*ingress_set)(catalog_plugin_context* context, catalog_http_handler_fn handler,
                     void* user_data, catalog_error* error);
  /* 1.4. Where service_call finds `service`: a catalog_service_location. */
  int (*service_location)(catalog_plugin_context* context, catalog_str service);
  /* 1.4. The headers of a response (a service call's answer), for passing it on: how many,
   * and the one at `index` (below the count). OWNERSHIP: valid until the response is freed. */
  size_t (*response_header_count)(const catalog_response* response);
  catalog_pair (*response_header_at)(const catalog_response* response, size_t index);

  /* 1.5. Declares a metric. Only during the create hook; fails on a bad name, label or bucket
   * list, or a name the plugin already declared. */
  int (*metric_add)(catalog_plugin_context* context, const catalog_metric_spec* spec,
                    catalog_metric** metric, catalog_error* error);
  /* 1.5. Records `value` for one set of label values, given in the order of the label names:
   * a counter adds it (a negative one is ignored), a gauge is set to it, a histogram observes
   * it. Values of the wrong count are ignored. Label values must come from a small set (states,
   * reasons, routes — never ids): past a limit per metric, new sets are dropped and counted.
   * Thread-safe and cheap; never fails. */
  void (*metric_record)(catalog_metric* metric, const catalog_str* label_values, size_t label_count,
                        double value);
} catalog_host_api;

/* What a plugin is. OWNERSHIP: plugin-owned, static, never freed. */
typedef struct catalog_plugin_descriptor {
  uint32_t struct_size;
  uint16_t abi_major;
  uint16_t abi_minor;
  const char* name;       /* the bounded context, e.g. "characteristic"; NUL-terminated */
  const char* version;    /* the plugin's own version */
  const char* build_info; /* compiler, SDK and Poco versions it was built with */

  /* Creates the plugin, which registers its routes, migrations and subscriptions through
   * `host`. Returns the plugin instance (plugin-owned) or NULL with `error` filled.
   * `host` and `context` stay valid until destroy returns. */
  void* (*create)(const catalog_host_api* host, catalog_plugin_context* context,
                  catalog_error* error);
  /* Called after the database is migrated, before traffic arrives. */
  int (*start)(void* plugin, catalog_error* error);
  /* Called after traffic and event delivery have stopped. */
  void (*stop)(void* plugin);
  void (*destroy)(void* plugin);

  /* 1.1. Optional (may be NULL): CATALOG_OK when healthy, otherwise a code and a reason. */
  int (*health)(void* plugin, catalog_error* error);
} catalog_plugin_descriptor;

/* The function every plugin exports under CATALOG_PLUGIN_ENTRY_SYMBOL. */
typedef const catalog_plugin_descriptor* (*catalog_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* CATALOG_ABI_H */
