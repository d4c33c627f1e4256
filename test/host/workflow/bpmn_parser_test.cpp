// BPMN deployment: the model parseBpmn builds from a saga-like process, and every refusal of
// what lies outside the engine's subset or does not hold together, with its message.
#include "workflow/bpmn_parser.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

namespace catalog::host {
namespace {

const char* const kHeader =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
    xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
    xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
    xmlns:modeler="http://camunda.org/schema/modeler/1.0"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_1">
)";

// A document with one executable process "p" holding `body`, and `extra` after it.
std::string bpmn(const std::string& body, const std::string& extra = "") {
  return std::string(kHeader) + R"(<bpmn:process id="p" isExecutable="true">)" + body +
         "</bpmn:process>" + extra + "</bpmn:definitions>";
}

const std::string kStartTaskEnd = R"(
  <bpmn:startEvent id="Start"/>
  <bpmn:serviceTask id="Task" camunda:type="external" camunda:topic="work"/>
  <bpmn:endEvent id="End"/>
  <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task"/>
  <bpmn:sequenceFlow id="F2" sourceRef="Task" targetRef="End"/>)";

// Reserve (compensable by CancelReservation) → Book (two error boundaries) → Decide (XOR with
// a condition and a default) → Done, or the compensation throws.
const std::string kSaga = std::string(kHeader) + R"(
  <bpmn:collaboration id="Collaboration_1">
    <bpmn:participant id="Pool" name="Trip" processRef="trip"/>
  </bpmn:collaboration>
  <bpmn:process id="trip" name="Trip booking" isExecutable="true" camunda:versionTag="v7"
      camunda:taskPriority="5" camunda:historyTimeToLive="P30D">
    <bpmn:documentation>Books a trip; undoes it on failure.</bpmn:documentation>
    <bpmn:extensionElements><modeler:anything/></bpmn:extensionElements>
    <bpmn:laneSet id="Lanes"><bpmn:lane id="Lane"><bpmn:flowNodeRef>Start</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
    <bpmn:startEvent id="Start" name="Trip requested"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="Reserve" name="Reserve car" camunda:type="external"
        camunda:topic="reserve-car" camunda:taskPriority="10" camunda:asyncBefore="true">
      <bpmn:extensionElements>
        <camunda:properties><camunda:property name="retries" value="R3/PT5S"/></camunda:properties>
        <camunda:failedJobRetryTimeCycle> R3/PT5S </camunda:failedJobRetryTimeCycle>
      </bpmn:extensionElements>
      <bpmn:incoming>F1</bpmn:incoming>
      <bpmn:outgoing>F2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:boundaryEvent id="ReserveCompensation" attachedToRef="Reserve">
      <bpmn:compensateEventDefinition id="CompensateDefinition_1"/>
    </bpmn:boundaryEvent>
    <bpmn:serviceTask id="CancelReservation" name="Cancel car" isForCompensation="true"
        camunda:type="external" camunda:topic="cancel-car"/>
    <bpmn:association id="Association_Compensation" associationDirection="One"
        sourceRef="ReserveCompensation" targetRef="CancelReservation"/>
    <bpmn:serviceTask id="Book" name="Book hotel" camunda:type="external" camunda:topic="book-hotel">
      <bpmn:incoming>F2</bpmn:incoming>
      <bpmn:outgoing>F3</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:boundaryEvent id="BookFailed" name="Booking failed" attachedToRef="Book">
      <bpmn:outgoing>F6</bpmn:outgoing>
      <bpmn:errorEventDefinition errorRef="Error_Booking" camunda:errorCodeVariable="code"
          camunda:errorMessageVariable="reason"/>
    </bpmn:boundaryEvent>
    <bpmn:boundaryEvent id="BookBroken" attachedToRef="Book" cancelActivity="true">
      <bpmn:errorEventDefinition/>
    </bpmn:boundaryEvent>
    <bpmn:exclusiveGateway id="Decide" name="Confirmed?" default="F5">
      <bpmn:incoming>F3</bpmn:incoming>
    </bpmn:exclusiveGateway>
    <bpmn:endEvent id="Done" name="Booked"/>
    <bpmn:intermediateThrowEvent id="Rollback" name="Undo all">
      <bpmn:compensateEventDefinition/>
    </bpmn:intermediateThrowEvent>
    <bpmn:intermediateThrowEvent id="UndoReserve">
      <bpmn:compensateEventDefinition activityRef="Reserve"/>
    </bpmn:intermediateThrowEvent>
    <bpmn:endEvent id="RolledBack"/>
    <bpmn:endEvent id="CompensateAndEnd"><bpmn:compensateEventDefinition/></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Reserve"/>
    <bpmn:sequenceFlow id="F2" sourceRef="Reserve" targetRef="Book"/>
    <bpmn:sequenceFlow id="F3" sourceRef="Book" targetRef="Decide"/>
    <bpmn:sequenceFlow id="F4" name="yes" sourceRef="Decide" targetRef="Done">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression"><![CDATA[
        ${confirmed && nights > 2}
      ]]></bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="F5" name="no" sourceRef="Decide" targetRef="Rollback"/>
    <bpmn:sequenceFlow id="F6" sourceRef="BookFailed" targetRef="Rollback"/>
    <bpmn:sequenceFlow id="F7" sourceRef="BookBroken" targetRef="UndoReserve"/>
    <bpmn:sequenceFlow id="F8" sourceRef="Rollback" targetRef="RolledBack"/>
    <bpmn:sequenceFlow id="F9" sourceRef="UndoReserve" targetRef="CompensateAndEnd"/>
    <bpmn:textAnnotation id="Note"><bpmn:text>Hotels are slow</bpmn:text></bpmn:textAnnotation>
    <bpmn:association id="Association_Note" sourceRef="Book" targetRef="Note"/>
  </bpmn:process>
  <bpmn:error id="Error_Booking" name="BookingFailed" errorCode="BookingFailed"/>
  <bpmn:error id="Error_Any" name="Anything"/>
  <bpmndi:BPMNDiagram id="Diagram">
    <bpmndi:BPMNPlane id="Plane" bpmnElement="Collaboration_1">
      <bpmndi:BPMNShape id="Start_di" bpmnElement="Start">
        <dc:Bounds x="152" y="102" width="36" height="36"/>
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
)";

