#include "workflow/bpmn_parser.hpp"

#include <Poco/AutoPtr.h>
#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/DocumentType.h>
#include <Poco/DOM/Element.h>
#include <Poco/DOM/Node.h>
#include <Poco/Exception.h>
#include <Poco/SAX/XMLReader.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <utility>

namespace catalog::host {
namespace {

using Poco::XML::Element;

const std::string kBpmnNs = "http://www.omg.org/spec/BPMN/20100524/MODEL";
const std::string kBpmnDiNs = "http://www.omg.org/spec/BPMN/20100524/DI";
const std::string kCamundaNs = "http://camunda.org/schema/1.0/bpmn";

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string result;
  for (const std::string& part : parts) {
    if (!result.empty()) result += separator;
    result += part;
  }
  return result;
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string quote(const std::string& id) { return "'" + id + "'"; }

std::vector<Element*> childElements(const Element& parent) {
  std::vector<Element*> result;
  for (Poco::XML::Node* child = parent.firstChild(); child; child = child->nextSibling()) {
    if (child->nodeType() == Poco::XML::Node::ELEMENT_NODE) {
      result.push_back(static_cast<Element*>(child));
    }
  }
  return result;
}

bool isBpmn(const Element& element) { return element.namespaceURI() == kBpmnNs; }

// The tag as a reader of the XML would name it: the local name for BPMN elements (the common
// case), the prefixed name for anything else ("camunda:inputOutput").
std::string tagOf(const Element& element) {
  return isBpmn(element) ? element.localName() : element.nodeName();
}

// Java's Boolean.parseBoolean, as Camunda reads isExecutable, isForCompensation, cancelActivity.
bool isTrue(const std::string& value) {
  if (value.size() != 4) return false;
  std::string lower;
  for (char c : value) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return lower == "true";
}

bool isExpression(const std::string& value) {
  return value.find("${") != std::string::npos || value.find("#{") != std::string::npos;
}

const std::set<std::string>& flowNodeTags() {
  static const std::set<std::string> kTags = {
      "startEvent",      "endEvent",      "serviceTask",           "exclusiveGateway",
      "parallelGateway", "boundaryEvent", "intermediateThrowEvent"};
  return kTags;
}

FlowNodeKind kindOf(const std::string& tag) {
  if (tag == "startEvent") return FlowNodeKind::StartEvent;
  if (tag == "endEvent") return FlowNodeKind::EndEvent;
  if (tag == "serviceTask") return FlowNodeKind::ServiceTask;
  if (tag == "exclusiveGateway") return FlowNodeKind::ExclusiveGateway;
  if (tag == "parallelGateway") return FlowNodeKind::ParallelGateway;
  if (tag == "boundaryEvent") return FlowNodeKind::BoundaryEvent;
  return FlowNodeKind::IntermediateThrowEvent;
}

bool isEventDefinition(const std::string& tag) {
  static const std::string kSuffix = "EventDefinition";
  return tag == "eventDefinitionRef" ||
         (tag.size() > kSuffix.size() &&
          tag.compare(tag.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0);
}

// An association as written; resolved once every element is known.
struct Association {
  std::string id;
  std::string source;
  std::string target;
};

// The incoming/outgoing children of a node, kept only to cross-check the sequence flows.
struct DeclaredFlows {
  std::vector<std::string> incoming;
  std::vector<std::string> outgoing;
};

// One pass over the document collects the model and every element outside the subset; if
// there is any, that list is the answer. Otherwise a second pass checks the references and
// the rules of the subset, collecting every problem before answering.
class BpmnReader {
 public:
  explicit BpmnReader(const std::string& xml) { definition_.xml = xml; }

  ProcessDefinition read() {
    Poco::AutoPtr<Poco::XML::Document> document = parseXml();
    const Element* root = document->documentElement();
    if (!root || !isBpmn(*root) || root->localName() != "definitions") {
      fail("not a BPMN document: the root element must be 'definitions' in namespace " + kBpmnNs);
    }
    collectIds(*root);
    const Element& process = readDefinitions(*root);
    readProcess(process);
    if (!unsupported_.empty()) refuse();
    connectFlows();
    checkStartEvents();
    checkFlowEnds();
    checkExclusiveGateways();
    attachBoundaryEvents();
    resolveAssociations();
    checkCompensationThrows();
    crossCheckDeclaredFlows();
    if (!problems_.empty()) refuse();
    return std::move(definition_);
  }

 private:
  // Throws what was found so far: `first` (a problem that stops reading), the unsupported
  // elements, then the other problems.
  [[noreturn]] void refuse(std::optional<std::string> first = std::nullopt) {
    std::vector<std::string> all;
    if (first) all.push_back(std::move(*first));
    if (!unsupported_.empty())
      all.push_back("unsupported BPMN elements: " + join(unsupported_, ", "));
    all.insert(all.end(), problems_.begin(), problems_.end());
    throw BpmnDeploymentError(std::move(all));
  }
  [[noreturn]] void fail(std::string problem) { refuse(std::move(problem)); }
  void problem(std::string text) { problems_.push_back(std::move(text)); }
  void unsupported(const Element& element) {
    const std::string id = element.getAttribute("id");
    unsupported_.push_back(tagOf(element) + (id.empty() ? " without id" : " " + quote(id)));
  }
  void unsupportedIn(const Element& element, const std::string& owner_id) {
    unsupported_.push_back(tagOf(element) + " in " + quote(owner_id));
  }

  Poco::AutoPtr<Poco::XML::Document> parseXml() {
    Poco::XML::DOMParser parser;
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, true);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_GENERAL_ENTITIES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_PARAMETER_ENTITIES, false);
    Poco::AutoPtr<Poco::XML::Document> document;
    try {
      document = parser.parseString(definition_.xml);
    } catch (const Poco::Exception& e) {
      fail("not a BPMN document: " + e.displayText());
    }
    // BPMN has no DTD; one could only serve to expand entities.
    if (document->doctype()) fail("not a BPMN document: a DOCTYPE is not allowed");
    return document;
  }

