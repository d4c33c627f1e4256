#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "workflow/condition.hpp"

namespace catalog::host {

/// The BPMN elements a process may contain here (saga-outbox notes §3.4); parseBpmn refuses
/// every other one.
enum class FlowNodeKind {
  StartEvent,              ///< a none start event; exactly one per process
  EndEvent,                ///< none, or throwing compensation
  ServiceTask,             ///< an external task (camunda:type="external"), fetched by topic
  ExclusiveGateway,        ///< takes the first outgoing flow whose condition holds, else default
  ParallelGateway,         ///< forks all outgoing flows; joins all incoming ones
  BoundaryEvent,           ///< catches an error or marks its task as compensable
  IntermediateThrowEvent,  ///< none (pass-through), or throwing compensation
};

/// What a boundary event catches.
enum class BoundaryTrigger {
  Error,         ///< a BPMN error reported for the task (external-task bpmnError)
  Compensation,  ///< makes the task compensable; its handler is associated, not connected
};

/// What an end or intermediate throw event throws when a token reaches it.
enum class ThrownEvent {
  None,
  Compensation,  ///< compensates completed tasks: all of the process, or one (activityRef)
};

/// A BPMN `error` declared in the definitions (outside the process).
struct ErrorDefinition {
  std::string id;
  std::string name;
  std::optional<std::string> error_code;  ///< absent: a boundary naming it catches every error
};

/// A `sequenceFlow`.
struct SequenceFlow {
  std::string id;
  std::string name;
  std::string source;                  ///< flow node id
  std::string target;                  ///< flow node id
  std::optional<Condition> condition;  ///< only on flows leaving an exclusive gateway
};

/// One node of the process graph. Fields after `outgoing` apply to the kinds named in their
/// group and keep their defaults for the others.
struct FlowNode {
  std::string id;
  std::string name;
  FlowNodeKind kind = FlowNodeKind::StartEvent;
  std::vector<std::string> incoming;  ///< sequence flow ids, in the document's order of flows
  std::vector<std::string> outgoing;  ///< sequence flow ids, in the document's order of flows

  // ServiceTask
  std::string topic;                 ///< camunda:topic
  std::int64_t task_priority = 0;    ///< camunda:taskPriority, else the process's, else 0
  bool is_for_compensation = false;  ///< a compensation handler: started only by compensation
  std::optional<std::string> compensation_handler;  ///< the task that undoes this one
  std::vector<std::string> boundary_events;  ///< ids of the boundary events attached, in order
  std::map<std::string, std::string> extension_properties;  ///< camunda:properties
  /// camunda:failedJobRetryTimeCycle as written (e.g. "R3/PT5S"); our extension for external
  /// tasks, not Camunda behaviour (saga-outbox notes §3.3).
  std::optional<std::string> retry_time_cycle;

  // BoundaryEvent
  std::string attached_to;      ///< the service task's id
  bool cancel_activity = true;  ///< always true for error boundaries here
  BoundaryTrigger trigger = BoundaryTrigger::Error;
  std::optional<std::string> error_ref;   ///< the ErrorDefinition's id, when errorRef is given
  std::optional<std::string> error_code;  ///< absent: catches every error code
  std::string error_code_variable;        ///< camunda:errorCodeVariable; empty when not set
  std::string error_message_variable;     ///< camunda:errorMessageVariable; empty when not set

  // ExclusiveGateway
  std::optional<std::string> default_flow;  ///< the `default` attribute

  // EndEvent, IntermediateThrowEvent
  ThrownEvent throws = ThrownEvent::None;
  std::optional<std::string> compensate_activity;  ///< activityRef; absent: the whole process
};

/// A deployed BPMN process: what parseBpmn accepted, checked so that every id it holds
/// resolves (flow ends, attachments, handlers, defaults, error references). Plain data:
/// immutable once parsed, so safe to share across threads.
struct ProcessDefinition {
  std::string key;          ///< the process id, Camunda's processDefinitionKey
  std::string name;         ///< the process name; may be empty
  std::string version_tag;  ///< camunda:versionTag; may be empty
  std::string xml;          ///< the deployed document, unchanged (bpmn20Xml, diagrams)
  std::string start_event;  ///< the id of the none start event
  std::map<std::string, FlowNode> nodes;          ///< by id
  std::map<std::string, SequenceFlow> flows;      ///< by id
  std::map<std::string, ErrorDefinition> errors;  ///< by id

  /// The node with this id, or nullptr.
  const FlowNode* findNode(const std::string& id) const;
  /// The node with this id; throws std::out_of_range naming it when there is none.
  const FlowNode& node(const std::string& id) const;
  /// The flow with this id; throws std::out_of_range naming it when there is none.
  const SequenceFlow& flow(const std::string& id) const;
  /// The boundary events attached to an activity, in document order (empty for an unknown id).
  std::vector<const FlowNode*> boundaryEvents(const std::string& activity_id) const;
  /// The error boundary event of an activity that catches `error_code`: one naming that code,
  /// else a catch-all one (Camunda's precedence), else nullptr.
  const FlowNode* errorBoundaryFor(const std::string& activity_id,
                                   const std::string& error_code) const;
  /// The distinct external-task topics of the process.
  std::set<std::string> topics() const;
};

/// The BPMN tag of a kind, e.g. "serviceTask".
std::string_view bpmnTag(FlowNodeKind kind);

/// Camunda's activityType of a node as history and Cockpit show it (ActivityTypes.java), e.g.
/// "serviceTask", "noneEndEvent", "boundaryError", "intermediateCompensationThrowEvent".
std::string_view activityType(const FlowNode& node);

}  // namespace catalog::host
