// The embedded engine's behaviour on a real database, with Camunda 7's external-task semantics
// (saga-outbox notes §1): the offering-publication saga from the source tree drives most cases;
// small inline processes cover deployment refusals and priorities.
#include "host/workflow/workflow_engine_cases.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Timestamp.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <future>
#include <iterator>
#include <regex>
#include <set>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include "support/eventually.hpp"
#include "workflow/engine_error.hpp"
#include "workflow/variables.hpp"

namespace catalog::host {
namespace {

using sdk::Json;
using Clock = std::chrono::steady_clock;
using Strings = std::vector<std::string>;
using std::chrono::milliseconds;

constexpr const char* kSagaKey = "offering-publication-saga";
constexpr const char* kWorker = "saga-worker";
constexpr const char* kFailureReason = "price list 'summer' is archived";
constexpr std::int64_t kLongLock = 60000;

// The saga's steps in order (the last releases the prices, on the topic of the undo step that
// unlocks them), and the topics of its undo steps.
const Strings kPublicationSteps = {"lock-prices", "validate-specifications", "create-store-entry",
                                   "confirm-publication", "unlock-prices"};
const Strings kUndoTopics = {"delete-store-entry", "unlock-prices", "revert-offering-to-draft"};

// ---- documents ------------------------------------------------------------------------------

std::string sagaXml() {
  const std::string path = std::string(CATALOG_SOURCE_DIR) + "/bpmn/offering-publication-saga.bpmn";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A BPMN document holding `process`.
std::string definitions(const std::string& process) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1"
    targetNamespace="http://bpmn.io/schema/bpmn">)" +
         process + "</bpmn:definitions>";
}

// Start → one external task on topic "work" with this camunda:taskPriority → End.
std::string oneTaskProcess(const std::string& key, int priority) {
  return definitions(R"(<bpmn:process id=")" + key + R"(" isExecutable="true">
    <bpmn:startEvent id="Start"/>
    <bpmn:serviceTask id="Work" camunda:type="external" camunda:topic="work"
        camunda:taskPriority=")" +
                     std::to_string(priority) + R"("/>
    <bpmn:endEvent id="End"/>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Work"/>
    <bpmn:sequenceFlow id="F2" sourceRef="Work" targetRef="End"/>
  </bpmn:process>)");
}

Json deploySaga(WorkflowEngine& engine, bool duplicate_filtering = false) {
  return engine.deploy("publication", {{"offering-publication-saga.bpmn", sagaXml()}},
                       duplicate_filtering);
}

// ---- running the saga -----------------------------------------------------------------------

Variables sagaVariables() {
  return {{"offeringId", {"String", "offering-42"}},
          {"pricingIds", {"Json", R"(["price-1","price-2"])"}},
          {"specificationIds", {"Json", R"(["spec-1"])"}}};
}

std::string idOf(const Json& dto) { return dto.at("id").get<std::string>(); }

std::string startSaga(WorkflowEngine& engine, const std::string& business_key = "offering-42") {
  return idOf(engine.startProcess(kSagaKey, business_key, sagaVariables()));
}

WorkflowEngine::FetchRequest fetchRequest(const std::string& worker, const Strings& topics,
                                          std::int64_t lock_ms = kLongLock, int max_tasks = 1) {
  WorkflowEngine::FetchRequest request;
  request.worker_id = worker;
  request.max_tasks = max_tasks;
  for (const std::string& name : topics) {
    WorkflowEngine::FetchTopic topic;
    topic.name = name;
    topic.lock_duration_ms = lock_ms;
    request.topics.push_back(topic);
  }
  return request;
}

Json fetch(WorkflowEngine& engine, const std::string& worker, const std::string& topic,
           std::int64_t lock_ms = kLongLock) {
  return engine.fetchAndLock(fetchRequest(worker, {topic}, lock_ms));
}

// The one task offered on `topic`, now locked for `worker`; fails when none is.
Json fetchOne(WorkflowEngine& engine, const std::string& topic, const std::string& worker = kWorker,
              std::int64_t lock_ms = kLongLock) {
  const Json tasks = fetch(engine, worker, topic, lock_ms);
  CPPUNIT_ASSERT_EQUAL_MESSAGE("tasks offered on " + topic + ": " + tasks.dump(), std::size_t{1},
                               tasks.size());
  return tasks[0];
}

// Completes the task offered on `topic`, as its worker would; returns the task.
Json completeOffered(WorkflowEngine& engine, const std::string& topic,
                     const Variables& variables = {}) {
  Json task = fetchOne(engine, topic);
  engine.complete(idOf(task), kWorker, variables);
  return task;
}

Variables validationResult(bool valid) {
  Variables variables = {{"validationResult", {"Boolean", valid}}};
  if (!valid) variables["failureReason"] = {"String", kFailureReason};
  return variables;
}

// Completes every publication step; returns the instance.
std::string publishSaga(WorkflowEngine& engine) {
  const std::string instance = startSaga(engine);
  for (const std::string& topic : kPublicationSteps) {
    completeOffered(engine, topic,
                    topic == "validate-specifications" ? validationResult(true) : Variables{});
  }
  return instance;
}

// Starts a saga and completes its steps up to `failing_topic`, whose worker then reports the
// business error PublicationFailed; returns the instance.
std::string failSagaAt(WorkflowEngine& engine, const std::string& failing_topic) {
  const std::string instance = startSaga(engine);
  for (const std::string& topic : kPublicationSteps) {
    if (topic == failing_topic) {
      engine.bpmnError(idOf(fetchOne(engine, topic)), kWorker, "PublicationFailed", kFailureReason,
                       {{"failedStep", {"String", topic}}});
      return instance;
    }
    completeOffered(engine, topic,
                    topic == "validate-specifications" ? validationResult(true) : Variables{});
  }
  throw std::invalid_argument("the saga has no step " + failing_topic);
}

// Completes every undo task offered until none is left; returns them in the order offered.
std::vector<Json> runUndoSteps(WorkflowEngine& engine) {
  std::vector<Json> done;
  for (int round = 0; round < 10; ++round) {
    const Json tasks = engine.fetchAndLock(fetchRequest(kWorker, kUndoTopics, kLongLock, 10));
    if (tasks.empty()) break;
    for (const Json& task : tasks) {
      engine.complete(idOf(task), kWorker, {});
      done.push_back(task);
    }
  }
  return done;
}

Strings topicsOf(const std::vector<Json>& tasks) {
  Strings topics;
  for (const Json& task : tasks) topics.push_back(task.at("topicName").get<std::string>());
  return topics;
}

// ---- reading results ------------------------------------------------------------------------

std::string joined(const Strings& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return "[" + text + "]";
}

// JSON compared regardless of member order (ordered_json compares objects in order).
void assertSameJson(const Json& expected, const Json& actual) {
  CPPUNIT_ASSERT_EQUAL(nlohmann::json::parse(expected.dump()).dump(),
                       nlohmann::json::parse(actual.dump()).dump());
}

Json historicInstance(WorkflowEngine& engine, const std::string& instance) {
  const Json instances = engine.historicProcessInstances(instance, std::nullopt, std::nullopt);
  CPPUNIT_ASSERT_EQUAL_MESSAGE(instances.dump(), std::size_t{1}, instances.size());
  return instances[0];
}

Strings activityPath(WorkflowEngine& engine, const std::string& instance) {
  Strings path;
  for (const Json& activity : engine.historicActivityInstances(instance))
    path.push_back(activity.at("activityId").get<std::string>());
  return path;
}

Json historicActivity(WorkflowEngine& engine, const std::string& instance,
                      const std::string& activity_id) {
  for (const Json& activity : engine.historicActivityInstances(instance)) {
    if (activity.at("activityId") == activity_id) return activity;
  }
  CPPUNIT_FAIL("no historic activity instance of " + activity_id);
  return {};
}

// An engine refusal, as the REST layer would answer it.
struct Refusal {
  int status = 0;
  std::string type;
  std::string message;
};

Refusal refusalOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const EngineError& e) {
    return {e.status(), e.type(), e.what()};
  }
  CPPUNIT_FAIL("expected an EngineError, none was thrown");
  return {};
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const std::regex kCamundaDate(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4})");

