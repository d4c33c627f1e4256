#include "workflow/worker_runner.hpp"

#include <Poco/Process.h>

#include <algorithm>

#include "catalog/sdk/host.hpp"
#include "catalog/sdk/ids.hpp"
#include "loader/loaded_plugin.hpp"
#include "observability/log.hpp"

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
      const sdk::Json tasks =
          engine_.fetchAndLock(worker_id, worker.topic, worker.lock_duration_ms, kLongPoll);
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
  const std::string correlation_id =
      variables.count("correlationId") != 0 && variables["correlationId"].value.is_string()
          ? variables["correlationId"].value.get<std::string>()
          : instance;

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

  catalog_task_result result;
  const int status = worker.handler(worker.user_data, &raw, &result);
  try {
    if (status != CATALOG_OK || result.kind == catalog_task_result::Kind::None) {
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
