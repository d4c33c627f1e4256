#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "catalog/sdk/json.hpp"
#include "workflow/variables.hpp"

namespace catalog::host {

/// What a host's workers and plugins use of a workflow engine: the one embedded in this host,
/// or a remote one spoken to over Camunda 7's REST API. Results are Camunda's JSON documents;
/// refusals throw EngineError with Camunda's status and type, an unreachable engine throws
/// ServiceUnavailable. Thread-safe.
class EngineClient {
 public:
  virtual ~EngineClient() = default;

  /// Deploys one BPMN resource as deployment `name` from `source`, unless its XML is unchanged
  /// from the latest version.
  virtual void deploy(const std::string& name, const std::string& resource,
                      const std::string& bpmn_xml, const std::string& source) = 0;
  /// Starts the latest version of process `key`; returns the instance id.
  virtual std::string startProcess(const std::string& key,
                                   const std::optional<std::string>& business_key,
                                   const Variables& variables) = 0;
  /// Everything about one instance: {"instance", "activities", "open_tasks", "incidents"}
  /// (HistoricProcessInstanceDto, HistoricActivityInstanceDtos in start order, ExternalTaskDtos,
  /// IncidentDtos); EngineError 404 for an unknown instance.
  virtual sdk::Json instanceHistory(const std::string& instance_id) = 0;

  /// Locks at most one task of `topic` for the worker, waiting up to `wait` for one (long
  /// polling): LockedExternalTaskDtos, empty when none came.
  virtual sdk::Json fetchAndLock(const std::string& worker_id, const std::string& topic,
                                 std::int64_t lock_duration_ms, std::chrono::milliseconds wait) = 0;
  virtual void complete(const std::string& task_id, const std::string& worker_id,
                        const Variables& variables) = 0;
  virtual void failure(const std::string& task_id, const std::string& worker_id,
                       const std::string& error_message, const std::string& error_details,
                       int retries, std::int64_t retry_timeout_ms) = 0;
  virtual void bpmnError(const std::string& task_id, const std::string& worker_id,
                         const std::string& error_code, const std::string& error_message,
                         const Variables& variables) = 0;
  /// Releases the task's lock so any worker may fetch it now.
  virtual void unlock(const std::string& task_id) = 0;

  /// Answers every waiting fetch at once (with nothing), for shutdown.
  virtual void shutdown() = 0;
  /// Where the engine is, for logs (no secrets).
  virtual std::string description() const = 0;
};

}  // namespace catalog::host