// Milliseconds since the epoch of a date in Camunda's REST format
// ("2015-10-06T16:34:42.000+0200"); fails for any other value.
std::int64_t epochMillisOf(const Json& date) {
  CPPUNIT_ASSERT_MESSAGE(
      "not a Camunda date: " + date.dump(),
      date.is_string() && std::regex_match(date.get<std::string>(), kCamundaDate));
  int zone = 0;
  Poco::DateTime at =
      Poco::DateTimeParser::parse("%Y-%m-%dT%H:%M:%S.%i%z", date.get<std::string>(), zone);
  at.makeUTC(zone);
  return at.timestamp().epochMicroseconds() / 1000;
}

void assertCamundaDate(const Json& date) { epochMillisOf(date); }

std::int64_t nowMillis() { return Poco::Timestamp().epochMicroseconds() / 1000; }

std::int64_t millisSince(Clock::time_point start) {
  return std::chrono::duration_cast<milliseconds>(Clock::now() - start).count();
}

// ---- shared assertions ----------------------------------------------------------------------

// The saga ended in "Publication failed", every undo task having seen why: failureReason, and
// the failedStep the failing worker reported with its bpmnError (none when `failed_step` is
// empty).
void assertPublicationFailed(WorkflowEngine& engine, const std::string& instance,
                             const std::vector<Json>& undone, const std::string& failed_step) {
  const Json history = historicInstance(engine, instance);
  CPPUNIT_ASSERT_EQUAL(std::string("COMPLETED"), history.at("state").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(std::string("EndEvent_PublicationFailed"),
                       activityPath(engine, instance).back());
  CPPUNIT_ASSERT(engine.externalTasks(instance).empty());
  for (const Json& task : undone) {
    const Json& variables = task.at("variables");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(task.dump(), !failed_step.empty(),
                                 variables.contains("failedStep"));
    if (!failed_step.empty()) {
      CPPUNIT_ASSERT_EQUAL(failed_step, variables["failedStep"].at("value").get<std::string>());
    }
    CPPUNIT_ASSERT_MESSAGE(task.dump(), variables.contains("failureReason"));
    assertSameJson({{"type", "String"}, {"value", kFailureReason}, {"valueInfo", Json::object()}},
                   task["variables"]["failureReason"]);
  }
}

// The task's activity instance was interrupted by its error boundary event, which took over.
void assertCanceledByBoundary(WorkflowEngine& engine, const std::string& instance,
                              const std::string& task_activity, const std::string& boundary) {
  const Json task = historicActivity(engine, instance, task_activity);
  CPPUNIT_ASSERT_MESSAGE(task.dump(), task.at("canceled") == true);
  CPPUNIT_ASSERT_MESSAGE(task.dump(), !task.at("endTime").is_null());
  CPPUNIT_ASSERT_EQUAL(
      std::string("boundaryError"),
      historicActivity(engine, instance, boundary).at("activityType").get<std::string>());
}

// `action`, by worker-b on a task worker-a holds, is refused naming both; nothing moved.
void assertRefusedForOtherWorker(WorkflowEngine& engine,
                                 const std::function<void(const std::string&)>& action) {
  deploySaga(engine);
  const std::string instance = startSaga(engine);
  const std::string task_id = idOf(fetchOne(engine, "lock-prices", "worker-a"));

  const Refusal refusal = refusalOf([&] { action(task_id); });

  CPPUNIT_ASSERT_EQUAL(400, refusal.status);
  CPPUNIT_ASSERT_EQUAL(std::string("BadUserRequestException"), refusal.type);
  CPPUNIT_ASSERT_MESSAGE(refusal.message, contains(refusal.message, "'worker-b'"));
  CPPUNIT_ASSERT_MESSAGE(refusal.message, contains(refusal.message, "'worker-a'"));
  CPPUNIT_ASSERT_MESSAGE(refusal.message, contains(refusal.message, task_id));
  const Json open = engine.externalTasks(instance);
  CPPUNIT_ASSERT_EQUAL(std::size_t{1}, open.size());
  CPPUNIT_ASSERT_EQUAL(task_id, idOf(open[0]));
  CPPUNIT_ASSERT_EQUAL(std::string("worker-a"), open[0].at("workerId").get<std::string>());
  CPPUNIT_ASSERT(open[0].at("retries").is_null());
}

}  // namespace

void WorkflowEngineCases::setUp() {
  url_ = newDatabaseUrl();
  engine_ = WorkflowEngine::open(url_);
}

void WorkflowEngineCases::tearDown() { engine_.reset(); }

// ---- deployment -----------------------------------------------------------------------------