  // XML ids are unique in a document: BPMN elements, diagram shapes and edges alike.
  void collectIds(const Element& element) {
    const std::string& id = element.getAttribute("id");
    if (!id.empty() && !ids_.insert(id).second) problem("duplicate id " + quote(id));
    for (const Element* child : childElements(element)) collectIds(*child);
  }

  const Element& readDefinitions(const Element& root) {
    std::vector<const Element*> executable;
    for (const Element* child : childElements(root)) {
      const std::string tag = tagOf(*child);
      if (child->namespaceURI() == kBpmnDiNs) continue;
      if (!isBpmn(*child)) {
        unsupported(*child);
      } else if (tag == "process") {
        processes_.insert(child->getAttribute("id"));
        if (isTrue(child->getAttribute("isExecutable"))) executable.push_back(child);
      } else if (tag == "error") {
        readError(*child);
      } else if (tag == "collaboration") {
        collaborations_.push_back(child);
      } else if (tag != "documentation" && tag != "extensionElements") {
        unsupported(*child);
      }
    }
    for (const Element* collaboration : collaborations_) readCollaboration(*collaboration);
    if (executable.empty()) {
      fail("no executable process: mark the process to deploy with isExecutable=\"true\"");
    }
    if (executable.size() > 1) {
      std::vector<std::string> ids;
      for (const Element* process : executable) ids.push_back(quote(process->getAttribute("id")));
      fail("several executable processes (" + join(ids, ", ") + "); deploy one per file");
    }
    return *executable.front();
  }

  void readError(const Element& element) {
    ErrorDefinition error;
    error.id = element.getAttribute("id");
    error.name = element.getAttribute("name");
    if (element.hasAttribute("errorCode")) error.error_code = element.getAttribute("errorCode");
    definition_.errors.emplace(error.id, std::move(error));
  }

  // A pool around the process is fine; message flows and the like are not.
  void readCollaboration(const Element& collaboration) {
    for (const Element* child : childElements(collaboration)) {
      const std::string tag = tagOf(*child);
      if (tag == "participant" && isBpmn(*child)) {
        const std::string& process = child->getAttribute("processRef");
        if (!process.empty() && !processes_.count(process)) {
          problem("participant " + quote(child->getAttribute("id")) + " has processRef " +
                  quote(process) + ", which names no process");
        }
        for (const Element* nested : childElements(*child)) {
          if (!isIgnorable(*nested)) unsupportedIn(*nested, child->getAttribute("id"));
        }
      } else if (!isBpmn(*child) || (tag != "documentation" && tag != "extensionElements" &&
                                     tag != "textAnnotation" && tag != "association")) {
        unsupported(*child);
      }
    }
  }

