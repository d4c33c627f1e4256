#include "workflow/embedded_engine_client.hpp"

#include "observability/tracing/span.hpp"

namespace catalog::host {
namespace {

// Within a trace, the engine's work is a span of the engine's own, as when it runs remotely.
template <typename Work>
auto asEngine(const char* operation, Work&& work) {
  const Span span = Span::child(std::string("ENGINE ") + operation, SpanKind::Internal, "engine");
  const CurrentSpan current(span);
  return work();
}

}  // namespace

void EmbeddedEngineClient::deploy(const std::string& name, const std::string& resource,
                                  const std::string& bpmn_xml, const std::string& source) {
  engine_.deploy(name, {{resource, bpmn_xml}}, true, source);
}

std::string EmbeddedEngineClient::startProcess(const std::string& key,
                                               const std::optional<std::string>& business_key,
                                               const Variables& variables) {
  return asEngine("start", [&] {
    return engine_.startProcess(key, business_key, variables).at("id").get<std::string>();
  });
}

sdk::Json EmbeddedEngineClient::instanceHistory(const std::string& instance_id) {
  return engine_.instanceHistory(instance_id);
}

sdk::Json EmbeddedEngineClient::fetchAndLock(const std::string& worker_id, const std::string& topic,
                                             std::int64_t lock_duration_ms,
                                             std::chrono::milliseconds wait) {
  WorkflowEngine::FetchRequest request;
  request.worker_id = worker_id;
  request.max_tasks = 1;
  request.topics.push_back({topic, lock_duration_ms, sdk::Json(), {}, {}});
  return engine_.fetchAndLock(request, wait);
}

void EmbeddedEngineClient::complete(const std::string& task_id, const std::string& worker_id,
                                    const Variables& variables) {
  asEngine("complete", [&] { engine_.complete(task_id, worker_id, variables); });
}

void EmbeddedEngineClient::failure(const std::string& task_id, const std::string& worker_id,
                                   const std::string& error_message,
                                   const std::string& error_details, int retries,
                                   std::int64_t retry_timeout_ms) {
  asEngine("failure", [&] {
    engine_.failure(task_id, worker_id, error_message, error_details, retries, retry_timeout_ms);
  });
}

void EmbeddedEngineClient::bpmnError(const std::string& task_id, const std::string& worker_id,
                                     const std::string& error_code,
                                     const std::string& error_message, const Variables& variables) {
  asEngine("bpmn error",
           [&] { engine_.bpmnError(task_id, worker_id, error_code, error_message, variables); });
}

void EmbeddedEngineClient::unlock(const std::string& task_id) {
  asEngine("unlock", [&] { engine_.unlock(task_id); });
}

void EmbeddedEngineClient::shutdown() { engine_.shutdown(); }

std::string EmbeddedEngineClient::description() const {
  return "embedded on " + engine_.databaseDescription();
}

}  // namespace catalog::host