// The message parseBpmn refuses `xml` with; "" when it accepts it.
std::string refusal(const std::string& xml) {
  try {
    parseBpmn(xml);
  } catch (const BpmnDeploymentError& e) {
    return e.what();
  }
  return {};
}

using Ids = std::vector<std::string>;

}  // namespace

class BpmnParserTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(BpmnParserTest);
  CPPUNIT_TEST(testSagaProcessAndFlows);
  CPPUNIT_TEST(testSagaServiceTasks);
  CPPUNIT_TEST(testSagaBoundaryEventsAndErrors);
  CPPUNIT_TEST(testSagaGatewayAndCondition);
  CPPUNIT_TEST(testSagaCompensationThrows);
  CPPUNIT_TEST(testCamundaActivityTypes);
  CPPUNIT_TEST(testParallelGatewayAndNoneThrowEvent);
  CPPUNIT_TEST(testPublicationSagaFromTheSourceTree);
  CPPUNIT_TEST(testNotXmlIsRefused);
  CPPUNIT_TEST(testOtherDocumentsAreRefused);
  CPPUNIT_TEST(testEveryUnsupportedElementIsNamed);
  CPPUNIT_TEST(testCamundaExtensionsWithBehaviourAreRefused);
  CPPUNIT_TEST(testCollaborationBeyondParticipantsIsRefused);
  CPPUNIT_TEST(testExactlyOneExecutableProcess);
  CPPUNIT_TEST(testExactlyOneNoneStartEvent);
  CPPUNIT_TEST(testFlowToUnknownNodeIsRefused);
  CPPUNIT_TEST(testUnconditionalNonDefaultGatewayFlowIsRefused);
  CPPUNIT_TEST(testOtherExclusiveGatewayRulesFollowCamunda);
  CPPUNIT_TEST(testConditionOnlyLeavesExclusiveGateways);
  CPPUNIT_TEST(testMalformedConditionIsRefusedAtDeployment);
  CPPUNIT_TEST(testExternalTaskWithoutTopicIsRefused);
  CPPUNIT_TEST(testTaskPriorityMustBeAnInteger);
  CPPUNIT_TEST(testBoundaryEventAttachedToNothingIsRefused);
  CPPUNIT_TEST(testErrorRefNamingNoErrorIsRefused);
  CPPUNIT_TEST(testNonInterruptingErrorBoundaryIsRefused);
  CPPUNIT_TEST(testCompensationMistakesAreRefused);
  CPPUNIT_TEST(testDuplicateIdsAreRefused);
  CPPUNIT_TEST(testIncomingAndOutgoingMustAgreeWithFlows);
  CPPUNIT_TEST(testEveryProblemIsReported);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testSagaProcessAndFlows() {
    const ProcessDefinition saga = parseBpmn(kSaga);
    CPPUNIT_ASSERT_EQUAL(std::string("trip"), saga.key);
    CPPUNIT_ASSERT_EQUAL(std::string("Trip booking"), saga.name);
    CPPUNIT_ASSERT_EQUAL(std::string("v7"), saga.version_tag);
    CPPUNIT_ASSERT_EQUAL(kSaga, saga.xml);
    CPPUNIT_ASSERT_EQUAL(std::string("Start"), saga.start_event);
    CPPUNIT_ASSERT_EQUAL(std::size_t{13}, saga.nodes.size());
    CPPUNIT_ASSERT_EQUAL(std::size_t{9}, saga.flows.size());

    const FlowNode& start = saga.node("Start");
    CPPUNIT_ASSERT(start.kind == FlowNodeKind::StartEvent);
    CPPUNIT_ASSERT_EQUAL(std::string("Trip requested"), start.name);
    CPPUNIT_ASSERT(start.incoming.empty());
    CPPUNIT_ASSERT(Ids{"F1"} == start.outgoing);

    const SequenceFlow& f4 = saga.flow("F4");
    CPPUNIT_ASSERT_EQUAL(std::string("yes"), f4.name);
    CPPUNIT_ASSERT_EQUAL(std::string("Decide"), f4.source);
    CPPUNIT_ASSERT_EQUAL(std::string("Done"), f4.target);
    CPPUNIT_ASSERT(!saga.flow("F2").condition);

    CPPUNIT_ASSERT(Ids({"F5", "F6"}) == saga.node("Rollback").incoming);
    CPPUNIT_ASSERT(Ids{"F8"} == saga.node("Rollback").outgoing);
    CPPUNIT_ASSERT(saga.node("Done").outgoing.empty());
    CPPUNIT_ASSERT(saga.findNode("Note") == nullptr);
    CPPUNIT_ASSERT(saga.findNode("F1") == nullptr);
    CPPUNIT_ASSERT_THROW(saga.node("Nope"), std::out_of_range);
    CPPUNIT_ASSERT_THROW(saga.flow("Nope"), std::out_of_range);
    CPPUNIT_ASSERT(std::set<std::string>({"reserve-car", "cancel-car", "book-hotel"}) ==
                   saga.topics());
  }

  void testSagaServiceTasks() {
    const ProcessDefinition saga = parseBpmn(kSaga);
    const FlowNode& reserve = saga.node("Reserve");
    CPPUNIT_ASSERT(reserve.kind == FlowNodeKind::ServiceTask);
    CPPUNIT_ASSERT_EQUAL(std::string("Reserve car"), reserve.name);
    CPPUNIT_ASSERT_EQUAL(std::string("reserve-car"), reserve.topic);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{10}, reserve.task_priority);
    CPPUNIT_ASSERT(!reserve.is_for_compensation);
    CPPUNIT_ASSERT(reserve.compensation_handler == std::string("CancelReservation"));
    CPPUNIT_ASSERT(Ids{"ReserveCompensation"} == reserve.boundary_events);
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, reserve.extension_properties.size());
    CPPUNIT_ASSERT_EQUAL(std::string("R3/PT5S"), reserve.extension_properties.at("retries"));
    CPPUNIT_ASSERT(reserve.retry_time_cycle == std::string("R3/PT5S"));
    CPPUNIT_ASSERT(Ids{"F1"} == reserve.incoming);
    CPPUNIT_ASSERT(Ids{"F2"} == reserve.outgoing);

    const FlowNode& cancel = saga.node("CancelReservation");
    CPPUNIT_ASSERT(cancel.is_for_compensation);
    CPPUNIT_ASSERT_EQUAL(std::string("cancel-car"), cancel.topic);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{5},
                         cancel.task_priority);  // the process's camunda:taskPriority
    CPPUNIT_ASSERT(cancel.incoming.empty() && cancel.outgoing.empty());
    CPPUNIT_ASSERT(!cancel.compensation_handler);
    CPPUNIT_ASSERT(!cancel.retry_time_cycle);

    const FlowNode& book = saga.node("Book");
    CPPUNIT_ASSERT_EQUAL(std::int64_t{5}, book.task_priority);
    CPPUNIT_ASSERT(!book.compensation_handler);
    CPPUNIT_ASSERT(book.extension_properties.empty());
  }

  void testSagaBoundaryEventsAndErrors() {
    const ProcessDefinition saga = parseBpmn(kSaga);
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, saga.errors.size());
    CPPUNIT_ASSERT_EQUAL(std::string("BookingFailed"), saga.errors.at("Error_Booking").name);
    CPPUNIT_ASSERT(saga.errors.at("Error_Booking").error_code == std::string("BookingFailed"));
    CPPUNIT_ASSERT(!saga.errors.at("Error_Any").error_code);

    const FlowNode& compensation = saga.node("ReserveCompensation");
    CPPUNIT_ASSERT(compensation.kind == FlowNodeKind::BoundaryEvent);
    CPPUNIT_ASSERT(compensation.trigger == BoundaryTrigger::Compensation);
    CPPUNIT_ASSERT_EQUAL(std::string("Reserve"), compensation.attached_to);
    CPPUNIT_ASSERT(compensation.outgoing.empty());

    const FlowNode& failed = saga.node("BookFailed");
    CPPUNIT_ASSERT(failed.trigger == BoundaryTrigger::Error);
    CPPUNIT_ASSERT_EQUAL(std::string("Book"), failed.attached_to);
    CPPUNIT_ASSERT(failed.cancel_activity);
    CPPUNIT_ASSERT(failed.error_ref == std::string("Error_Booking"));
    CPPUNIT_ASSERT(failed.error_code == std::string("BookingFailed"));
    CPPUNIT_ASSERT_EQUAL(std::string("code"), failed.error_code_variable);
    CPPUNIT_ASSERT_EQUAL(std::string("reason"), failed.error_message_variable);
    CPPUNIT_ASSERT(Ids{"F6"} == failed.outgoing);

    const FlowNode& broken = saga.node("BookBroken");
    CPPUNIT_ASSERT(!broken.error_ref && !broken.error_code);
    CPPUNIT_ASSERT(broken.error_code_variable.empty() && broken.error_message_variable.empty());

    const Ids attached = {"BookFailed", "BookBroken"};
    CPPUNIT_ASSERT(attached == saga.node("Book").boundary_events);
    const std::vector<const FlowNode*> events = saga.boundaryEvents("Book");
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, events.size());
    CPPUNIT_ASSERT(events[0] == &failed && events[1] == &broken);
    CPPUNIT_ASSERT(saga.boundaryEvents("Nope").empty());
    // A boundary naming the code wins over the catch-all, wherever it is in the document.
    CPPUNIT_ASSERT(saga.errorBoundaryFor("Book", "BookingFailed") == &failed);
    CPPUNIT_ASSERT(saga.errorBoundaryFor("Book", "Other") == &broken);
    CPPUNIT_ASSERT(saga.errorBoundaryFor("Reserve", "BookingFailed") == nullptr);
  }

  void testSagaGatewayAndCondition() {
    const ProcessDefinition saga = parseBpmn(kSaga);
    const FlowNode& decide = saga.node("Decide");
    CPPUNIT_ASSERT(decide.kind == FlowNodeKind::ExclusiveGateway);
    CPPUNIT_ASSERT(decide.default_flow == std::string("F5"));
    CPPUNIT_ASSERT(Ids({"F4", "F5"}) == decide.outgoing);
    const SequenceFlow& yes = saga.flow("F4");
    CPPUNIT_ASSERT(yes.condition);
    CPPUNIT_ASSERT_EQUAL(std::string("${confirmed && nights > 2}"), yes.condition->text());
    CPPUNIT_ASSERT(yes.condition->evaluate(sdk::Json{{"confirmed", true}, {"nights", 3}}));
    CPPUNIT_ASSERT(!yes.condition->evaluate(sdk::Json{{"confirmed", true}, {"nights", 2}}));
    CPPUNIT_ASSERT(!saga.flow("F5").condition);
  }

  void testSagaCompensationThrows() {
    const ProcessDefinition saga = parseBpmn(kSaga);
    const FlowNode& all = saga.node("Rollback");
    CPPUNIT_ASSERT(all.kind == FlowNodeKind::IntermediateThrowEvent);
    CPPUNIT_ASSERT(all.throws == ThrownEvent::Compensation);
    CPPUNIT_ASSERT(!all.compensate_activity);
    const FlowNode& one = saga.node("UndoReserve");
    CPPUNIT_ASSERT(one.throws == ThrownEvent::Compensation);
    CPPUNIT_ASSERT(one.compensate_activity == std::string("Reserve"));
    CPPUNIT_ASSERT(saga.node("CompensateAndEnd").throws == ThrownEvent::Compensation);
    CPPUNIT_ASSERT(saga.node("RolledBack").throws == ThrownEvent::None);
  }

  void testCamundaActivityTypes() {
    const ProcessDefinition saga = parseBpmn(kSaga);
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"Start", "startEvent"},
        {"Reserve", "serviceTask"},
        {"Decide", "exclusiveGateway"},
        {"Done", "noneEndEvent"},
        {"CompensateAndEnd", "compensationEndEvent"},
        {"Rollback", "intermediateCompensationThrowEvent"},
        {"BookFailed", "boundaryError"},
        {"ReserveCompensation", "compensationBoundaryCatch"},
    };
    for (const auto& [id, type] : expected) {
      CPPUNIT_ASSERT_EQUAL_MESSAGE(id, type, std::string(activityType(saga.node(id))));
    }
  }

  void testParallelGatewayAndNoneThrowEvent() {
    const ProcessDefinition process = parseBpmn(bpmn(R"(
      <bpmn:startEvent id="Start"/>
      <bpmn:parallelGateway id="Fork"/>
      <bpmn:serviceTask id="A" camunda:type="external" camunda:topic="a"/>
      <bpmn:serviceTask id="B" camunda:type="external" camunda:topic="b"/>
      <bpmn:parallelGateway id="Join"/>
      <bpmn:intermediateThrowEvent id="Milestone"/>
      <bpmn:endEvent id="End"/>
      <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Fork"/>
      <bpmn:sequenceFlow id="F2" sourceRef="Fork" targetRef="A"/>
      <bpmn:sequenceFlow id="F3" sourceRef="Fork" targetRef="B"/>
      <bpmn:sequenceFlow id="F4" sourceRef="A" targetRef="Join"/>
      <bpmn:sequenceFlow id="F5" sourceRef="B" targetRef="Join"/>
      <bpmn:sequenceFlow id="F6" sourceRef="Join" targetRef="Milestone"/>
      <bpmn:sequenceFlow id="F7" sourceRef="Milestone" targetRef="End"/>)"));
    CPPUNIT_ASSERT(process.node("Fork").kind == FlowNodeKind::ParallelGateway);
    CPPUNIT_ASSERT(Ids({"F2", "F3"}) == process.node("Fork").outgoing);
    CPPUNIT_ASSERT(Ids({"F4", "F5"}) == process.node("Join").incoming);
    CPPUNIT_ASSERT(process.node("Milestone").throws == ThrownEvent::None);
    CPPUNIT_ASSERT_EQUAL(std::string("intermediateNoneThrowEvent"),
                         std::string(activityType(process.node("Milestone"))));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, process.node("A").task_priority);
  }

  void testPublicationSagaFromTheSourceTree() {
    const std::string path =
        std::string(CATALOG_SOURCE_DIR) + "/bpmn/offering-publication-saga.bpmn";
    std::ifstream in(path);
    CPPUNIT_ASSERT_MESSAGE("cannot read " + path, in.good());
    const std::string xml{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const ProcessDefinition saga = parseBpmn(xml);
    CPPUNIT_ASSERT_EQUAL(std::string("offering-publication-saga"), saga.key);
    const std::set<std::string> topics = {"lock-prices",
                                          "validate-specifications",
                                          "create-store-entry",
                                          "confirm-publication",
                                          "delete-store-entry",
                                          "unlock-prices",
                                          "revert-offering-to-draft"};
    CPPUNIT_ASSERT(topics == saga.topics());
  }

  void testNotXmlIsRefused() {
    for (const std::string& text : {std::string("this is not XML"), std::string(""),
                                    std::string("<bpmn:definitions"), std::string("{\"a\":1}")}) {
      const std::string message = refusal(text);
      CPPUNIT_ASSERT_MESSAGE(message, message.rfind("not a BPMN document: ", 0) == 0);
    }
  }

  void testOtherDocumentsAreRefused() {
    CPPUNIT_ASSERT_EQUAL(
        std::string("not a BPMN document: the root element must be "
                    "'definitions' in namespace "
                    "http://www.omg.org/spec/BPMN/20100524/MODEL"),
        refusal("<definitions><process id='p' isExecutable='true'/></definitions>"));
    const std::string doctype = R"(<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "x">]>)" +
                                bpmn(kStartTaskEnd).substr(std::string(kHeader).find('\n') + 1);
    CPPUNIT_ASSERT_EQUAL(std::string("not a BPMN document: a DOCTYPE is not allowed"),
                         refusal(doctype));
  }

  void testEveryUnsupportedElementIsNamed() {
    const std::string message = refusal(bpmn(kStartTaskEnd + R"(
      <bpmn:userTask id="Task_Approve" name="Approve"/>
      <bpmn:boundaryEvent id="Timer_1" attachedToRef="Task">
        <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
      </bpmn:boundaryEvent>
      <bpmn:scriptTask id="Script"/>
      <bpmn:subProcess id="ErrorHandler" triggeredByEvent="true">
        <bpmn:startEvent id="ErrorStart"><bpmn:errorEventDefinition/></bpmn:startEvent>
      </bpmn:subProcess>
      <bpmn:callActivity id="Call"/>
      <bpmn:inclusiveGateway id="Or"/>
      <bpmn:eventBasedGateway id="Race"/>
      <bpmn:intermediateCatchEvent id="Wait"><bpmn:messageEventDefinition/></bpmn:intermediateCatchEvent>
      <bpmn:serviceTask id="Java" camunda:class="org.example.Delegate"/>
      <bpmn:serviceTask id="Connector" camunda:type="external" camunda:topic="x"
          camunda:expression="${bean.run()}"/>
      <bpmn:startEvent id="MessageStart"><bpmn:messageEventDefinition/></bpmn:startEvent>
      <bpmn:endEvent id="Fail"><bpmn:errorEventDefinition errorRef="E"/></bpmn:endEvent>
      <bpmn:endEvent id="Stop"><bpmn:terminateEventDefinition/></bpmn:endEvent>
      <bpmn:intermediateThrowEvent id="Signal"><bpmn:signalEventDefinition/></bpmn:intermediateThrowEvent>
      <bpmn:serviceTask id="Many" camunda:type="external" camunda:topic="m">
        <bpmn:multiInstanceLoopCharacteristics/>
      </bpmn:serviceTask>
      <bpmn:serviceTask id="Dynamic" camunda:type="external" camunda:topic="${topic}"/>
      <bpmn:dataObject id="Data"/>
      <bpmn:sequenceFlow id="Scripted" sourceRef="Task" targetRef="End">
        <bpmn:conditionExpression language="javascript">true</bpmn:conditionExpression>
      </bpmn:sequenceFlow>)",
                                             R"(<bpmn:message id="Message_1" name="m"/>)"));
    CPPUNIT_ASSERT_EQUAL(
        std::string(
            "unsupported BPMN elements: message 'Message_1', userTask 'Task_Approve', "
            "timerEventDefinition in "
            "'Timer_1', scriptTask 'Script', subProcess 'ErrorHandler', callActivity 'Call', "
            "inclusiveGateway 'Or', eventBasedGateway 'Race', intermediateCatchEvent 'Wait', "
            "serviceTask 'Java' (only camunda:type=\"external\" service tasks), serviceTask "
            "'Connector' (only camunda:type=\"external\" service tasks), messageEventDefinition "
            "in 'MessageStart', errorEventDefinition in 'Fail', terminateEventDefinition in "
            "'Stop', signalEventDefinition in 'Signal', multiInstanceLoopCharacteristics in "
            "'Many', camunda:topic expression in 'Dynamic', dataObject 'Data', script "
            "conditionExpression in 'Scripted'"),
        message);
  }

  void testCamundaExtensionsWithBehaviourAreRefused() {
    const std::string message = refusal(bpmn(R"(
      <bpmn:extensionElements>
        <camunda:executionListener class="org.example.Listener" event="start"/>
      </bpmn:extensionElements>
      <bpmn:startEvent id="Start"/>
      <bpmn:serviceTask id="Task" camunda:type="external" camunda:topic="work">
        <bpmn:extensionElements>
          <camunda:inputOutput><camunda:inputParameter name="a">1</camunda:inputParameter></camunda:inputOutput>
          <camunda:errorEventDefinition id="E" expression="${true}"/>
          <modeler:unknown/>
        </bpmn:extensionElements>
      </bpmn:serviceTask>
      <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task"/>)"));
    CPPUNIT_ASSERT_EQUAL(std::string("unsupported BPMN elements: camunda:executionListener in "
                                     "'p', camunda:inputOutput in 'Task', "
                                     "camunda:errorEventDefinition in 'Task'"),
                         message);
  }

  void testCollaborationBeyondParticipantsIsRefused() {
    const std::string collaboration = R"(
      <bpmn:collaboration id="C">
        <bpmn:participant id="Us" processRef="p"/>
        <bpmn:participant id="Them"/>
        <bpmn:messageFlow id="M" sourceRef="Us" targetRef="Them"/>
      </bpmn:collaboration>)";
    const std::string xml = std::string(kHeader) + collaboration +
                            bpmn(kStartTaskEnd).substr(std::string(kHeader).size());
    CPPUNIT_ASSERT_EQUAL(std::string("unsupported BPMN elements: messageFlow 'M'"), refusal(xml));
    const std::string dangling =
        std::string(kHeader) +
        R"(<bpmn:collaboration id="C"><bpmn:participant id="Us" processRef="nope"/></bpmn:collaboration>)" +
        bpmn(kStartTaskEnd).substr(std::string(kHeader).size());
    CPPUNIT_ASSERT_EQUAL(
        std::string("participant 'Us' has processRef 'nope', which names no process"),
        refusal(dangling));
  }

  void testExactlyOneExecutableProcess() {
    const std::string none = std::string(kHeader) + R"(<bpmn:process id="p">)" + kStartTaskEnd +
                             "</bpmn:process></bpmn:definitions>";
    CPPUNIT_ASSERT_EQUAL(
        std::string("no executable process: mark the process to deploy with isExecutable=\"true\""),
        refusal(none));
    const std::string two = std::string(kHeader) + R"(
      <bpmn:process id="a" isExecutable="true"><bpmn:startEvent id="S1"/></bpmn:process>
      <bpmn:process id="b" isExecutable="true"><bpmn:startEvent id="S2"/></bpmn:process>
      </bpmn:definitions>)";
    CPPUNIT_ASSERT_EQUAL(
        std::string("several executable processes ('a', 'b'); deploy one per file"), refusal(two));
    // A non-executable process beside it is ignored, whatever it holds.
    const std::string beside =
        std::string(kHeader) +
        R"(<bpmn:process id="other" isExecutable="false"><bpmn:userTask id="U"/></bpmn:process>)" +
        bpmn(kStartTaskEnd).substr(std::string(kHeader).size());
    CPPUNIT_ASSERT_EQUAL(std::string("p"), parseBpmn(beside).key);
  }

  void testExactlyOneNoneStartEvent() {
    CPPUNIT_ASSERT_EQUAL(std::string("process 'p' has no none start event"),
                         refusal(bpmn(R"(<bpmn:endEvent id="End"/>)")));
    CPPUNIT_ASSERT_EQUAL(
        std::string("process 'p' has several none start events ('Start', 'Again'); it may have "
                    "only one"),
        refusal(bpmn(kStartTaskEnd + R"(<bpmn:startEvent id="Again"/>)")));
  }

  void testFlowToUnknownNodeIsRefused() {
    CPPUNIT_ASSERT_EQUAL(
        std::string("sequence flow 'F3' has sourceRef 'Ghost', which names no flow node; "
                    "sequence flow 'F3' has targetRef 'Nowhere', which names no flow node"),
        refusal(bpmn(kStartTaskEnd +
                     R"(<bpmn:sequenceFlow id="F3" sourceRef="Ghost" targetRef="Nowhere"/>)")));
  }

  void testUnconditionalNonDefaultGatewayFlowIsRefused() {
    const std::string xml = bpmn(R"(
      <bpmn:startEvent id="Start"/>
      <bpmn:exclusiveGateway id="ExclusiveGateway_1"/>
      <bpmn:endEvent id="A"/>
      <bpmn:endEvent id="B"/>
      <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="ExclusiveGateway_1"/>
      <bpmn:sequenceFlow id="SequenceFlow_1" sourceRef="ExclusiveGateway_1" targetRef="A">
        <bpmn:conditionExpression>${ok}</bpmn:conditionExpression>
      </bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="SequenceFlow_0" sourceRef="ExclusiveGateway_1" targetRef="B"/>)");
    CPPUNIT_ASSERT_EQUAL(std::string("Exclusive Gateway 'ExclusiveGateway_1' has outgoing "
                                     "sequence flow 'SequenceFlow_0' without condition which is "
                                     "not the default flow."),
                         refusal(xml));
  }

  void testOtherExclusiveGatewayRulesFollowCamunda() {
    const std::string head = R"(
      <bpmn:startEvent id="Start"/>
      <bpmn:endEvent id="A"/>
      <bpmn:endEvent id="B"/>
      <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="X"/>)";
    const std::string conditional = R"(<bpmn:conditionExpression>${ok}</bpmn:conditionExpression>)";
    CPPUNIT_ASSERT_EQUAL(
        std::string("Exclusive Gateway 'X' has outgoing sequence flow 'F3' which is the default "
                    "flow but has a condition too."),
        refusal(bpmn(head + R"(<bpmn:exclusiveGateway id="X" default="F3"/>
          <bpmn:sequenceFlow id="F2" sourceRef="X" targetRef="A">)" +
                     conditional +
                     R"(</bpmn:sequenceFlow>
          <bpmn:sequenceFlow id="F3" sourceRef="X" targetRef="B">)" +
                     conditional + "</bpmn:sequenceFlow>")));
    CPPUNIT_ASSERT_EQUAL(std::string("Exclusive Gateway 'X' has no outgoing sequence flows."),
                         refusal(bpmn(head + R"(<bpmn:exclusiveGateway id="X"/>)")));
    CPPUNIT_ASSERT_EQUAL(
        std::string("Exclusive Gateway 'X' has only one outgoing sequence flow ('F2'). This is "
                    "not allowed to have a condition."),
        refusal(bpmn(head + R"(<bpmn:exclusiveGateway id="X"/>
          <bpmn:sequenceFlow id="F2" sourceRef="X" targetRef="A">)" +
                     conditional + "</bpmn:sequenceFlow>")));
    CPPUNIT_ASSERT_EQUAL(
        std::string("Exclusive Gateway 'X' has default flow 'F1', which is not one of its "
                    "outgoing sequence flows."),
        refusal(bpmn(head + R"(<bpmn:exclusiveGateway id="X" default="F1"/>
          <bpmn:sequenceFlow id="F2" sourceRef="X" targetRef="A"/>)")));
    // One unconditional flow is a plain pass-through.
    CPPUNIT_ASSERT_NO_THROW(parseBpmn(bpmn(head + R"(<bpmn:exclusiveGateway id="X"/>
          <bpmn:sequenceFlow id="F2" sourceRef="X" targetRef="A"/>)")));
  }

  void testConditionOnlyLeavesExclusiveGateways() {
    CPPUNIT_ASSERT_EQUAL(
        std::string("sequence flow 'F2' has a condition but leaves serviceTask 'Task'; only "
                    "flows leaving an exclusive gateway may have one"),
        refusal(bpmn(R"(
          <bpmn:startEvent id="Start"/>
          <bpmn:serviceTask id="Task" camunda:type="external" camunda:topic="work"/>
          <bpmn:endEvent id="End"/>
          <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task"/>
          <bpmn:sequenceFlow id="F2" sourceRef="Task" targetRef="End">
            <bpmn:conditionExpression>${ok}</bpmn:conditionExpression>
          </bpmn:sequenceFlow>)")));
  }

  void testMalformedConditionIsRefusedAtDeployment() {
    CPPUNIT_ASSERT_EQUAL(
        std::string("sequence flow 'F2' has a malformed condition '${approved ==}': expected a "
                    "value at position 14"),
        refusal(bpmn(R"(
          <bpmn:startEvent id="Start"/>
          <bpmn:exclusiveGateway id="X" default="F3"/>
          <bpmn:endEvent id="A"/>
          <bpmn:endEvent id="B"/>
          <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="X"/>
          <bpmn:sequenceFlow id="F2" sourceRef="X" targetRef="A">
            <bpmn:conditionExpression>${approved ==}</bpmn:conditionExpression>
          </bpmn:sequenceFlow>
          <bpmn:sequenceFlow id="F3" sourceRef="X" targetRef="B"/>)")));
  }

  void testExternalTaskWithoutTopicIsRefused() {
    CPPUNIT_ASSERT_EQUAL(
        std::string("External task 'Task' must specify a 'topic' attribute in the camunda "
                    "namespace"),
        refusal(bpmn(R"(<bpmn:startEvent id="Start"/>
          <bpmn:serviceTask id="Task" camunda:type="external"/>
          <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task"/>)")));
  }

  void testTaskPriorityMustBeAnInteger() {
    CPPUNIT_ASSERT_EQUAL(
        std::string("service task 'Task' has camunda:taskPriority 'high', which is not an "
                    "integer"),
        refusal(bpmn(R"(<bpmn:startEvent id="Start"/>
          <bpmn:serviceTask id="Task" camunda:type="external" camunda:topic="t"
              camunda:taskPriority="high"/>)")));
    CPPUNIT_ASSERT_EQUAL(
        std::string("unsupported BPMN elements: camunda:taskPriority expression in 'Task'"),
        refusal(bpmn(R"(<bpmn:startEvent id="Start"/>
          <bpmn:serviceTask id="Task" camunda:type="external" camunda:topic="t"
              camunda:taskPriority="${priority}"/>)")));
  }

  void testBoundaryEventAttachedToNothingIsRefused() {
    const std::string error = R"(<bpmn:errorEventDefinition/>)";
    CPPUNIT_ASSERT_EQUAL(
        std::string("boundary event 'B' is attached to nothing (no attachedToRef)"),
        refusal(bpmn(kStartTaskEnd + R"(<bpmn:boundaryEvent id="B">)" + error +
                     "</bpmn:boundaryEvent>")));
    CPPUNIT_ASSERT_EQUAL(
        std::string("boundary event 'B' is attached to 'Ghost', which is no service task of "
                    "process 'p'"),
        refusal(bpmn(kStartTaskEnd + R"(<bpmn:boundaryEvent id="B" attachedToRef="Ghost">)" +
                     error + "</bpmn:boundaryEvent>")));
    CPPUNIT_ASSERT_EQUAL(
        std::string("boundary event 'B' is attached to 'End', which is no service task of "
                    "process 'p'"),
        refusal(bpmn(kStartTaskEnd + R"(<bpmn:boundaryEvent id="B" attachedToRef="End">)" + error +
                     "</bpmn:boundaryEvent>")));
    CPPUNIT_ASSERT_EQUAL(
        std::string("boundary event 'B' has no event definition"),
        refusal(bpmn(kStartTaskEnd + R"(<bpmn:boundaryEvent id="B" attachedToRef="Task"/>)")));
  }

  void testErrorRefNamingNoErrorIsRefused() {
    CPPUNIT_ASSERT_EQUAL(
        std::string("boundary event 'B' has errorRef 'Error_Missing', which names no error"),
        refusal(bpmn(kStartTaskEnd + R"(<bpmn:boundaryEvent id="B" attachedToRef="Task">
          <bpmn:errorEventDefinition errorRef="Error_Missing"/></bpmn:boundaryEvent>)")));
  }

  void testNonInterruptingErrorBoundaryIsRefused() {
    CPPUNIT_ASSERT_EQUAL(
        std::string("unsupported BPMN elements: non-interrupting error boundaryEvent 'B'"),
        refusal(bpmn(kStartTaskEnd +
                     R"(<bpmn:boundaryEvent id="B" attachedToRef="Task" cancelActivity="false">
          <bpmn:errorEventDefinition/></bpmn:boundaryEvent>)")));
  }

  void testCompensationMistakesAreRefused() {
    const std::string boundary = R"(<bpmn:boundaryEvent id="C" attachedToRef="Task">
        <bpmn:compensateEventDefinition/></bpmn:boundaryEvent>)";
    const std::string handler =
        R"(<bpmn:serviceTask id="Undo" isForCompensation="true" camunda:type="external" camunda:topic="undo"/>)";
    CPPUNIT_ASSERT_EQUAL(
        std::string("compensation boundary event 'C' has no association to a compensation "
                    "handler (isForCompensation=\"true\")"),
        refusal(bpmn(kStartTaskEnd + boundary + handler)));
    CPPUNIT_ASSERT_EQUAL(
        std::string("compensation boundary catch must be connected to element with "
                    "isForCompensation=true (boundary event 'C', associated with 'End'); "
                    "compensation boundary event 'C' has no association to a compensation "
                    "handler (isForCompensation=\"true\")"),
        refusal(bpmn(kStartTaskEnd + boundary +
                     R"(<bpmn:association id="A" sourceRef="C" targetRef="End"/>)")));
    const std::string linked = kStartTaskEnd + boundary + handler +
                               R"(<bpmn:association id="A" sourceRef="C" targetRef="Undo"/>)";
    CPPUNIT_ASSERT_NO_THROW(parseBpmn(bpmn(linked)));
    CPPUNIT_ASSERT_EQUAL(
        std::string("Invalid incoming sequence flow of compensation activity 'Undo'. A "
                    "compensation activity should not have an incoming or outgoing sequence "
                    "flow."),
        refusal(
            bpmn(linked + R"(<bpmn:sequenceFlow id="F9" sourceRef="Task" targetRef="Undo"/>)")));
    CPPUNIT_ASSERT_EQUAL(
        std::string("compensation boundary event 'C' has outgoing sequence flows; connect its "
                    "handler with an association"),
        refusal(bpmn(linked + R"(<bpmn:sequenceFlow id="F9" sourceRef="C" targetRef="End"/>)")));
    CPPUNIT_ASSERT_EQUAL(
        std::string("Invalid attribute value for 'activityRef': no activity with id 'Ghost' in "
                    "scope 'p' (thrown by 'T')"),
        refusal(bpmn(linked + R"(<bpmn:intermediateThrowEvent id="T">
          <bpmn:compensateEventDefinition activityRef="Ghost"/></bpmn:intermediateThrowEvent>)")));
    CPPUNIT_ASSERT_EQUAL(
        std::string("association 'A2' has targetRef 'Ghost', which names no element"),
        refusal(
            bpmn(linked + R"(<bpmn:association id="A2" sourceRef="Task" targetRef="Ghost"/>)")));
    CPPUNIT_ASSERT_EQUAL(
        std::string("service task 'Task' has multiple boundary events with "
                    "compensateEventDefinition; only one is supported per activity"),
        refusal(bpmn(linked + R"(<bpmn:boundaryEvent id="C2" attachedToRef="Task">
          <bpmn:compensateEventDefinition/></bpmn:boundaryEvent>
          <bpmn:association id="A2" sourceRef="C2" targetRef="Undo"/>)")));
  }

  void testDuplicateIdsAreRefused() {
    CPPUNIT_ASSERT_EQUAL(std::string("duplicate id 'Task'"),
                         refusal(bpmn(kStartTaskEnd + R"(<bpmn:endEvent id="Task"/>)")));
  }

  void testIncomingAndOutgoingMustAgreeWithFlows() {
    CPPUNIT_ASSERT_EQUAL(
        std::string("flow node 'End' lists incoming 'F1', which is no sequence flow targeting "
                    "it"),
        refusal(bpmn(R"(
          <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
          <bpmn:endEvent id="End"><bpmn:incoming>F1</bpmn:incoming></bpmn:endEvent>
          <bpmn:serviceTask id="Task" camunda:type="external" camunda:topic="t"/>
          <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task"/>)")));
  }

  void testEveryProblemIsReported() {
    try {
      parseBpmn(bpmn(R"(
        <bpmn:serviceTask id="A" camunda:type="external"/>
        <bpmn:sequenceFlow id="F1" sourceRef="A" targetRef="Ghost"/>)"));
      CPPUNIT_FAIL("accepted");
    } catch (const BpmnDeploymentError& e) {
      const std::vector<std::string> expected = {
          "External task 'A' must specify a 'topic' attribute in the camunda namespace",
          "sequence flow 'F1' has targetRef 'Ghost', which names no flow node",
          "process 'p' has no none start event"};
      CPPUNIT_ASSERT(expected == e.problems());
    }
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(BpmnParserTest);

}  // namespace catalog::host