  static bool isIgnorable(const Element& element) {
    const std::string tag = tagOf(element);
    return isBpmn(element) && (tag == "documentation" || tag == "extensionElements");
  }

  void readProcess(const Element& process) {
    definition_.key = process.getAttribute("id");
    if (definition_.key.empty()) problem("the executable process has no id");
    definition_.name = process.getAttribute("name");
    definition_.version_tag = process.getAttributeNS(kCamundaNs, "versionTag");
    readProcessPriority(process);
    for (const Element* child : childElements(process)) {
      const std::string tag = tagOf(*child);
      if (!isBpmn(*child)) {
        unsupported(*child);
      } else if (flowNodeTags().count(tag)) {
        readNode(*child);
      } else if (tag == "sequenceFlow") {
        readFlow(*child);
      } else if (tag == "association") {
        associations_.push_back({child->getAttribute("id"), child->getAttribute("sourceRef"),
                                 child->getAttribute("targetRef")});
      } else if (tag == "extensionElements") {
        checkExtensions(*child, definition_.key, nullptr);
      } else if (tag != "documentation" && tag != "textAnnotation" && tag != "laneSet") {
        unsupported(*child);
      }
    }
  }

  void readProcessPriority(const Element& process) {
    const std::string& priority = process.getAttributeNS(kCamundaNs, "taskPriority");
    if (priority.empty()) return;
    if (isExpression(priority)) {
      unsupported_.push_back("camunda:taskPriority expression in " + quote(definition_.key));
    } else if (!parsePriority(priority, default_priority_)) {
      problem("process " + quote(definition_.key) + " has camunda:taskPriority " + quote(priority) +
              ", which is not an integer");
    }
  }

  static bool parsePriority(const std::string& text, std::int64_t& priority) {
    const char* last = text.data() + text.size();
    const auto [end, error] = std::from_chars(text.data(), last, priority);
    return error == std::errc() && end == last;
  }

  void readNode(const Element& element) {
    FlowNode node;
    node.id = element.getAttribute("id");
    node.name = element.getAttribute("name");
    node.kind = kindOf(tagOf(element));
    if (node.id.empty()) {
      problem(tagOf(element) + " without id");
      return;
    }
    std::vector<const Element*> event_definitions;
    for (const Element* child : childElements(element)) {
      const std::string tag = tagOf(*child);
      if (!isBpmn(*child)) {
        unsupportedIn(*child, node.id);
      } else if (tag == "incoming") {
        declared_[node.id].incoming.push_back(trim(child->innerText()));
      } else if (tag == "outgoing") {
        declared_[node.id].outgoing.push_back(trim(child->innerText()));
      } else if (tag == "extensionElements") {
        checkExtensions(*child, node.id, &node);
      } else if (isEventDefinition(tag)) {
        event_definitions.push_back(child);
      } else if (tag != "documentation") {
        unsupportedIn(*child, node.id);
      }
    }
    switch (node.kind) {
      case FlowNodeKind::ServiceTask:
        readServiceTask(element, node);
        break;
      case FlowNodeKind::BoundaryEvent:
        readBoundaryEvent(element, node, event_definitions);
        event_definitions.clear();
        break;
      case FlowNodeKind::EndEvent:
      case FlowNodeKind::IntermediateThrowEvent:
        readThrownEvent(node, event_definitions);
        event_definitions.clear();
        break;
      case FlowNodeKind::ExclusiveGateway:
        if (element.hasAttribute("default")) node.default_flow = element.getAttribute("default");
        break;
      default:
        break;
    }
    for (const Element* definition : event_definitions) unsupportedIn(*definition, node.id);
    const std::string id = node.id;
    if (definition_.nodes.emplace(id, std::move(node)).second) node_order_.push_back(id);
  }

  // Inside extensionElements: camunda:properties and camunda:failedJobRetryTimeCycle are read;
  // every other Camunda extension changes behaviour this engine does not reproduce
  // (inputOutput, listeners, errorEventDefinition, connectors), so it is refused; other
  // vendors' extensions are ignored, as Camunda ignores them.
  void checkExtensions(const Element& extensions, const std::string& owner_id, FlowNode* node) {
    for (const Element* child : childElements(extensions)) {
      if (child->namespaceURI() != kCamundaNs) continue;
      const std::string& tag = child->localName();
      if (tag == "properties") {
        readProperties(*child, owner_id, node);
      } else if (tag == "failedJobRetryTimeCycle") {
        if (node && node->kind == FlowNodeKind::ServiceTask) {
          node->retry_time_cycle = trim(child->innerText());
        }
      } else {
        unsupportedIn(*child, owner_id);
      }
    }
  }

