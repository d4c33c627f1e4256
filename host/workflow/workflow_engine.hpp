#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "catalog/sdk/json.hpp"
#include "storage/database.hpp"
#include "workflow/process_definition.hpp"
#include "workflow/variables.hpp"

namespace catalog::host {

class EngineSql;
struct ExternalTaskRow;

/// The embedded BPMN engine: runs deployed processes whose wait states are external tasks, on
/// its own database, with Camunda 7's external-task semantics (saga-outbox notes §1). Every
/// operation is one transaction: a token moves from wait state to wait state (or to an end)
/// inside it, so a host killed at any point resumes from the last committed state, and a task
/// locked by a dead worker is handed out again when its lock expires.
///
/// Results are the JSON documents Camunda's REST API answers with (LockedExternalTaskDto,
/// HistoricProcessInstanceDto, …), so the REST layer only serializes them. Refusals throw
/// EngineError with Camunda's status and type. Thread-safe.
class WorkflowEngine {
 public:
  /// A deployment resource: a file name and its content.
  struct Resource {
    std::string name;
    std::string content;
  };

  /// One topic of a fetch-and-lock request (FetchExternalTaskTopicDto).
  struct FetchTopic {
    std::string name;
    std::int64_t lock_duration_ms = 0;
    sdk::Json variables;  ///< names to return; null returns all
    std::optional<std::string> business_key;
    std::optional<std::string> process_definition_key;
  };

  /// A fetch-and-lock request (FetchExternalTasksDto).
  struct FetchRequest {
    std::string worker_id;
    int max_tasks = 1;
    bool use_priority = false;
    std::vector<FetchTopic> topics;
  };

  /// Opens (and migrates) the engine database at `database_url` and loads what is deployed.
  static std::unique_ptr<WorkflowEngine> open(const std::string& database_url);
  explicit WorkflowEngine(std::unique_ptr<Database> database);
  ~WorkflowEngine();
  WorkflowEngine(const WorkflowEngine&) = delete;
  WorkflowEngine& operator=(const WorkflowEngine&) = delete;

  /// Deploys the BPMN resources (names ending in .bpmn or .bpmn20.xml; others are stored as
  /// nothing). A process whose XML is unchanged from its latest version is not deployed again
  /// when `duplicate_filtering`. Throws EngineError 400 (ParseException) naming what is wrong.
  /// Returns a DeploymentWithDefinitionsDto.
  sdk::Json deploy(const std::string& name, const std::vector<Resource>& resources,
                   bool duplicate_filtering, const std::string& source = {});

  /// Starts the latest version of process `key`; returns a ProcessInstanceWithVariablesDto.
  sdk::Json startProcess(const std::string& key, const std::optional<std::string>& business_key,
                         const Variables& variables, bool with_variables_in_return = false);
  /// ProcessInstanceDto of a running instance; 404 once it ended, as in Camunda.
  sdk::Json processInstance(const std::string& id);
  /// HistoricProcessInstanceDtos, optionally of one instance, business key or process key,
  /// oldest first.
  sdk::Json historicProcessInstances(const std::optional<std::string>& instance_id,
                                     const std::optional<std::string>& business_key,
                                     const std::optional<std::string>& process_key);
  /// HistoricActivityInstanceDtos of an instance, in the order they started.
  sdk::Json historicActivityInstances(const std::string& instance_id);
  /// The instance's variables as VariableValueDtos; 404 for an unknown instance.
  sdk::Json processVariables(const std::string& instance_id);
  /// IncidentDtos, open ones only, optionally of one instance.
  sdk::Json incidents(const std::optional<std::string>& instance_id);
  /// ExternalTaskDtos of the open tasks, optionally of one instance.
  sdk::Json externalTasks(const std::optional<std::string>& instance_id);
  /// Everything about one instance: {"instance", "activities", "open_tasks", "incidents"};
  /// 404 for an unknown instance.
  sdk::Json instanceHistory(const std::string& instance_id);
  /// The instances of each process by state (ACTIVE, COMPLETED, EXTERNALLY_TERMINATED) and
  /// its open incidents, for the saga metrics.
  struct ProcessCounts {
    std::map<std::pair<std::string, std::string>, std::int64_t> instances;  ///< (key, state)
    std::map<std::string, std::int64_t> open_incidents;                     ///< by key
  };
  ProcessCounts processCounts();
  /// {"id", "bpmn20Xml"} of a process definition.
  sdk::Json definitionXml(const std::string& definition_id);

