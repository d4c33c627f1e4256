#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "catalog/abi.h"
#include "workflow/engine_client.hpp"

/// A worker's verdict on one task, reported through the host API's task_* functions.
struct catalog_task_result {
  enum class Kind { None, Complete, BpmnError, Failure };
  Kind kind = Kind::None;
  std::string variables_json;
  std::string error_code;
  std::string message;
  std::string details;
  int retries = 0;
  std::int64_t retry_timeout_ms = 0;
};

namespace catalog::host {

class LoadedPlugin;
struct Observability;

/// Runs the plugins' external-task workers against the engine, embedded or remote: one thread
/// per worker long-polls the engine for its topic, hands each task to the plugin's handler and
/// reports the verdict. A task whose handler reports nothing goes back to the engine at once; one
/// whose host dies meanwhile, when its lock expires. Each task is a span ("SAGA <process>
/// <topic>") in the trace its process was started in (the `traceparent` process variable), and
/// is counted by verdict; the polls are never traced.
class WorkerRunner {
 public:
  WorkerRunner(EngineClient& engine, Observability& observability)
      : engine_(engine), observability_(observability) {}
  ~WorkerRunner();
  WorkerRunner(const WorkerRunner&) = delete;
  WorkerRunner& operator=(const WorkerRunner&) = delete;

  /// Registers a worker (while plugins are created). Throws std::invalid_argument for a bad
  /// worker or a topic this plugin already works on.
  void add(LoadedPlugin& plugin, const catalog_worker& worker);
  /// Starts the worker threads.
  void start();
  /// Stops them; a handler running finishes first.
  void stop();

 private:
  struct Worker {
    LoadedPlugin* plugin;
    std::string topic;
    std::int64_t lock_duration_ms;
    catalog_task_handler_fn handler;
    void* user_data;
  };

  void run(const Worker& worker);
  void handle(const Worker& worker, const std::string& worker_id, const sdk::Json& task);

  void report(const Worker& worker, const std::string& worker_id, const std::string& id,
              const catalog_task_result& result, const std::string& correlation_id);

  EngineClient& engine_;
  Observability& observability_;
  std::vector<Worker> workers_;
  std::vector<std::thread> threads_;
  std::atomic<bool> running_{false};
  // Wakes workers pausing after a failed fetch, for stop().
  std::mutex pause_mutex_;
  std::condition_variable pause_wakeup_;
};

}  // namespace catalog::host
