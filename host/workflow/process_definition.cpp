#include "workflow/process_definition.hpp"

#include <stdexcept>

namespace catalog::host {

const FlowNode* ProcessDefinition::findNode(const std::string& id) const {
  const auto found = nodes.find(id);
  return found == nodes.end() ? nullptr : &found->second;
}

const FlowNode& ProcessDefinition::node(const std::string& id) const {
  if (const FlowNode* found = findNode(id)) return *found;
  throw std::out_of_range("process '" + key + "' has no flow node '" + id + "'");
}

const SequenceFlow& ProcessDefinition::flow(const std::string& id) const {
  const auto found = flows.find(id);
  if (found == flows.end()) {
    throw std::out_of_range("process '" + key + "' has no sequence flow '" + id + "'");
  }
  return found->second;
}

std::vector<const FlowNode*> ProcessDefinition::boundaryEvents(
    const std::string& activity_id) const {
  std::vector<const FlowNode*> result;
  if (const FlowNode* activity = findNode(activity_id)) {
    for (const std::string& id : activity->boundary_events) result.push_back(&node(id));
  }
  return result;
}

// Camunda sorts a scope's error event definitions so that those naming a code come before the
// catch-all ones (ErrorEventDefinition.comparator); document order breaks ties.
const FlowNode* ProcessDefinition::errorBoundaryFor(const std::string& activity_id,
                                                    const std::string& error_code) const {
  const FlowNode* catch_all = nullptr;
  for (const FlowNode* boundary : boundaryEvents(activity_id)) {
    if (boundary->trigger != BoundaryTrigger::Error) continue;
    if (!boundary->error_code) {
      if (!catch_all) catch_all = boundary;
    } else if (*boundary->error_code == error_code) {
      return boundary;
    }
  }
  return catch_all;
}

std::set<std::string> ProcessDefinition::topics() const {
  std::set<std::string> result;
  for (const auto& [id, node] : nodes) {
    if (node.kind == FlowNodeKind::ServiceTask) result.insert(node.topic);
  }
  return result;
}

std::string_view bpmnTag(FlowNodeKind kind) {
  switch (kind) {
    case FlowNodeKind::StartEvent:
      return "startEvent";
    case FlowNodeKind::EndEvent:
      return "endEvent";
    case FlowNodeKind::ServiceTask:
      return "serviceTask";
    case FlowNodeKind::ExclusiveGateway:
      return "exclusiveGateway";
    case FlowNodeKind::ParallelGateway:
      return "parallelGateway";
    case FlowNodeKind::BoundaryEvent:
      return "boundaryEvent";
    case FlowNodeKind::IntermediateThrowEvent:
      return "intermediateThrowEvent";
  }
  return "unknown";
}

std::string_view activityType(const FlowNode& node) {
  const bool compensation = node.throws == ThrownEvent::Compensation;
  switch (node.kind) {
    case FlowNodeKind::EndEvent:
      return compensation ? "compensationEndEvent" : "noneEndEvent";
    case FlowNodeKind::IntermediateThrowEvent:
      return compensation ? "intermediateCompensationThrowEvent" : "intermediateNoneThrowEvent";
    case FlowNodeKind::BoundaryEvent:
      return node.trigger == BoundaryTrigger::Error ? "boundaryError" : "compensationBoundaryCatch";
    default:
      return bpmnTag(node.kind);
  }
}

}  // namespace catalog::host