  void readProperties(const Element& properties, const std::string& owner_id, FlowNode* node) {
    for (const Element* property : childElements(properties)) {
      if (property->namespaceURI() != kCamundaNs || property->localName() != "property") {
        unsupportedIn(*property, owner_id);
      } else if (node && node->kind == FlowNodeKind::ServiceTask) {
        node->extension_properties[property->getAttribute("name")] =
            property->getAttribute("value");
      }
    }
  }

  void readServiceTask(const Element& element, FlowNode& node) {
    static const char* const kJavaImplementations[] = {"class", "expression", "delegateExpression"};
    bool java = false;
    for (const char* attribute : kJavaImplementations) {
      java = java || element.hasAttributeNS(kCamundaNs, attribute);
    }
    if (java || element.getAttributeNS(kCamundaNs, "type") != "external") {
      unsupported_.push_back("serviceTask " + quote(node.id) +
                             " (only camunda:type=\"external\" service tasks)");
      return;
    }
    node.topic = element.getAttributeNS(kCamundaNs, "topic");
    if (isExpression(node.topic)) {
      unsupported_.push_back("camunda:topic expression in " + quote(node.id));
    } else if (node.topic.empty()) {
      problem("External task " + quote(node.id) +
              " must specify a 'topic' attribute in the camunda namespace");
    }
    node.task_priority = default_priority_;
    const std::string& priority = element.getAttributeNS(kCamundaNs, "taskPriority");
    if (isExpression(priority)) {
      unsupported_.push_back("camunda:taskPriority expression in " + quote(node.id));
    } else if (!priority.empty() && !parsePriority(priority, node.task_priority)) {
      problem("service task " + quote(node.id) + " has camunda:taskPriority " + quote(priority) +
              ", which is not an integer");
    }
    node.is_for_compensation = isTrue(element.getAttribute("isForCompensation"));
  }

  void readBoundaryEvent(const Element& element, FlowNode& node,
                         const std::vector<const Element*>& definitions) {
    node.attached_to = element.getAttribute("attachedToRef");
    node.cancel_activity =
        !element.hasAttribute("cancelActivity") || isTrue(element.getAttribute("cancelActivity"));
    if (definitions.empty()) {
      problem("boundary event " + quote(node.id) + " has no event definition");
      return;
    }
    for (std::size_t i = 1; i < definitions.size(); ++i) unsupportedIn(*definitions[i], node.id);
    const Element& definition = *definitions.front();
    const std::string tag = tagOf(definition);
    if (tag == "compensateEventDefinition") {
      node.trigger = BoundaryTrigger::Compensation;
    } else if (tag == "errorEventDefinition") {
      readErrorEventDefinition(definition, node);
      if (!node.cancel_activity) {
        unsupported_.push_back("non-interrupting error boundaryEvent " + quote(node.id));
      }
    } else {
      unsupportedIn(definition, node.id);
    }
  }

  void readErrorEventDefinition(const Element& definition, FlowNode& node) {
    node.trigger = BoundaryTrigger::Error;
    if (definition.hasAttribute("errorRef")) node.error_ref = definition.getAttribute("errorRef");
    node.error_code_variable = definition.getAttributeNS(kCamundaNs, "errorCodeVariable");
    node.error_message_variable = definition.getAttributeNS(kCamundaNs, "errorMessageVariable");
  }

  void readThrownEvent(FlowNode& node, const std::vector<const Element*>& definitions) {
    for (std::size_t i = 0; i < definitions.size(); ++i) {
      const Element& definition = *definitions[i];
      if (i > 0 || tagOf(definition) != "compensateEventDefinition") {
        unsupportedIn(definition, node.id);
        continue;
      }
      node.throws = ThrownEvent::Compensation;
      if (definition.hasAttribute("activityRef")) {
        node.compensate_activity = definition.getAttribute("activityRef");
      }
    }
  }

