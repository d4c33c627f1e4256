#pragma once

/// @file
/// Sagas and other processes on the host's workflow engine: a plugin registers workers for the
/// external-task topics of a BPMN process, deploys the process and starts instances of it.
///
///   worker("lock-prices", [](const ExternalTask& task) {
///     lockPricesForSaga(task.correlation_id, task.process_instance_id,
///                       task.variables.at("pricingIds"));
///     return TaskOutcome::complete({{"lockResult", true}});
///   }, {.error_code_when_exhausted = "PublicationFailed"});
///
/// The engine hands a task to one worker at a time, under a lock; a worker that dies leaves it
/// to be handed out again when the lock expires, so a handler must be idempotent.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "catalog/sdk/json.hpp"
#include "catalog/sdk/log.hpp"

namespace catalog::sdk {

/// A task of a running process, for the worker of its topic.
struct ExternalTask {
  std::string id;
  std::string topic;
  std::string process_instance_id;
  std::string business_key;  ///< empty when the process has none
  std::string activity_id;   ///< the BPMN element, e.g. "Task_LockPrices"
  Json variables;            ///< the process variables, name → value
  /// The retries a previous failure left; nullopt before any failure.
  std::optional<int> retries;
  std::string error_message;  ///< the previous failure's message
  std::string correlation_id;

  Logger log() const { return Logger(correlation_id); }
};

/// What a worker makes of a task.
class TaskOutcome {
 public:
  enum class Kind { Complete, BpmnError, Failure };

  /// Done; `variables` are set on the process.
  static TaskOutcome complete(Json variables = Json::object());
  /// A business error: the task's error boundary event for `code` takes the process on (in a
  /// saga, to its compensation).
  static TaskOutcome bpmnError(std::string code, std::string message,
                               Json variables = Json::object());
  /// A technical failure: handed out again after `retry_timeout` while `retries` > 0; at 0
  /// the task waits as an incident until an operator retries it.
  static TaskOutcome failure(std::string message, std::string details, int retries,
                             std::chrono::milliseconds retry_timeout);

  Kind kind() const noexcept { return kind_; }
  const Json& variables() const noexcept { return variables_; }
  const std::string& code() const noexcept { return code_; }
  const std::string& message() const noexcept { return message_; }
  const std::string& details() const noexcept { return details_; }
  int retries() const noexcept { return retries_; }
  std::chrono::milliseconds retryTimeout() const noexcept { return retry_timeout_; }

 private:
  TaskOutcome() = default;

  Kind kind_ = Kind::Complete;
  Json variables_ = Json::object();
  std::string code_;
  std::string message_;
  std::string details_;
  int retries_ = 0;
  std::chrono::milliseconds retry_timeout_{0};
};

/// Handles one task. Throwing counts as a technical failure, retried per WorkerOptions.
using TaskHandler = std::function<TaskOutcome(const ExternalTask&)>;

/// How a worker holds tasks and retries the ones its handler throws on (Camunda leaves retries
/// to the worker: the defaults are SRS §7.1's three retries with exponential back-off).
struct WorkerOptions {
  /// How long a task stays this worker's while the handler runs.
  std::chrono::milliseconds lock_duration{30000};
  /// Attempts after the first failure.
  int retries = 3;
  /// The wait before the first retry; each further one waits twice as long.
  std::chrono::milliseconds first_retry_delay{1000};
  /// When set, a task whose retries are used up reports this BPMN error (a saga step then
  /// compensates) instead of waiting as an incident (what a compensation step should do).
  std::optional<std::string> error_code_when_exhausted;
};

/// The host's workflow engine, for deploying and starting processes.
class Workflow {
 public:
  /// Deploys a BPMN process; an unchanged one is not deployed again. Throws on invalid BPMN or
  /// when the host runs no engine (UnavailableError).
  void deploy(std::string_view name, std::string_view bpmn_xml) const;
  /// Starts the latest version of process `key` and returns the instance id. The correlation
  /// id travels as the process variable `correlationId` unless `variables` sets one.
  std::string start(std::string_view key, std::string_view business_key, const Json& variables,
                    std::string_view correlation_id) const;
  /// What became of an instance: {"instance", "activities", "open_tasks", "incidents"} in
  /// Camunda's shapes. Throws NotFoundError for an unknown instance.
  Json history(std::string_view instance_id) const;
};

}  // namespace catalog::sdk
