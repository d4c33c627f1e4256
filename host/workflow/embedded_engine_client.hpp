#pragma once

#include "workflow/engine_client.hpp"
#include "workflow/workflow_engine.hpp"

namespace catalog::host {

/// The engine embedded in this host, called directly.
class EmbeddedEngineClient final : public EngineClient {
 public:
  explicit EmbeddedEngineClient(WorkflowEngine& engine) : engine_(engine) {}

  void deploy(const std::string& name, const std::string& resource, const std::string& bpmn_xml,
              const std::string& source) override;
  std::string startProcess(const std::string& key, const std::optional<std::string>& business_key,
                           const Variables& variables) override;
  sdk::Json instanceHistory(const std::string& instance_id) override;
  sdk::Json fetchAndLock(const std::string& worker_id, const std::string& topic,
                         std::int64_t lock_duration_ms, std::chrono::milliseconds wait) override;
  void complete(const std::string& task_id, const std::string& worker_id,
                const Variables& variables) override;
  void failure(const std::string& task_id, const std::string& worker_id,
               const std::string& error_message, const std::string& error_details, int retries,
               std::int64_t retry_timeout_ms) override;
  void bpmnError(const std::string& task_id, const std::string& worker_id,
                 const std::string& error_code, const std::string& error_message,
                 const Variables& variables) override;
  void unlock(const std::string& task_id) override;
  void shutdown() override;
  std::string description() const override;

 private:
  WorkflowEngine& engine_;
};

}  // namespace catalog::host