  void readFlow(const Element& element) {
    SequenceFlow flow;
    flow.id = element.getAttribute("id");
    flow.name = element.getAttribute("name");
    flow.source = element.getAttribute("sourceRef");
    flow.target = element.getAttribute("targetRef");
    if (flow.id.empty()) {
      problem("sequenceFlow without id");
      return;
    }
    for (const Element* child : childElements(element)) {
      const std::string tag = tagOf(*child);
      if (isBpmn(*child) && tag == "conditionExpression") {
        readCondition(*child, flow);
      } else if (!isIgnorable(*child)) {
        unsupportedIn(*child, flow.id);
      }
    }
    const std::string id = flow.id;
    if (definition_.flows.emplace(id, std::move(flow)).second) flow_order_.push_back(id);
  }

  void readCondition(const Element& expression, SequenceFlow& flow) {
    if (expression.hasAttribute("language") || expression.hasAttributeNS(kCamundaNs, "resource")) {
      unsupported_.push_back("script conditionExpression in " + quote(flow.id));
      return;
    }
    try {
      flow.condition = Condition::parse(trim(expression.innerText()));
    } catch (const ConditionSyntaxError& e) {
      problem("sequence flow " + quote(flow.id) + " has a " + e.what());
      malformed_conditions_.insert(flow.id);
    }
  }

  void connectFlows() {
    for (const std::string& id : flow_order_) {
      const SequenceFlow& flow = definition_.flows.at(id);
      FlowNode* source = findNode(flow.source);
      FlowNode* target = findNode(flow.target);
      if (!source) {
        problem("sequence flow " + quote(id) + " has sourceRef " + quote(flow.source) +
                ", which names no flow node");
      } else {
        source->outgoing.push_back(id);
      }
      if (!target) {
        problem("sequence flow " + quote(id) + " has targetRef " + quote(flow.target) +
                ", which names no flow node");
      } else {
        target->incoming.push_back(id);
      }
    }
  }

  // A malformed condition is still a condition: reported once, not again by the gateway rules.
  bool hasCondition(const std::string& flow_id) const {
    return definition_.flows.at(flow_id).condition || malformed_conditions_.count(flow_id);
  }

  FlowNode* findNode(const std::string& id) {
    const auto found = definition_.nodes.find(id);
    return found == definition_.nodes.end() ? nullptr : &found->second;
  }

  void checkStartEvents() {
    std::vector<std::string> starts;
    for (const std::string& id : node_order_) {
      if (definition_.nodes.at(id).kind == FlowNodeKind::StartEvent) starts.push_back(id);
    }
    if (starts.size() == 1) {
      definition_.start_event = starts.front();
    } else if (starts.empty()) {
      problem("process " + quote(definition_.key) + " has no none start event");
    } else {
      for (std::string& id : starts) id = quote(id);
      problem("process " + quote(definition_.key) + " has several none start events (" +
              join(starts, ", ") + "); it may have only one");
    }
  }

  // What may not be connected by sequence flows at all.
  void checkFlowEnds() {
    for (const std::string& id : node_order_) {
      const FlowNode& node = definition_.nodes.at(id);
      const std::string name = quote(id);
      if (node.kind == FlowNodeKind::StartEvent && !node.incoming.empty()) {
        problem("start event " + name + " has incoming sequence flows");
      }
      if (node.kind == FlowNodeKind::EndEvent && !node.outgoing.empty()) {
        problem("end event " + name + " has outgoing sequence flows");
      }
      if (node.kind == FlowNodeKind::BoundaryEvent && !node.incoming.empty()) {
        problem("boundary event " + name + " has incoming sequence flows");
      }
      if (node.kind == FlowNodeKind::BoundaryEvent &&
          node.trigger == BoundaryTrigger::Compensation && !node.outgoing.empty()) {
        problem("compensation boundary event " + name +
                " has outgoing sequence flows; connect its handler with an association");
      }
      if (node.is_for_compensation && !node.incoming.empty()) {
        problem("Invalid incoming sequence flow of compensation activity " + name +
                ". A compensation activity should not have an incoming or outgoing sequence "
                "flow.");
      }
      if (node.is_for_compensation && !node.outgoing.empty()) {
        problem("Invalid outgoing sequence flow of compensation activity " + name +
                ". A compensation activity should not have an incoming or outgoing sequence "
                "flow.");
      }
    }
    for (const std::string& id : flow_order_) {
      const SequenceFlow& flow = definition_.flows.at(id);
      const FlowNode* source = findNode(flow.source);
      if (hasCondition(id) && source && source->kind != FlowNodeKind::ExclusiveGateway) {
        problem("sequence flow " + quote(id) + " has a condition but leaves " +
                std::string(bpmnTag(source->kind)) + " " + quote(source->id) +
                "; only flows leaving an exclusive gateway may have one");
      }
    }
  }

