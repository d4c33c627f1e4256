#include "catalog/sdk/workflow.hpp"

#include <memory>

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/host.hpp"

namespace catalog::sdk {

TaskOutcome TaskOutcome::complete(Json variables) {
  TaskOutcome outcome;
  outcome.kind_ = Kind::Complete;
  outcome.variables_ = std::move(variables);
  return outcome;
}

TaskOutcome TaskOutcome::bpmnError(std::string code, std::string message, Json variables) {
  TaskOutcome outcome;
  outcome.kind_ = Kind::BpmnError;
  outcome.code_ = std::move(code);
  outcome.message_ = std::move(message);
  outcome.variables_ = std::move(variables);
  return outcome;
}

TaskOutcome TaskOutcome::failure(std::string message, std::string details, int retries,
                                 std::chrono::milliseconds retry_timeout) {
  TaskOutcome outcome;
  outcome.kind_ = Kind::Failure;
  outcome.message_ = std::move(message);
  outcome.details_ = std::move(details);
  outcome.retries_ = retries;
  outcome.retry_timeout_ = retry_timeout;
  return outcome;
}

void Workflow::deploy(std::string_view name, std::string_view bpmn_xml) const {
  catalog_error error{};
  if (host().api->process_deploy(host().context, toAbi(name), toAbi(bpmn_xml), &error) !=
      CATALOG_OK)
    detail::throwHostError(error);
}

std::string Workflow::start(std::string_view key, std::string_view business_key,
                            const Json& variables, std::string_view correlation_id) const {
  const std::string values = toText(variables.is_null() ? Json::object() : variables);
  char instance_id[64] = {};
  catalog_error error{};
  if (host().api->process_start(host().context, toAbi(key), toAbi(business_key), toAbi(values),
                                toAbi(correlation_id), instance_id, sizeof(instance_id),
                                &error) != CATALOG_OK)
    detail::throwHostError(error);
  return instance_id;
}

Json Workflow::history(std::string_view instance_id) const {
  const Host& h = host();
  catalog_response* answer = nullptr;
  catalog_error error{};
  if (h.api->process_history(h.context, toAbi(instance_id), &answer, &error) != CATALOG_OK)
    detail::throwHostError(error);
  const std::unique_ptr<catalog_response, void (*)(catalog_response*)> guard(answer,
                                                                             h.api->response_free);
  return Json::parse(fromAbi(h.api->response_body(answer)));
}

}  // namespace catalog::sdk