  /// Locks up to max_tasks fetchable tasks of the topics for the worker, at once (possibly
  /// none): LockedExternalTaskDtos.
  sdk::Json fetchAndLock(const FetchRequest& request);
  /// The same, waiting up to `wait` for a task to become available (long polling): answered as
  /// soon as one is created or unlocked, or a lock or retry timeout of one expires.
  sdk::Json fetchAndLock(const FetchRequest& request, std::chrono::milliseconds wait);

  /// The worker finished the task: its variables are set and the token moves on.
  void complete(const std::string& task_id, const std::string& worker_id,
                const Variables& variables);
  /// The worker failed: the task may be fetched again after `retry_timeout_ms` while
  /// `retries` > 0; at 0 an incident is raised and the task waits for setRetries.
  void failure(const std::string& task_id, const std::string& worker_id,
               const std::string& error_message, const std::string& error_details, int retries,
               std::int64_t retry_timeout_ms);
  /// The worker reports a business error: the task's error boundary event for `error_code`
  /// (or its catch-all) takes the token; without one, the token ends here.
  void bpmnError(const std::string& task_id, const std::string& worker_id,
                 const std::string& error_code, const std::string& error_message,
                 const Variables& variables);
  /// Extends the worker's lock to now + `new_duration_ms`.
  void extendLock(const std::string& task_id, const std::string& worker_id,
                  std::int64_t new_duration_ms);
  /// Locks a task by id for the worker for `lock_duration_ms` (Camunda's /external-task/{id}/lock):
  /// refused while another worker's lock holds.
  void lock(const std::string& task_id, const std::string& worker_id,
            std::int64_t lock_duration_ms);
  /// Releases the task's lock so any worker may fetch it now.
  void unlock(const std::string& task_id);
  /// Sets the task's retries; above 0, its open incident is resolved and it can be fetched.
  void setRetries(const std::string& task_id, int retries);

  /// Wakes every waiting fetch, which answers with what it has (nothing); for shutdown.
  void shutdown();
  /// The database, for logs (without a password).
  std::string databaseDescription() const { return database_->displayUrl(); }

 private:
  struct Deployed;

  void load();
  std::shared_ptr<const ProcessDefinition> definition(const std::string& id) const;
  ExternalTaskRow requireTask(EngineSql& sql, const std::string& task_id);
  void requireWorker(const ExternalTaskRow& task, const std::string& worker_id, const char* action);
  // Moves tokens arriving at `arriving_at` to their next wait states or ends; `end_activity`
  // names an end event a token already reached (a resumed compensation end event).
  void run(EngineSql& sql, const ProcessDefinition& definition, const std::string& instance_id,
           std::vector<std::string> arriving_at, std::string end_activity = {});
  void finishIfDone(EngineSql& sql, const std::string& instance_id,
                    const std::string& end_activity);
  void tasksAvailable();
  std::optional<std::chrono::milliseconds> untilNextExpiry(const FetchRequest& request);

  std::unique_ptr<Database> database_;
  mutable std::shared_mutex definitions_mutex_;
  std::map<std::string, std::shared_ptr<const ProcessDefinition>> by_id_;
  std::map<std::string, std::string> latest_id_by_key_;
  std::map<std::string, int> latest_version_by_key_;

  std::mutex waiting_mutex_;
  std::condition_variable waiting_;
  std::uint64_t generation_ = 0;
  bool shut_down_ = false;
};

/// A stored time ("…Z") in Camunda's REST date format ("…+0000").
std::string camundaTime(const std::string& stored);

}  // namespace catalog::host