  // Camunda's validateExclusiveGateway (BpmnParse.java), except that a single unconditional
  // flow next to conditional ones is refused, not taken as the default with a warning.
  void checkExclusiveGateways() {
    for (const std::string& id : node_order_) {
      FlowNode& gateway = definition_.nodes.at(id);
      if (gateway.kind != FlowNodeKind::ExclusiveGateway) continue;
      const std::string prefix = "Exclusive Gateway " + quote(id);
      if (gateway.default_flow && std::find(gateway.outgoing.begin(), gateway.outgoing.end(),
                                            *gateway.default_flow) == gateway.outgoing.end()) {
        problem(prefix + " has default flow " + quote(*gateway.default_flow) +
                ", which is not one of its outgoing sequence flows.");
      }
      if (gateway.outgoing.empty()) {
        problem(prefix + " has no outgoing sequence flows.");
        continue;
      }
      if (gateway.outgoing.size() == 1) {
        const std::string& only = gateway.outgoing.front();
        if (hasCondition(only)) {
          problem(prefix + " has only one outgoing sequence flow (" + quote(only) +
                  "). This is not allowed to have a condition.");
        }
        continue;
      }
      for (const std::string& flow_id : gateway.outgoing) {
        const bool conditional = hasCondition(flow_id);
        const bool is_default = gateway.default_flow == flow_id;
        if (conditional && is_default) {
          problem(prefix + " has outgoing sequence flow " + quote(flow_id) +
                  " which is the default flow but has a condition too.");
        } else if (!conditional && !is_default) {
          problem(prefix + " has outgoing sequence flow " + quote(flow_id) +
                  " without condition which is not the default flow.");
        }
      }
    }
  }

  void attachBoundaryEvents() {
    for (const std::string& id : node_order_) {
      FlowNode& boundary = definition_.nodes.at(id);
      if (boundary.kind != FlowNodeKind::BoundaryEvent) continue;
      if (boundary.attached_to.empty()) {
        problem("boundary event " + quote(id) + " is attached to nothing (no attachedToRef)");
        continue;
      }
      FlowNode* task = findNode(boundary.attached_to);
      if (!task || task->kind != FlowNodeKind::ServiceTask) {
        problem("boundary event " + quote(id) + " is attached to " + quote(boundary.attached_to) +
                ", which is no service task of process " + quote(definition_.key));
        continue;
      }
      if (task->is_for_compensation) {
        problem("boundary event " + quote(id) + " is attached to compensation handler " +
                quote(task->id) + "; compensation handlers take no boundary events");
      }
      task->boundary_events.push_back(id);
      if (boundary.trigger == BoundaryTrigger::Error) resolveErrorRef(boundary);
    }
    for (const std::string& id : node_order_) {
      const FlowNode& task = definition_.nodes.at(id);
      int compensation = 0;
      for (const std::string& boundary : task.boundary_events) {
        compensation += definition_.nodes.at(boundary).trigger == BoundaryTrigger::Compensation;
      }
      if (compensation > 1) {
        problem("service task " + quote(id) +
                " has multiple boundary events with compensateEventDefinition; only one is "
                "supported per activity");
      }
    }
  }

  // An error without errorCode catches every code, as in Camunda.
  void resolveErrorRef(FlowNode& boundary) {
    if (!boundary.error_ref) return;
    const auto error = definition_.errors.find(*boundary.error_ref);
    if (error == definition_.errors.end()) {
      problem("boundary event " + quote(boundary.id) + " has errorRef " +
              quote(*boundary.error_ref) + ", which names no error");
      return;
    }
    boundary.error_code = error->second.error_code;
  }

