#include "workflow/worker_runner.hpp"

#include <Poco/Process.h>

#include <algorithm>

#include "catalog/sdk/host.hpp"
#include "catalog/sdk/ids.hpp"
#include "loader/loaded_plugin.hpp"
#include "observability/log.hpp"
#include "observability/observability.hpp"
#include "observability/tracing/span.hpp"

namespace catalog::host {
namespace {

// How long one fetch waits for a task before the thread checks whether it should stop.
constexpr std::chrono::seconds kLongPoll{10};
// While the engine can't be reached, the pause between attempts doubles up to this.
constexpr std::chrono::seconds kMaxPause{30};

Variables variablesOf(const std::string& json) {
  Variables variables;
  if (json.empty()) return variables;
  const sdk::Json values = sdk::Json::parse(json, nullptr, false);
  if (!values.is_object()) throw std::invalid_argument("task variables must be a JSON object");
  for (const auto& [name, value] : values.items()) variables[name] = variableOf(value);
  return variables;
}

// A text variable's value; empty when absent or not text.
std::string textOf(const Variables& variables, const std::string& name) {
  const auto found = variables.find(name);
  return found != variables.end() && found->second.value.is_string()
             ? found->second.value.get<std::string>()
             : std::string();
}

const char* outcomeOf(catalog_task_result::Kind kind) {
  switch (kind) {
    case catalog_task_result::Kind::Complete:
      return "complete";
    case catalog_task_result::Kind::BpmnError:
      return "bpmn_error";
    case catalog_task_result::Kind::Failure:
      return "failure";
    case catalog_task_result::Kind::None:
      break;
  }
  return "none";
}

}  // namespace

WorkerRunner::~WorkerRunner() { stop(); }

void WorkerRunner::add(LoadedPlugin& plugin, const catalog_worker& worker) {
  const std::string topic = sdk::fromAbi(worker.topic);
  if (topic.empty()) throw std::invalid_argument("a worker needs a topic");
  if (worker.handler == nullptr)
    throw std::invalid_argument("worker of " + topic + " has no handler");
  if (worker.lock_duration_ms <= 0)
    throw std::invalid_argument("worker of " + topic + " needs a positive lock duration");
  for (const Worker& existing : workers_) {
    if (existing.plugin == &plugin && existing.topic == topic)
      throw std::invalid_argument("plugin " + plugin.name() + " already works on topic " + topic);
  }
  workers_.push_back({&plugin, topic, worker.lock_duration_ms, worker.handler, worker.user_data});
}

void WorkerRunner::start() {
  if (running_.exchange(true)) return;
  for (const Worker& worker : workers_) threads_.emplace_back([this, &worker] { run(worker); });
}

void WorkerRunner::stop() {
  {
    std::lock_guard lock(pause_mutex_);
    if (!running_.exchange(false)) return;
  }
  pause_wakeup_.notify_all();
  engine_.shutdown();  // wakes the long polls
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
}

void WorkerRunner::run(const Worker& worker) {
  const std::string worker_id =
      worker.plugin->name() + ":" + worker.topic + ":" + std::to_string(Poco::Process::id());
  std::chrono::milliseconds pause{0};
  while (running_) {
    try {
      sdk::Json tasks;
      {
        const Span poll(observability_.tracer, "FETCH " + worker.topic, SpanKind::Client,
                        worker.plugin->name(), std::nullopt, Span::Sampling::Never);
        const CurrentSpan current(poll);
        tasks = engine_.fetchAndLock(worker_id, worker.topic, worker.lock_duration_ms, kLongPoll);
      }
      pause = std::chrono::milliseconds(0);
      for (const sdk::Json& task : tasks) {
        if (!running_) break;  // unhandled, it goes back when its lock expires
        handle(worker, worker_id, task);
      }
    } catch (const std::exception& e) {
      pause = std::clamp(pause * 2, std::chrono::milliseconds(1000),
                         std::chrono::milliseconds(kMaxPause));
      log(worker.plugin->logger(), Poco::Message::PRIO_ERROR, "",
          "worker of " + worker.topic + " failed: " + e.what() + " (next attempt in " +
              std::to_string(pause.count() / 1000) + " s)");
      std::unique_lock lock(pause_mutex_);
      pause_wakeup_.wait_for(lock, pause, [this] { return !running_; });
    }
  }
}

void WorkerRunner::handle(const Worker& worker, const std::string& worker_id,
                          const sdk::Json& task) {
  const std::string id = task.at("id");
  const std::string instance = task.at("processInstanceId");
  const std::string business_key = task.value("businessKey", sdk::Json()).is_string()
                                       ? task["businessKey"].get<std::string>()
                                       : std::string();
  Variables variables;
  for (const auto& [name, dto] : task.at("variables").items())
    variables[name] = variableFromDto(dto);
  const std::string variables_json = plainValues(variables).dump();
  const std::string activity = task.at("activityId");
  const std::string error_message =
      task["errorMessage"].is_string() ? task["errorMessage"].get<std::string>() : std::string();
  std::string correlation_id = textOf(variables, "correlationId");
  if (correlation_id.empty()) correlation_id = instance;

  catalog_external_task raw{};
  raw.struct_size = sizeof(raw);
  raw.id = sdk::toAbi(id);
  raw.topic = sdk::toAbi(worker.topic);
  raw.process_instance_id = sdk::toAbi(instance);
  raw.business_key = sdk::toAbi(business_key);
  raw.activity_id = sdk::toAbi(activity);
  raw.variables_json = sdk::toAbi(variables_json);
  raw.retries = task["retries"].is_number_integer() ? task["retries"].get<int>() : -1;
  raw.error_message = sdk::toAbi(error_message);
  raw.correlation_id = sdk::toAbi(correlation_id);

  const std::string process = task.value("processDefinitionKey", sdk::Json()).is_string()
                                  ? task["processDefinitionKey"].get<std::string>()
                                  : std::string("(unknown)");
  Span span(observability_.tracer, "SAGA " + process + " " + worker.topic, SpanKind::Consumer,
            worker.plugin->name(), TraceContext::fromTraceparent(textOf(variables, "traceparent")));
  const CurrentSpan current(span);
  span.tag("process_instance_id", instance);
  span.tag("activity_id", activity);
  span.tag("task_id", id);
  span.tag("correlation_id", correlation_id);
  if (!business_key.empty()) span.tag("business_key", business_key);
  const auto started = std::chrono::steady_clock::now();
  log(worker.plugin->logger(), Poco::Message::PRIO_INFORMATION, correlation_id,
      "task " + worker.topic + " of " + process + " " + instance + " started");

  catalog_task_result result;
  if (worker.handler(worker.user_data, &raw, &result) != CATALOG_OK)
    result.kind = catalog_task_result::Kind::None;
  const char* outcome = outcomeOf(result.kind);
  span.tag("outcome", outcome);
  if (result.kind == catalog_task_result::Kind::BpmnError)
    span.tag("bpmn_error", result.error_code);
  if (result.kind == catalog_task_result::Kind::Failure) span.fail(result.message);
  log(worker.plugin->logger(),
      result.kind == catalog_task_result::Kind::Complete ? Poco::Message::PRIO_INFORMATION
                                                         : Poco::Message::PRIO_WARNING,
      correlation_id,
      "task " + worker.topic + " of " + process + " " + instance + " ended: " + outcome +
          (result.message.empty() ? "" : " (" + result.message + ")"));
  report(worker, worker_id, id, result, correlation_id);
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
  observability_.host.saga_steps.add({process, worker.topic, outcome});
  observability_.host.saga_step_duration.observe({process, worker.topic}, elapsed.count());
}

void WorkerRunner::report(const Worker& worker, const std::string& worker_id, const std::string& id,
                          const catalog_task_result& result, const std::string& correlation_id) {
  try {
    if (result.kind == catalog_task_result::Kind::None) {
      log(worker.plugin->logger(), Poco::Message::PRIO_WARNING, correlation_id,
          "worker of " + worker.topic + " reported nothing for task " + id +
              "; it is handed out again");
      engine_.unlock(id);
    } else if (result.kind == catalog_task_result::Kind::Complete) {
      engine_.complete(id, worker_id, variablesOf(result.variables_json));
    } else if (result.kind == catalog_task_result::Kind::BpmnError) {
      engine_.bpmnError(id, worker_id, result.error_code, result.message,
                        variablesOf(result.variables_json));
    } else {
      engine_.failure(id, worker_id, result.message, result.details, result.retries,
                      result.retry_timeout_ms);
    }
  } catch (const std::exception& e) {
    // E.g. the lock expired and another worker took the task (its verdict counts, not ours), or
    // the engine can't be reached (the task goes back when its lock expires).
    log(worker.plugin->logger(), Poco::Message::PRIO_WARNING, correlation_id,
        "verdict on task " + id + " of " + worker.topic + " refused: " + e.what());
  }
}

}  // namespace catalog::host
