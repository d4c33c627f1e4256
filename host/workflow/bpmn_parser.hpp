#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "workflow/process_definition.hpp"

namespace catalog::host {

/// A BPMN document this engine refuses to deploy. Either it uses elements outside the subset
/// (one problem, "unsupported BPMN elements: userTask 'Task_Approve', timerEventDefinition in
/// 'Timer_1'", naming every one found), or it is not a well-formed, consistent process (one
/// problem per defect, Camunda's wording where Camunda has one). what() joins the problems
/// with "; ".
class BpmnDeploymentError : public std::runtime_error {
 public:
  explicit BpmnDeploymentError(std::vector<std::string> problems);

  /// Each problem found: one that stopped reading (not XML, no executable process) first,
  /// then the list of unsupported elements, then the others in document order.
  const std::vector<std::string>& problems() const noexcept { return problems_; }

 private:
  std::vector<std::string> problems_;
};

/// Reads a BPMN 2.0 document (Camunda Modeler's output, namespace-aware) holding exactly one
/// executable process (isExecutable="true"; a collaboration whose participants only point at
/// processes is accepted) and checks it against the subset the embedded engine runs
/// (saga-outbox notes §3.4): none start event, none and compensation end events, external
/// service tasks (camunda:type="external", camunda:topic, camunda:taskPriority,
/// isForCompensation, camunda:properties, camunda:failedJobRetryTimeCycle), exclusive and
/// parallel gateways, error and compensation boundary events, none and compensation
/// intermediate throw events, sequence flows with Condition expressions, associations to
/// compensation handlers, and definitions-level errors. Diagram interchange, documentation,
/// text annotations, lanes, incoming/outgoing (cross-checked) and other vendors' extension
/// elements are accepted and ignored.
///
/// Returns the checked model with `xml` kept verbatim. Throws BpmnDeploymentError; never
/// anything else for any input. Thread-safe (no shared state).
ProcessDefinition parseBpmn(const std::string& xml);

}  // namespace catalog::host