  // Associations also link text annotations; only those leaving a compensation boundary event
  // mean something to the engine.
  void resolveAssociations() {
    for (const Association& association : associations_) {
      const std::string name =
          association.id.empty() ? "an association" : "association " + quote(association.id);
      if (!ids_.count(association.source) || !ids_.count(association.target)) {
        const bool source_missing = !ids_.count(association.source);
        problem(name + " has " + (source_missing ? "sourceRef " : "targetRef ") +
                quote(source_missing ? association.source : association.target) +
                ", which names no element");
        continue;
      }
      const FlowNode* boundary = findNode(association.source);
      if (!boundary || boundary->kind != FlowNodeKind::BoundaryEvent ||
          boundary->trigger != BoundaryTrigger::Compensation) {
        continue;
      }
      linkCompensationHandler(*boundary, association.target);
    }
    for (const std::string& id : node_order_) {
      const FlowNode& boundary = definition_.nodes.at(id);
      if (boundary.kind != FlowNodeKind::BoundaryEvent ||
          boundary.trigger != BoundaryTrigger::Compensation) {
        continue;
      }
      const FlowNode* task = findNode(boundary.attached_to);
      if (task && task->kind == FlowNodeKind::ServiceTask && !task->compensation_handler) {
        problem("compensation boundary event " + quote(id) +
                " has no association to a compensation handler (isForCompensation=\"true\")");
      }
    }
  }

  void linkCompensationHandler(const FlowNode& boundary, const std::string& handler_id) {
    const FlowNode* handler = findNode(handler_id);
    if (!handler || handler->kind != FlowNodeKind::ServiceTask || !handler->is_for_compensation) {
      problem(
          "compensation boundary catch must be connected to element with "
          "isForCompensation=true (boundary event " +
          quote(boundary.id) + ", associated with " + quote(handler_id) + ")");
      return;
    }
    FlowNode* task = findNode(boundary.attached_to);
    if (!task || task->kind != FlowNodeKind::ServiceTask) return;  // reported when attaching
    if (task->compensation_handler && *task->compensation_handler != handler_id) {
      problem("compensation boundary event " + quote(boundary.id) +
              " is associated with several compensation handlers");
      return;
    }
    task->compensation_handler = handler_id;
  }

  void checkCompensationThrows() {
    for (const std::string& id : node_order_) {
      const FlowNode& node = definition_.nodes.at(id);
      if (!node.compensate_activity) continue;
      const FlowNode* activity = findNode(*node.compensate_activity);
      if (!activity || activity->kind != FlowNodeKind::ServiceTask) {
        problem("Invalid attribute value for 'activityRef': no activity with id " +
                quote(*node.compensate_activity) + " in scope " + quote(definition_.key) +
                " (thrown by " + quote(id) + ")");
      }
    }
  }

  // <incoming>/<outgoing> are redundant with the flows' refs; when present they must agree.
  void crossCheckDeclaredFlows() {
    for (const std::string& id : node_order_) {
      const auto declared = declared_.find(id);
      if (declared == declared_.end()) continue;
      const FlowNode& node = definition_.nodes.at(id);
      for (const std::string& flow : declared->second.incoming) {
        if (std::find(node.incoming.begin(), node.incoming.end(), flow) == node.incoming.end()) {
          problem("flow node " + quote(id) + " lists incoming " + quote(flow) +
                  ", which is no sequence flow targeting it");
        }
      }
      for (const std::string& flow : declared->second.outgoing) {
        if (std::find(node.outgoing.begin(), node.outgoing.end(), flow) == node.outgoing.end()) {
          problem("flow node " + quote(id) + " lists outgoing " + quote(flow) +
                  ", which is no sequence flow leaving it");
        }
      }
    }
  }

  ProcessDefinition definition_;
  std::set<std::string> ids_;
  std::set<std::string> processes_;
  std::vector<const Element*> collaborations_;
  std::int64_t default_priority_ = 0;
  std::vector<std::string> node_order_;
  std::vector<std::string> flow_order_;
  std::set<std::string> malformed_conditions_;
  std::vector<Association> associations_;
  std::map<std::string, DeclaredFlows> declared_;
  std::vector<std::string> unsupported_;
  std::vector<std::string> problems_;
};

}  // namespace

BpmnDeploymentError::BpmnDeploymentError(std::vector<std::string> problems)
    : std::runtime_error(join(problems, "; ")), problems_(std::move(problems)) {}

ProcessDefinition parseBpmn(const std::string& xml) { return BpmnReader(xml).read(); }

}  // namespace catalog::host