void WorkflowEngineCases::testDeployingTheSagaDefinesVersionOne() {
  const std::int64_t before = nowMillis();

  const Json deployment = deploySaga(*engine_);

  CPPUNIT_ASSERT_EQUAL(std::string("publication"), deployment.at("name").get<std::string>());
  CPPUNIT_ASSERT(!idOf(deployment).empty());
  CPPUNIT_ASSERT(deployment.at("links").is_array());
  const std::int64_t deployed_at = epochMillisOf(deployment.at("deploymentTime"));
  CPPUNIT_ASSERT(deployed_at >= before && deployed_at <= nowMillis());
  CPPUNIT_ASSERT(deployment.at("deployedCaseDefinitions").is_null());
  CPPUNIT_ASSERT(deployment.at("deployedDecisionDefinitions").is_null());
  const Json& definitions = deployment.at("deployedProcessDefinitions");
  CPPUNIT_ASSERT_EQUAL_MESSAGE(definitions.dump(), std::size_t{1}, definitions.size());
  const Json& definition = definitions.begin().value();
  CPPUNIT_ASSERT_EQUAL(definitions.begin().key(), idOf(definition));
  CPPUNIT_ASSERT_MESSAGE(idOf(definition),
                         idOf(definition).rfind("offering-publication-saga:1:", 0) == 0);
  CPPUNIT_ASSERT_EQUAL(std::string(kSagaKey), definition.at("key").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(1, definition.at("version").get<int>());
  CPPUNIT_ASSERT_EQUAL(std::string("Offering publication saga"),
                       definition.at("name").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(std::string("offering-publication-saga.bpmn"),
                       definition.at("resource").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(idOf(deployment), definition.at("deploymentId").get<std::string>());
  CPPUNIT_ASSERT(definition.at("suspended") == false);
  CPPUNIT_ASSERT_EQUAL(sagaXml(),
                       engine_->definitionXml(idOf(definition)).at("bpmn20Xml").get<std::string>());
}

void WorkflowEngineCases::testDuplicateFilteringDeploysNothingNew() {
  const Json first = deploySaga(*engine_, true);
  const std::string first_id = first["deployedProcessDefinitions"].begin().key();

  const Json second = deploySaga(*engine_, true);

  const Json& again = second.at("deployedProcessDefinitions");
  CPPUNIT_ASSERT_MESSAGE(again.dump(), again.is_null() || again.empty());
  const Json started = engine_->startProcess(kSagaKey, std::nullopt, {});
  CPPUNIT_ASSERT_EQUAL(first_id, started.at("definitionId").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(
      1, historicInstance(*engine_, idOf(started)).at("processDefinitionVersion").get<int>());
}

void WorkflowEngineCases::testDeployingAgainWithoutFilteringMakesVersionTwo() {
  deploySaga(*engine_);

  const Json second = deploySaga(*engine_);

  const Json& definitions = second.at("deployedProcessDefinitions");
  CPPUNIT_ASSERT_EQUAL_MESSAGE(definitions.dump(), std::size_t{1}, definitions.size());
  const Json& definition = definitions.begin().value();
  CPPUNIT_ASSERT_EQUAL(2, definition.at("version").get<int>());
  CPPUNIT_ASSERT_MESSAGE(idOf(definition),
                         idOf(definition).rfind("offering-publication-saga:2:", 0) == 0);
  const Json started = engine_->startProcess(kSagaKey, std::nullopt, {});
  CPPUNIT_ASSERT_EQUAL(idOf(definition), started.at("definitionId").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(
      2, historicInstance(*engine_, idOf(started)).at("processDefinitionVersion").get<int>());
}

namespace {

// Reserve and Charge are compensable; Ship failing with any BPMN error throws compensation,
// of everything (no activityRef) or of `compensate_only`, then ends at End_Compensated.
std::string compensatingProcess(const std::string& compensate_only = "") {
  const std::string ref = compensate_only.empty() ? "" : " activityRef=\"" + compensate_only + "\"";
  return definitions(R"(<bpmn:process id="compensating" isExecutable="true">
    <bpmn:startEvent id="Start"/>
    <bpmn:serviceTask id="Reserve" camunda:type="external" camunda:topic="reserve"/>
    <bpmn:boundaryEvent id="Boundary_Reserve" attachedToRef="Reserve">
      <bpmn:compensateEventDefinition/>
    </bpmn:boundaryEvent>
    <bpmn:serviceTask id="CancelReservation" isForCompensation="true" camunda:type="external"
        camunda:topic="cancel-reservation"/>
    <bpmn:association id="A1" sourceRef="Boundary_Reserve" targetRef="CancelReservation"/>
    <bpmn:serviceTask id="Charge" camunda:type="external" camunda:topic="charge"/>
    <bpmn:boundaryEvent id="Boundary_Charge" attachedToRef="Charge">
      <bpmn:compensateEventDefinition/>
    </bpmn:boundaryEvent>
    <bpmn:serviceTask id="Refund" isForCompensation="true" camunda:type="external"
        camunda:topic="refund"/>
    <bpmn:association id="A2" sourceRef="Boundary_Charge" targetRef="Refund"/>
    <bpmn:serviceTask id="Ship" camunda:type="external" camunda:topic="ship"/>
    <bpmn:boundaryEvent id="Boundary_ShipFailed" attachedToRef="Ship">
      <bpmn:errorEventDefinition/>
    </bpmn:boundaryEvent>
    <bpmn:intermediateThrowEvent id="Throw_Compensation">
      <bpmn:compensateEventDefinition)" +
                     ref + R"(/>
    </bpmn:intermediateThrowEvent>
    <bpmn:endEvent id="End_Shipped"/>
    <bpmn:endEvent id="End_Compensated"/>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Reserve"/>
    <bpmn:sequenceFlow id="F2" sourceRef="Reserve" targetRef="Charge"/>
    <bpmn:sequenceFlow id="F3" sourceRef="Charge" targetRef="Ship"/>
    <bpmn:sequenceFlow id="F4" sourceRef="Ship" targetRef="End_Shipped"/>
    <bpmn:sequenceFlow id="F5" sourceRef="Boundary_ShipFailed" targetRef="Throw_Compensation"/>
    <bpmn:sequenceFlow id="F6" sourceRef="Throw_Compensation" targetRef="End_Compensated"/>
  </bpmn:process>)");
}

// Runs the process up to Ship's failure.
std::string failAtShip(WorkflowEngine& engine) {
  const std::string instance = idOf(engine.startProcess("compensating", std::nullopt, {}));
  completeOffered(engine, "reserve");
  completeOffered(engine, "charge");
  engine.bpmnError(idOf(fetchOne(engine, "ship")), kWorker, "ShipFailed", "no truck", {});
  return instance;
}

}  // namespace

// BPMN compensation as Camunda runs it: the handlers of the completed tasks start together,
// the latest completion's first, and the throw event waits until all of them are done.
void WorkflowEngineCases::testCompensationRunsEveryHandlerLatestFirstThenMovesOn() {
  engine_->deploy("compensating", {{"compensating.bpmn", compensatingProcess()}}, false);
  const std::string instance = failAtShip(*engine_);

  const Json offered =
      engine_->fetchAndLock(fetchRequest(kWorker, {"cancel-reservation", "refund"}, kLongLock, 10));
  CPPUNIT_ASSERT_EQUAL_MESSAGE(offered.dump(), std::size_t{2}, offered.size());
  CPPUNIT_ASSERT_EQUAL(std::string("refund"), offered[0].at("topicName").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(std::string("cancel-reservation"),
                       offered[1].at("topicName").get<std::string>());
  engine_->complete(idOf(offered[0]), kWorker, {});
  CPPUNIT_ASSERT_EQUAL(std::string("ACTIVE"),
                       historicInstance(*engine_, instance).at("state").get<std::string>());
  CPPUNIT_ASSERT(activityPath(*engine_, instance).back() != "End_Compensated");

  engine_->complete(idOf(offered[1]), kWorker, {});
  const Json ended = historicInstance(*engine_, instance);
  CPPUNIT_ASSERT_EQUAL(std::string("COMPLETED"), ended.at("state").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(std::string("End_Compensated"), activityPath(*engine_, instance).back());
}

void WorkflowEngineCases::testCompensationWithActivityRefCompensatesOnlyThatTask() {
  engine_->deploy("compensating", {{"compensating.bpmn", compensatingProcess("Reserve")}}, false);
  const std::string instance = failAtShip(*engine_);
  CPPUNIT_ASSERT(fetch(*engine_, kWorker, "refund").empty());
  completeOffered(*engine_, "cancel-reservation");
  CPPUNIT_ASSERT_EQUAL(std::string("End_Compensated"), activityPath(*engine_, instance).back());
}

void WorkflowEngineCases::testJoiningParallelGatewayIsRefused() {
  const std::string xml = definitions(R"(<bpmn:process id="parallel" isExecutable="true">
    <bpmn:startEvent id="Start"/>
    <bpmn:parallelGateway id="Gateway_Fork"/>
    <bpmn:serviceTask id="A" camunda:type="external" camunda:topic="a"/>
    <bpmn:serviceTask id="B" camunda:type="external" camunda:topic="b"/>
    <bpmn:parallelGateway id="Gateway_Join"/>
    <bpmn:endEvent id="End"/>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Gateway_Fork"/>
    <bpmn:sequenceFlow id="F2" sourceRef="Gateway_Fork" targetRef="A"/>
    <bpmn:sequenceFlow id="F3" sourceRef="Gateway_Fork" targetRef="B"/>
    <bpmn:sequenceFlow id="F4" sourceRef="A" targetRef="Gateway_Join"/>
    <bpmn:sequenceFlow id="F5" sourceRef="B" targetRef="Gateway_Join"/>
    <bpmn:sequenceFlow id="F6" sourceRef="Gateway_Join" targetRef="End"/>
  </bpmn:process>)");

  const Refusal refusal = refusalOf([&] {
    engine_->deploy("parallel", {{"parallel.bpmn", xml}}, false);
  });

  CPPUNIT_ASSERT_EQUAL(400, refusal.status);
  CPPUNIT_ASSERT_EQUAL(std::string("ParseException"), refusal.type);
  CPPUNIT_ASSERT_MESSAGE(refusal.message, contains(refusal.message, "'Gateway_Join'"));
  CPPUNIT_ASSERT_MESSAGE(refusal.message, !contains(refusal.message, "Gateway_Fork"));
  CPPUNIT_ASSERT_EQUAL(
      404, refusalOf([&] { engine_->startProcess("parallel", std::nullopt, {}); }).status);
}

void WorkflowEngineCases::testUnparsableXmlIsRefused() {
  const Refusal refusal = refusalOf([&] {
    engine_->deploy("broken", {{"broken.bpmn", "<bpmn:definitions><bpmn:process"}}, false);
  });

  CPPUNIT_ASSERT_EQUAL(400, refusal.status);
  CPPUNIT_ASSERT_EQUAL(std::string("ParseException"), refusal.type);
  CPPUNIT_ASSERT_MESSAGE(refusal.message, contains(refusal.message, "broken.bpmn"));
}

// ---- the publication saga -------------------------------------------------------------------

void WorkflowEngineCases::testStartedSagaIsRunning() {
  deploySaga(*engine_);

  const Json started = engine_->startProcess(kSagaKey, "offering-42", sagaVariables(), true);

  const std::string instance = idOf(started);
  CPPUNIT_ASSERT_EQUAL(std::string(kSagaKey), started.at("definitionKey").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(std::string("offering-42"), started.at("businessKey").get<std::string>());
  CPPUNIT_ASSERT(started.at("ended") == false);
  assertSameJson(variablesToDto(sagaVariables()), started.at("variables"));
  const Json running = engine_->processInstance(instance);
  CPPUNIT_ASSERT_EQUAL(started.at("definitionId"), running.at("definitionId"));
  CPPUNIT_ASSERT_EQUAL(std::string("offering-42"), running.at("businessKey").get<std::string>());
  const Json history = historicInstance(*engine_, instance);
  CPPUNIT_ASSERT_EQUAL(std::string("ACTIVE"), history.at("state").get<std::string>());
  CPPUNIT_ASSERT(history.at("endTime").is_null());
  CPPUNIT_ASSERT(history.at("durationInMillis").is_null());
  CPPUNIT_ASSERT_EQUAL(std::string("StartEvent_PublicationRequested"),
                       history.at("startActivityId").get<std::string>());
  const Json open = engine_->externalTasks(instance);
  CPPUNIT_ASSERT_EQUAL(std::size_t{1}, open.size());
  CPPUNIT_ASSERT_EQUAL(std::string("lock-prices"), open[0].at("topicName").get<std::string>());
  CPPUNIT_ASSERT(open[0].at("workerId").is_null());
  CPPUNIT_ASSERT(open[0].at("lockExpirationTime").is_null());
}

void WorkflowEngineCases::testLockedTaskCarriesWhatTheWorkerNeeds() {
  deploySaga(*engine_);
  const std::string instance = startSaga(*engine_);
  const std::int64_t before = nowMillis();

  const Json task = fetchOne(*engine_, "lock-prices", "price-worker", 30000);

  const std::int64_t after = nowMillis();
  CPPUNIT_ASSERT_EQUAL(std::string("lock-prices"), task.at("topicName").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(instance, task.at("processInstanceId").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(std::string("offering-42"), task.at("businessKey").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(std::string("Task_LockPrices"), task.at("activityId").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(std::string(kSagaKey), task.at("processDefinitionKey").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(std::string("price-worker"), task.at("workerId").get<std::string>());
  CPPUNIT_ASSERT_MESSAGE(task.dump(), task.at("retries").is_null());
  CPPUNIT_ASSERT(task.at("errorMessage").is_null());
  assertSameJson(variablesToDto(sagaVariables()), task.at("variables"));
  const std::int64_t expires = epochMillisOf(task.at("lockExpirationTime"));
  CPPUNIT_ASSERT_MESSAGE(task.dump(), expires >= before + 30000 && expires <= after + 30000);
  assertCamundaDate(task.at("createTime"));
  CPPUNIT_ASSERT(fetch(*engine_, "other-worker", "lock-prices").empty());
}

void WorkflowEngineCases::testFetchReturnsOnlyRequestedVariables() {
  deploySaga(*engine_);
  startSaga(*engine_);
  WorkflowEngine::FetchRequest request = fetchRequest(kWorker, {"lock-prices"});
  request.topics[0].variables = Json::array({"offeringId"});

  const Json tasks = engine_->fetchAndLock(request);

  CPPUNIT_ASSERT_EQUAL(std::size_t{1}, tasks.size());
  assertSameJson({{"offeringId",
                   {{"type", "String"}, {"value", "offering-42"}, {"valueInfo", Json::object()}}}},
                 tasks[0].at("variables"));
}

void WorkflowEngineCases::testFetchFiltersByBusinessKey() {
  deploySaga(*engine_);
  startSaga(*engine_, "offering-1");
  const std::string wanted = startSaga(*engine_, "offering-2");
  WorkflowEngine::FetchRequest request = fetchRequest(kWorker, {"lock-prices"}, kLongLock, 5);
  request.topics[0].business_key = "offering-2";

  const Json tasks = engine_->fetchAndLock(request);

  CPPUNIT_ASSERT_EQUAL_MESSAGE(tasks.dump(), std::size_t{1}, tasks.size());
  CPPUNIT_ASSERT_EQUAL(wanted, tasks[0].at("processInstanceId").get<std::string>());
}

void WorkflowEngineCases::testHappyPathEndsAtPublished() {
  deploySaga(*engine_);

  const std::string instance = publishSaga(*engine_);

  const Refusal gone = refusalOf([&] { engine_->processInstance(instance); });
  CPPUNIT_ASSERT_EQUAL(404, gone.status);
  CPPUNIT_ASSERT_EQUAL(std::string("InvalidRequestException"), gone.type);
  CPPUNIT_ASSERT_EQUAL("Process instance with id " + instance + " does not exist", gone.message);
  const Json history = historicInstance(*engine_, instance);
  CPPUNIT_ASSERT_EQUAL(std::string("COMPLETED"), history.at("state").get<std::string>());
  const std::int64_t started = epochMillisOf(history.at("startTime"));
  const std::int64_t ended = epochMillisOf(history.at("endTime"));
  CPPUNIT_ASSERT_MESSAGE(history.dump(), history.at("durationInMillis").is_number_integer());
  CPPUNIT_ASSERT_EQUAL(ended - started, history.at("durationInMillis").get<std::int64_t>());
  CPPUNIT_ASSERT(ended >= started);
  CPPUNIT_ASSERT(engine_->externalTasks(instance).empty());
  for (const std::string& topic : kPublicationSteps)
    CPPUNIT_ASSERT_MESSAGE(topic, fetch(*engine_, kWorker, topic).empty());
}

void WorkflowEngineCases::testHappyPathHistoryListsThePathInOrder() {
  deploySaga(*engine_);

  const std::string instance = publishSaga(*engine_);

  Strings path;
  for (const Json& activity : engine_->historicActivityInstances(instance)) {
    path.push_back(activity.at("activityId").get<std::string>() + ":" +
                   activity.at("activityType").get<std::string>());
    CPPUNIT_ASSERT_MESSAGE(activity.dump(), !activity.at("endTime").is_null());
    CPPUNIT_ASSERT_MESSAGE(activity.dump(), activity.at("canceled") == false);
    CPPUNIT_ASSERT_EQUAL(instance, activity.at("processInstanceId").get<std::string>());
  }
  CPPUNIT_ASSERT_EQUAL(
      joined({"StartEvent_PublicationRequested:startEvent", "Task_LockPrices:serviceTask",
              "Task_ValidateSpecifications:serviceTask",
              "Gateway_SpecificationsValid:exclusiveGateway", "Task_CreateStoreEntry:serviceTask",
              "Task_ConfirmPublication:serviceTask", "Task_ReleasePrices:serviceTask",
              "EndEvent_Published:noneEndEvent"}),
      joined(path));
}

void WorkflowEngineCases::testErrorAtLockPricesOnlyRevertsTheOffering() {
  deploySaga(*engine_);
  const std::string instance = failSagaAt(*engine_, "lock-prices");

  const std::vector<Json> undone = runUndoSteps(*engine_);

  CPPUNIT_ASSERT_EQUAL(joined({"revert-offering-to-draft"}), joined(topicsOf(undone)));
  assertPublicationFailed(*engine_, instance, undone, "lock-prices");
  assertCanceledByBoundary(*engine_, instance, "Task_LockPrices", "Boundary_PricesNotLocked");
}

void WorkflowEngineCases::testErrorAtValidateSpecificationsUnlocksPricesThenReverts() {
  deploySaga(*engine_);
  const std::string instance = failSagaAt(*engine_, "validate-specifications");

  const std::vector<Json> undone = runUndoSteps(*engine_);

  CPPUNIT_ASSERT_EQUAL(joined({"unlock-prices", "revert-offering-to-draft"}),
                       joined(topicsOf(undone)));
  assertPublicationFailed(*engine_, instance, undone, "validate-specifications");
  assertCanceledByBoundary(*engine_, instance, "Task_ValidateSpecifications",
                           "Boundary_SpecificationsNotValidated");
}

void WorkflowEngineCases::testInvalidSpecificationsUnlockPricesThenRevert() {
  deploySaga(*engine_);
  const std::string instance = startSaga(*engine_);
  completeOffered(*engine_, "lock-prices");
  completeOffered(*engine_, "validate-specifications", validationResult(false));

  const std::vector<Json> undone = runUndoSteps(*engine_);

  CPPUNIT_ASSERT_EQUAL(joined({"unlock-prices", "revert-offering-to-draft"}),
                       joined(topicsOf(undone)));
  assertPublicationFailed(*engine_, instance, undone, "");
  CPPUNIT_ASSERT_EQUAL(
      joined({"StartEvent_PublicationRequested", "Task_LockPrices", "Task_ValidateSpecifications",
              "Gateway_SpecificationsValid", "Task_UnlockPrices", "Task_RevertOfferingToDraft",
              "EndEvent_PublicationFailed"}),
      joined(activityPath(*engine_, instance)));
  for (const Json& activity : engine_->historicActivityInstances(instance))
    CPPUNIT_ASSERT_MESSAGE(activity.dump(), activity.at("canceled") == false);
}

void WorkflowEngineCases::testErrorAtCreateStoreEntryUnlocksPricesThenReverts() {
  deploySaga(*engine_);
  const std::string instance = failSagaAt(*engine_, "create-store-entry");

  const std::vector<Json> undone = runUndoSteps(*engine_);

  CPPUNIT_ASSERT_EQUAL(joined({"unlock-prices", "revert-offering-to-draft"}),
                       joined(topicsOf(undone)));
  assertPublicationFailed(*engine_, instance, undone, "create-store-entry");
  assertCanceledByBoundary(*engine_, instance, "Task_CreateStoreEntry",
                           "Boundary_StoreEntryNotCreated");
}

void WorkflowEngineCases::testErrorAtConfirmPublicationUndoesEveryStepInReverse() {
  deploySaga(*engine_);
  const std::string instance = failSagaAt(*engine_, "confirm-publication");

  const std::vector<Json> undone = runUndoSteps(*engine_);

  CPPUNIT_ASSERT_EQUAL(joined({"delete-store-entry", "unlock-prices", "revert-offering-to-draft"}),
                       joined(topicsOf(undone)));
  assertPublicationFailed(*engine_, instance, undone, "confirm-publication");
  assertCanceledByBoundary(*engine_, instance, "Task_ConfirmPublication",
                           "Boundary_PublicationNotConfirmed");
  CPPUNIT_ASSERT_EQUAL(
      joined({"StartEvent_PublicationRequested", "Task_LockPrices", "Task_ValidateSpecifications",
              "Gateway_SpecificationsValid", "Task_CreateStoreEntry", "Task_ConfirmPublication",
              "Boundary_PublicationNotConfirmed", "Task_DeleteStoreEntry", "Task_UnlockPrices",
              "Task_RevertOfferingToDraft", "EndEvent_PublicationFailed"}),
      joined(activityPath(*engine_, instance)));
}

// Camunda: "If the given errorCode does not exist or there is no boundary event defined, the
// current activity instance simply ends and the error is not handled" (notes §1.8).
void WorkflowEngineCases::testUncaughtBpmnErrorEndsTheToken() {
  deploySaga(*engine_);
  const std::string instance = startSaga(*engine_);
  const std::string task_id = idOf(fetchOne(*engine_, "lock-prices"));

  engine_->bpmnError(task_id, kWorker, "NobodyCatchesThis", "no boundary for this code", {});

  CPPUNIT_ASSERT(engine_->externalTasks(instance).empty());
  CPPUNIT_ASSERT(engine_->incidents(instance).empty());
  CPPUNIT_ASSERT(runUndoSteps(*engine_).empty());
  CPPUNIT_ASSERT_EQUAL(404, refusalOf([&] { engine_->processInstance(instance); }).status);
  const Json history = historicInstance(*engine_, instance);
  CPPUNIT_ASSERT_EQUAL(std::string("COMPLETED"), history.at("state").get<std::string>());
  assertCamundaDate(history.at("endTime"));
  CPPUNIT_ASSERT_EQUAL(joined({"StartEvent_PublicationRequested", "Task_LockPrices"}),
                       joined(activityPath(*engine_, instance)));
  CPPUNIT_ASSERT(!historicActivity(*engine_, instance, "Task_LockPrices").at("endTime").is_null());
  CPPUNIT_ASSERT(!engine_->processVariables(instance).contains("failureReason"));
}

// Camunda continues the process inside complete(): a gateway that cannot decide fails the
// call and rolls it back, so the worker may complete again with what was missing.
void WorkflowEngineCases::testGatewayWithoutItsVariableRefusesTheCompletion() {
  deploySaga(*engine_);
  const std::string instance = startSaga(*engine_);
  completeOffered(*engine_, "lock-prices");
  const std::string task_id = idOf(fetchOne(*engine_, "validate-specifications"));

  const Refusal refusal = refusalOf([&] { engine_->complete(task_id, kWorker, {}); });

  CPPUNIT_ASSERT_EQUAL(500, refusal.status);
  CPPUNIT_ASSERT_MESSAGE(refusal.message, contains(refusal.message, "validationResult"));
  const Json open = engine_->externalTasks(instance);
  CPPUNIT_ASSERT_EQUAL(std::size_t{1}, open.size());
  CPPUNIT_ASSERT_EQUAL(task_id, idOf(open[0]));
  CPPUNIT_ASSERT_EQUAL(std::string(kWorker), open[0].at("workerId").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(
      joined({"StartEvent_PublicationRequested", "Task_LockPrices", "Task_ValidateSpecifications"}),
      joined(activityPath(*engine_, instance)));
  engine_->complete(task_id, kWorker, validationResult(true));
  fetchOne(*engine_, "create-store-entry");
}

// ---- workers and locks ----------------------------------------------------------------------

void WorkflowEngineCases::testCompleteByAnotherWorkerIsRefused() {
  assertRefusedForOtherWorker(
      *engine_, [&](const std::string& id) { engine_->complete(id, "worker-b", {}); });
}

void WorkflowEngineCases::testFailureByAnotherWorkerIsRefused() {
  assertRefusedForOtherWorker(
      *engine_, [&](const std::string& id) { engine_->failure(id, "worker-b", "down", "", 0, 0); });
  CPPUNIT_ASSERT(engine_->incidents(std::nullopt).empty());
}

void WorkflowEngineCases::testBpmnErrorByAnotherWorkerIsRefused() {
  assertRefusedForOtherWorker(*engine_, [&](const std::string& id) {
    engine_->bpmnError(id, "worker-b", "PublicationFailed", kFailureReason, {});
  });
}

void WorkflowEngineCases::testUnknownTaskIsNotFound() {
  const std::string id = "no-such-task";
  const std::vector<std::pair<std::string, std::function<void()>>> actions = {
      {"complete", [&] { engine_->complete(id, kWorker, {}); }},
      {"failure", [&] { engine_->failure(id, kWorker, "down", "", 1, 0); }},
      {"bpmnError", [&] { engine_->bpmnError(id, kWorker, "PublicationFailed", "", {}); }},
      {"extendLock", [&] { engine_->extendLock(id, kWorker, 1000); }},
      {"unlock", [&] { engine_->unlock(id); }},
      {"setRetries", [&] { engine_->setRetries(id, 1); }},
  };
  for (const auto& [name, action] : actions) {
    const Refusal refusal = refusalOf(action);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(name, 404, refusal.status);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(name, std::string("RestException"), refusal.type);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(
        name, std::string("External task with id no-such-task does not exist"), refusal.message);
  }
}

void WorkflowEngineCases::testExtendLockByOwnerMovesExpiration() {
  deploySaga(*engine_);
  const std::string instance = startSaga(*engine_);
  const Json task = fetchOne(*engine_, "lock-prices", "worker-a", 100);
  const std::int64_t first_expiry = epochMillisOf(task.at("lockExpirationTime"));

  engine_->extendLock(idOf(task), "worker-a", kLongLock);

  const Json open = engine_->externalTasks(instance);
  CPPUNIT_ASSERT_EQUAL(std::size_t{1}, open.size());
  CPPUNIT_ASSERT(epochMillisOf(open[0].at("lockExpirationTime")) >=
                 first_expiry + kLongLock - 1000);
  std::this_thread::sleep_for(milliseconds(150));
  CPPUNIT_ASSERT(fetch(*engine_, "worker-b", "lock-prices").empty());
}

void WorkflowEngineCases::testExtendLockByAnotherWorkerIsRefused() {
  deploySaga(*engine_);
  const std::string instance = startSaga(*engine_);
  const Json task = fetchOne(*engine_, "lock-prices", "worker-a");

  const Refusal refusal =
      refusalOf([&] { engine_->extendLock(idOf(task), "worker-b", kLongLock); });

  CPPUNIT_ASSERT_EQUAL(400, refusal.status);
  CPPUNIT_ASSERT_EQUAL(std::string("BadUserRequestException"), refusal.type);
  CPPUNIT_ASSERT_EQUAL(task.at("lockExpirationTime"),
                       engine_->externalTasks(instance)[0].at("lockExpirationTime"));
}

void WorkflowEngineCases::testExtendLockWithNegativeDurationIsRefused() {
  deploySaga(*engine_);
  const std::string instance = startSaga(*engine_);
  const Json task = fetchOne(*engine_, "lock-prices", "worker-a");

  const Refusal refusal = refusalOf([&] { engine_->extendLock(idOf(task), "worker-a", -1000); });

  CPPUNIT_ASSERT_EQUAL(400, refusal.status);
  CPPUNIT_ASSERT_EQUAL(task.at("lockExpirationTime"),
                       engine_->externalTasks(instance)[0].at("lockExpirationTime"));
}

void WorkflowEngineCases::testUnlockedTaskIsFetchableAtOnce() {
  deploySaga(*engine_);
  const std::string instance = startSaga(*engine_);
  const std::string task_id = idOf(fetchOne(*engine_, "lock-prices", "worker-a"));

  engine_->unlock(task_id);

  const Json open = engine_->externalTasks(instance);
  CPPUNIT_ASSERT(open[0].at("workerId").is_null());
  CPPUNIT_ASSERT(open[0].at("lockExpirationTime").is_null());
  const Json task = fetchOne(*engine_, "lock-prices", "worker-b");
  CPPUNIT_ASSERT_EQUAL(task_id, idOf(task));
  CPPUNIT_ASSERT_EQUAL(std::string("worker-b"), task.at("workerId").get<std::string>());
}

void WorkflowEngineCases::testExpiredLockIsHandedToAnotherWorker() {
  deploySaga(*engine_);
  startSaga(*engine_);
  const std::string task_id = idOf(fetchOne(*engine_, "lock-prices", "worker-a", 100));
  CPPUNIT_ASSERT(fetch(*engine_, "worker-b", "lock-prices").empty());

  std::this_thread::sleep_for(milliseconds(150));

  const Json task = fetchOne(*engine_, "lock-prices", "worker-b");
  CPPUNIT_ASSERT_EQUAL(task_id, idOf(task));
  CPPUNIT_ASSERT_EQUAL(std::string("worker-b"), task.at("workerId").get<std::string>());
}

void WorkflowEngineCases::testCompleteAfterLockWasTakenOverIsRefused() {
  deploySaga(*engine_);
  const std::string instance = startSaga(*engine_);
  const std::string task_id = idOf(fetchOne(*engine_, "lock-prices", "worker-a", 100));
  std::this_thread::sleep_for(milliseconds(150));
  fetchOne(*engine_, "lock-prices", "worker-b");

  const Refusal refusal = refusalOf([&] { engine_->complete(task_id, "worker-a", {}); });

  CPPUNIT_ASSERT_EQUAL(400, refusal.status);
  CPPUNIT_ASSERT_EQUAL(std::string("BadUserRequestException"), refusal.type);
  engine_->complete(task_id, "worker-b", {});
  CPPUNIT_ASSERT_EQUAL(
      instance,
      fetchOne(*engine_, "validate-specifications").at("processInstanceId").get<std::string>());
}

// Camunda checks only the worker, not the lock's expiry (HandleExternalTaskCmd, notes §1.6).
void WorkflowEngineCases::testOwnerMayCompleteAfterItsLockExpired() {
  deploySaga(*engine_);
  startSaga(*engine_);
  const std::string task_id = idOf(fetchOne(*engine_, "lock-prices", "worker-a", 50));
  std::this_thread::sleep_for(milliseconds(100));

  engine_->complete(task_id, "worker-a", {});

  CPPUNIT_ASSERT(fetch(*engine_, "worker-b", "lock-prices").empty());
  fetchOne(*engine_, "validate-specifications");
}

void WorkflowEngineCases::testLockByIdLocksForTheWorker() {
  deploySaga(*engine_);
  const std::string instance = startSaga(*engine_);
  const std::string task_id = idOf(engine_->externalTasks(instance)[0]);
  const std::int64_t before = nowMillis();

  engine_->lock(task_id, "worker-a", kLongLock);

  const Json open = engine_->externalTasks(instance)[0];
  CPPUNIT_ASSERT_EQUAL(std::string("worker-a"), open.at("workerId").get<std::string>());
  CPPUNIT_ASSERT(epochMillisOf(open.at("lockExpirationTime")) >= before + kLongLock);
  CPPUNIT_ASSERT(fetch(*engine_, "worker-b", "lock-prices").empty());
  engine_->complete(task_id, "worker-a", {});
  fetchOne(*engine_, "validate-specifications");
}

void WorkflowEngineCases::testLockByIdIsRefusedWhileAnotherWorkerHolds() {
  deploySaga(*engine_);
  const std::string instance = startSaga(*engine_);
  const Json task = fetchOne(*engine_, "lock-prices", "worker-a");

  const Refusal refusal = refusalOf([&] { engine_->lock(idOf(task), "worker-b", kLongLock); });

  CPPUNIT_ASSERT_EQUAL(400, refusal.status);
  CPPUNIT_ASSERT_EQUAL(std::string("BadUserRequestException"), refusal.type);
  CPPUNIT_ASSERT_MESSAGE(refusal.message, contains(refusal.message, "'worker-a'"));
  const Json open = engine_->externalTasks(instance)[0];
  CPPUNIT_ASSERT_EQUAL(std::string("worker-a"), open.at("workerId").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(task.at("lockExpirationTime"), open.at("lockExpirationTime"));
}

// ---- retries and incidents ------------------------------------------------------------------

void WorkflowEngineCases::testFailureWithRetriesHidesTaskUntilRetryTimeout() {
  deploySaga(*engine_);
  const std::string instance = startSaga(*engine_);
  const std::string task_id = idOf(fetchOne(*engine_, "lock-prices", "worker-a"));

  engine_->failure(task_id, "worker-a", "price service down", "connect: refused", 2, 150);

  CPPUNIT_ASSERT(fetch(*engine_, "worker-b", "lock-prices").empty());
  std::this_thread::sleep_for(milliseconds(200));
  const Json task = fetchOne(*engine_, "lock-prices", "worker-b");
  CPPUNIT_ASSERT_EQUAL(task_id, idOf(task));
  CPPUNIT_ASSERT_EQUAL(2, task.at("retries").get<int>());
  CPPUNIT_ASSERT_EQUAL(std::string("price service down"),
                       task.at("errorMessage").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(std::string("connect: refused"), task.at("errorDetails").get<std::string>());
  CPPUNIT_ASSERT(engine_->incidents(instance).empty());
}

void WorkflowEngineCases::testFailureWithoutRetriesRaisesIncident() {
  deploySaga(*engine_);
  const std::string instance = startSaga(*engine_);
  const std::string task_id = idOf(fetchOne(*engine_, "lock-prices", "worker-a"));

  engine_->failure(task_id, "worker-a", "price service down", "connect: refused", 0, 0);

  const Json incidents = engine_->incidents(instance);
  CPPUNIT_ASSERT_EQUAL_MESSAGE(incidents.dump(), std::size_t{1}, incidents.size());
  const Json& incident = incidents[0];
  CPPUNIT_ASSERT_EQUAL(std::string("failedExternalTask"),
                       incident.at("incidentType").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(task_id, incident.at("configuration").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(std::string("price service down"),
                       incident.at("incidentMessage").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(std::string("Task_LockPrices"),
                       incident.at("activityId").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(instance, incident.at("processInstanceId").get<std::string>());
  assertCamundaDate(incident.at("incidentTimestamp"));
  CPPUNIT_ASSERT_EQUAL(std::size_t{1}, engine_->incidents(std::nullopt).size());
  CPPUNIT_ASSERT_EQUAL(0, engine_->externalTasks(instance)[0].at("retries").get<int>());
  std::this_thread::sleep_for(milliseconds(20));
  CPPUNIT_ASSERT(fetch(*engine_, "worker-b", "lock-prices").empty());
}

void WorkflowEngineCases::testSetRetriesResolvesIncident() {
  deploySaga(*engine_);
  const std::string instance = startSaga(*engine_);
  const std::string task_id = idOf(fetchOne(*engine_, "lock-prices", "worker-a"));
  engine_->failure(task_id, "worker-a", "price service down", "", 0, 0);

  engine_->setRetries(task_id, 1);

  CPPUNIT_ASSERT(engine_->incidents(instance).empty());
  const Json task = fetchOne(*engine_, "lock-prices", "worker-b");
  CPPUNIT_ASSERT_EQUAL(task_id, idOf(task));
  CPPUNIT_ASSERT_EQUAL(1, task.at("retries").get<int>());
}

// Camunda manages incidents whenever retries reach 0, by failure or by setRetries
// (ExternalTaskEntity.setRetriesAndManageIncidents, notes §1.7).
void WorkflowEngineCases::testSetRetriesToZeroRaisesIncident() {
  deploySaga(*engine_);
  const std::string instance = startSaga(*engine_);
  const std::string task_id = idOf(engine_->externalTasks(instance)[0]);

  engine_->setRetries(task_id, 0);

  CPPUNIT_ASSERT(fetch(*engine_, kWorker, "lock-prices").empty());
  const Json incidents = engine_->incidents(instance);
  CPPUNIT_ASSERT_EQUAL_MESSAGE(incidents.dump(), std::size_t{1}, incidents.size());
  CPPUNIT_ASSERT_EQUAL(task_id, incidents[0].at("configuration").get<std::string>());
}

void WorkflowEngineCases::testErrorMessageIsCutTo666Characters() {
  deploySaga(*engine_);
  const std::string instance = startSaga(*engine_);
  const std::string task_id = idOf(fetchOne(*engine_, "lock-prices", "worker-a"));
  const std::string message(700, 'm');
  const std::string details(5000, 'd');

  engine_->failure(task_id, "worker-a", message, details, 0, 0);

  const std::string kept = message.substr(0, 666);
  CPPUNIT_ASSERT_EQUAL(kept,
                       engine_->incidents(instance)[0].at("incidentMessage").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(kept,
                       engine_->externalTasks(instance)[0].at("errorMessage").get<std::string>());
  engine_->setRetries(task_id, 1);
  const Json task = fetchOne(*engine_, "lock-prices", "worker-b");
  CPPUNIT_ASSERT_EQUAL(kept, task.at("errorMessage").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(details, task.at("errorDetails").get<std::string>());
}

// ---- long polling ---------------------------------------------------------------------------

void WorkflowEngineCases::testParkedFetchAnswersWhenTaskIsCreated() {
  deploySaga(*engine_);
  auto starting = std::async(std::launch::async, [&] {
    std::this_thread::sleep_for(milliseconds(200));
    return startSaga(*engine_);
  });
  const auto parked_at = Clock::now();

  const Json tasks =
      engine_->fetchAndLock(fetchRequest(kWorker, {"lock-prices"}), milliseconds(5000));

  const std::int64_t waited = millisSince(parked_at);
  const std::string instance = starting.get();
  CPPUNIT_ASSERT_EQUAL_MESSAGE(tasks.dump(), std::size_t{1}, tasks.size());
  CPPUNIT_ASSERT_EQUAL(instance, tasks[0].at("processInstanceId").get<std::string>());
  CPPUNIT_ASSERT_MESSAGE(std::to_string(waited) + " ms", waited >= 150 && waited < 2000);
}

void WorkflowEngineCases::testParkedFetchAnswersWhenLockExpires() {
  deploySaga(*engine_);
  startSaga(*engine_);
  const auto locked_at = Clock::now();
  const std::string task_id = idOf(fetchOne(*engine_, "lock-prices", "worker-a", 300));

  const Json tasks =
      engine_->fetchAndLock(fetchRequest("worker-b", {"lock-prices"}), milliseconds(5000));

  const std::int64_t waited = millisSince(locked_at);
  CPPUNIT_ASSERT_EQUAL_MESSAGE(tasks.dump(), std::size_t{1}, tasks.size());
  CPPUNIT_ASSERT_EQUAL(task_id, idOf(tasks[0]));
  CPPUNIT_ASSERT_MESSAGE(std::to_string(waited) + " ms", waited >= 250 && waited < 2000);
}

// The engine promises to answer "as soon as ... a lock or retry timeout of one expires": a
// failure shortens the task's invisibility from its lock to the retry timeout.
void WorkflowEngineCases::testParkedFetchAnswersWhenRetryTimeoutExpires() {
  deploySaga(*engine_);
  startSaga(*engine_);
  const std::string task_id = idOf(fetchOne(*engine_, "lock-prices", "worker-a", kLongLock));
  auto failing = std::async(std::launch::async, [&] {
    std::this_thread::sleep_for(milliseconds(200));
    engine_->failure(task_id, "worker-a", "price service down", "", 1, 200);
  });
  const auto parked_at = Clock::now();

  const Json tasks =
      engine_->fetchAndLock(fetchRequest("worker-b", {"lock-prices"}), milliseconds(3000));

  const std::int64_t waited = millisSince(parked_at);
  failing.get();
  CPPUNIT_ASSERT_EQUAL_MESSAGE(tasks.dump(), std::size_t{1}, tasks.size());
  CPPUNIT_ASSERT_EQUAL(task_id, idOf(tasks[0]));
  CPPUNIT_ASSERT_MESSAGE(std::to_string(waited) + " ms", waited >= 350 && waited < 2000);
}

void WorkflowEngineCases::testParkedFetchAnswersEmptyAfterItsWait() {
  deploySaga(*engine_);
  startSaga(*engine_);  // a task, but on another topic
  const auto parked_at = Clock::now();

  const Json tasks =
      engine_->fetchAndLock(fetchRequest(kWorker, {"confirm-publication"}), milliseconds(300));

  const std::int64_t waited = millisSince(parked_at);
  CPPUNIT_ASSERT_EQUAL(std::string("[]"), tasks.dump());
  CPPUNIT_ASSERT_MESSAGE(std::to_string(waited) + " ms", waited >= 300 && waited < 2000);
}

void WorkflowEngineCases::testShutdownReleasesParkedFetch() {
  deploySaga(*engine_);
  auto parked = std::async(std::launch::async, [&] {
    return engine_->fetchAndLock(fetchRequest(kWorker, {"lock-prices"}), milliseconds(5000));
  });
  std::this_thread::sleep_for(milliseconds(200));
  const auto shut_down_at = Clock::now();

  engine_->shutdown();

  const Json tasks = parked.get();
  const std::int64_t released = millisSince(shut_down_at);
  CPPUNIT_ASSERT_EQUAL(std::string("[]"), tasks.dump());
  CPPUNIT_ASSERT_MESSAGE(std::to_string(released) + " ms", released < 1000);
}

// ---- durability, concurrency, priority ------------------------------------------------------

void WorkflowEngineCases::testSagaSurvivesEngineRestart() {
  deploySaga(*engine_);
  const std::string instance = startSaga(*engine_);
  const Json locked = fetchOne(*engine_, "lock-prices", "worker-a", 500);

  engine_.reset();  // all the engine kept in memory is lost, as in a crash
  engine_ = WorkflowEngine::open(url_);

  const std::string definition_id = locked.at("processDefinitionId").get<std::string>();
  CPPUNIT_ASSERT_EQUAL(sagaXml(),
                       engine_->definitionXml(definition_id).at("bpmn20Xml").get<std::string>());
  CPPUNIT_ASSERT(fetch(*engine_, "worker-b", "lock-prices").empty());
  Json handed;
  CPPUNIT_ASSERT(test::eventually(
      [&] {
        handed = fetch(*engine_, "worker-b", "lock-prices");
        return !handed.empty();
      },
      std::chrono::seconds(2)));
  CPPUNIT_ASSERT_EQUAL(idOf(locked), idOf(handed[0]));
  engine_->complete(idOf(handed[0]), "worker-b", {});
  CPPUNIT_ASSERT_EQUAL(
      instance,
      fetchOne(*engine_, "validate-specifications").at("processInstanceId").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(
      definition_id,
      engine_->startProcess(kSagaKey, std::nullopt, {}).at("definitionId").get<std::string>());
}

void WorkflowEngineCases::testConcurrentFetchesLockEveryTaskOnce() {
  deploySaga(*engine_);
  std::set<std::string> instances;
  for (int i = 0; i < 20; ++i)
    instances.insert(startSaga(*engine_, "offering-" + std::to_string(i)));
  std::promise<void> go;
  const std::shared_future<void> ready = go.get_future().share();
  std::vector<std::future<Strings>> workers;
  for (int w = 0; w < 4; ++w) {
    workers.push_back(std::async(std::launch::async, [&, w] {
      ready.wait();
      Strings ids;
      for (int round = 0; round < 20; ++round) {
        const Json tasks = engine_->fetchAndLock(
            fetchRequest("worker-" + std::to_string(w), {"lock-prices"}, kLongLock, 5));
        if (tasks.empty()) break;
        for (const Json& task : tasks) ids.push_back(idOf(task));
      }
      return ids;
    }));
  }

  go.set_value();

  Strings all;
  for (auto& worker : workers) {
    const Strings ids = worker.get();
    all.insert(all.end(), ids.begin(), ids.end());
  }
  const std::set<std::string> distinct(all.begin(), all.end());
  CPPUNIT_ASSERT_EQUAL_MESSAGE(joined(all), std::size_t{20}, all.size());
  CPPUNIT_ASSERT_EQUAL(std::size_t{20}, distinct.size());
  std::set<std::string> open;
  for (const Json& task : engine_->externalTasks(std::nullopt)) open.insert(idOf(task));
  CPPUNIT_ASSERT(open == distinct);
}

void WorkflowEngineCases::testUsePriorityFetchesHigherPriorityFirst() {
  engine_->deploy("priorities",
                  {{"routine.bpmn", oneTaskProcess("routine", 1)},
                   {"urgent.bpmn", oneTaskProcess("urgent", 50)}},
                  false);
  const std::string first = idOf(engine_->startProcess("routine", std::nullopt, {}));
  const std::string urgent = idOf(engine_->startProcess("urgent", std::nullopt, {}));
  const std::string second = idOf(engine_->startProcess("routine", std::nullopt, {}));
  WorkflowEngine::FetchRequest request = fetchRequest(kWorker, {"work"}, kLongLock, 3);
  request.use_priority = true;

  const Json tasks = engine_->fetchAndLock(request);

  Strings order;
  for (const Json& task : tasks) order.push_back(task.at("processInstanceId").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(joined({urgent, first, second}), joined(order));
  CPPUNIT_ASSERT_EQUAL(50, tasks[0].at("priority").get<int>());
  CPPUNIT_ASSERT_EQUAL(1, tasks[1].at("priority").get<int>());
}

void WorkflowEngineCases::testWithoutUsePriorityCreationOrderRules() {
  engine_->deploy("priorities",
                  {{"routine.bpmn", oneTaskProcess("routine", 1)},
                   {"urgent.bpmn", oneTaskProcess("urgent", 50)}},
                  false);
  const std::string first = idOf(engine_->startProcess("routine", std::nullopt, {}));
  const std::string urgent = idOf(engine_->startProcess("urgent", std::nullopt, {}));
  const std::string second = idOf(engine_->startProcess("routine", std::nullopt, {}));

  const Json tasks = engine_->fetchAndLock(fetchRequest(kWorker, {"work"}, kLongLock, 3));

  Strings order;
  for (const Json& task : tasks) order.push_back(task.at("processInstanceId").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(joined({first, urgent, second}), joined(order));
}

// ---- variables ------------------------------------------------------------------------------

void WorkflowEngineCases::testUnknownVariableTypeIsRefused() {
  const Refusal refusal = refusalOf([] {
    variablesFromDto({{"price", {{"type", "Money"}, {"value", "12.50"}}}});
  });

  CPPUNIT_ASSERT_EQUAL(400, refusal.status);
  CPPUNIT_ASSERT_MESSAGE(refusal.message,
                         contains(refusal.message, "Unsupported value type 'Money'"));
  // Camunda lower-cases the first letter only, so "INTEGER" names no type.
  CPPUNIT_ASSERT_EQUAL(400, refusalOf([] {
                              variableFromDto({{"type", "INTEGER"}, {"value", 1}});
                            }).status);
}

void WorkflowEngineCases::testTypeNameFirstLetterIsCaseInsensitive() {
  const Variable expected{"Integer", 42};

  CPPUNIT_ASSERT(expected == variableFromDto({{"type", "integer"}, {"value", 42}}));
  CPPUNIT_ASSERT(expected == variableFromDto({{"type", "Integer"}, {"value", 42}}));
  CPPUNIT_ASSERT(expected == variableFromDto({{"type", "integer"}, {"value", "42"}}));
  CPPUNIT_ASSERT(Variable({"String", "x"}) ==
                 variableFromDto({{"type", "string"}, {"value", "x"}}));
  CPPUNIT_ASSERT_EQUAL(400, refusalOf([] {
                              variableFromDto({{"type", "Integer"}, {"value", 4294967296}});
                            }).status);
}

void WorkflowEngineCases::testJsonVariableRoundTripsAsString() {
  deploySaga(*engine_);
  const Json dtos = {{"offeringId", {{"type", "String"}, {"value", "offering-42"}}},
                     {"pricingIds", {{"type", "Json"}, {"value", R"(["price-1","price-2"])"}}}};
  const std::string instance =
      idOf(engine_->startProcess(kSagaKey, "offering-42", variablesFromDto(dtos)));

  const Json task = fetchOne(*engine_, "lock-prices");

  const Json expected = {
      {"type", "Json"}, {"value", R"(["price-1","price-2"])"}, {"valueInfo", Json::object()}};
  CPPUNIT_ASSERT(task.at("variables").at("pricingIds").at("value").is_string());
  assertSameJson(expected, task["variables"]["pricingIds"]);
  assertSameJson(expected, engine_->processVariables(instance).at("pricingIds"));
  CPPUNIT_ASSERT_EQUAL(400, refusalOf([] {
                              variableFromDto({{"type", "Json"}, {"value", Json::array({"p"})}});
                            }).status);
}

void WorkflowEngineCases::testCompleteVariablesOverwriteEarlierOnes() {
  deploySaga(*engine_);
  const std::string instance = startSaga(*engine_);

  completeOffered(*engine_, "lock-prices",
                  {{"offeringId", {"String", "offering-43"}}, {"priceLockId", {"Long", 7}}});

  const Json variables = fetchOne(*engine_, "validate-specifications").at("variables");
  CPPUNIT_ASSERT_EQUAL(std::string("offering-43"),
                       variables.at("offeringId").at("value").get<std::string>());
  CPPUNIT_ASSERT_EQUAL(std::string("Long"),
                       variables.at("priceLockId").at("type").get<std::string>());
  assertSameJson(variableToDto(sagaVariables().at("pricingIds")), variables.at("pricingIds"));
  CPPUNIT_ASSERT_EQUAL(
      std::string("offering-43"),
      engine_->processVariables(instance).at("offeringId").at("value").get<std::string>());
}

}  // namespace catalog::host
