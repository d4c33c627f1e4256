// The embedded engine's /engine-rest as Camunda 7's own client sees it: the publication saga
// (bpmn/offering-publication-saga.bpmn) deployed as multipart and started over REST, its tasks
// worked by camunda-external-task-client-js (external_task_client_worker.js) along each path a
// saga takes, and the protocol facts that client relies on checked with plain HTTP
// (saga-outbox notes §1–§2).
#include <Poco/File.h>
#include <Poco/Net/FilePartSource.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "support/catalogd_process.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

const std::string kSourceDir = CATALOG_SOURCE_DIR;
const std::string kSagaFile = kSourceDir + "/bpmn/offering-publication-saga.bpmn";
const std::string kNodeModules = kSourceDir + "/test/node/node_modules";
const std::string kWorker = kSourceDir + "/test/engine/external_task_client_worker.js";
const std::string kSagaKey = "offering-publication-saga";

// Camunda's REST date format: yyyy-MM-dd'T'HH:mm:ss.SSSZ (notes §1.0).
const std::regex kCamundaDate(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4})");

struct WorkerRun {
  int exit_code = -1;
  std::string out;
  std::string err;
  std::vector<Json> lines;  ///< one per task the worker handled, in order

  std::vector<Json> linesOf(const std::string& topic) const {
    std::vector<Json> found;
    for (const Json& line : lines) {
      if (line["topic"] == topic) found.push_back(line);
    }
    return found;
  }
};

std::string readAll(Poco::Pipe& pipe) {
  Poco::PipeInputStream stream(pipe);
  std::string text;
  Poco::StreamCopier::copyToString(stream, text);
  return text;
}

// catalogd with the embedded engine on its own data directory, trusting TestIssuer's tokens.
class EngineHost {
 public:
  EngineHost()
      : catalogd_({{"--plugins=characteristic", "--data-dir=" + dir_.file("var")},
                   withIssuer({{"CATALOG_ENGINE_ENABLED", "true"}}),
                   dir_.file("catalogd.log")}) {}

  int port() const { return catalogd_.port(); }

  HttpResult call(const std::string& method, const std::string& path,
                  const Json& body = Json()) const {
    return httpRequest(port(), method, "/engine-rest" + path, body.is_null() ? "" : body.dump(),
                       TestIssuer::instance().bearer("ADMIN"));
  }

  // POST /deployment/create as curl -F would send it: text fields and the file as a part.
  HttpResult deploySaga() const {
    Poco::Net::HTMLForm form(Poco::Net::HTMLForm::ENCODING_MULTIPART);
    form.set("deployment-name", kSagaKey);
    form.set("deployment-source", "external-task-client-test");
    form.set("enable-duplicate-filtering", "true");
    // HTMLForm owns its parts; the part's file name is the resource name.
    form.addPart("data", new Poco::Net::FilePartSource(kSagaFile, "application/octet-stream"));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/");
    form.prepareSubmit(request);
    std::ostringstream body;
    form.write(body);
    auto headers = TestIssuer::instance().bearer("ADMIN");
    headers["Content-Type"] = request.getContentType();
    return httpRequest(port(), "POST", "/engine-rest/deployment/create", body.str(), headers);
  }

  void deploy() const {
    const HttpResult deployed = deploySaga();
    CPPUNIT_ASSERT_EQUAL_MESSAGE(deployed.text, 200, deployed.status);
  }

  // A saga for offering-1 with one price and two specifications; returns the instance id.
  std::string startSaga() const {
    const HttpResult started =
        call("POST", "/process-definition/key/" + kSagaKey + "/start",
             {{"businessKey", "offering-1"},
              {"variables",
               {{"offeringId", {{"type", "String"}, {"value", "offering-1"}}},
                {"pricingIds", {{"type", "Json"}, {"value", R"(["p1"])"}}},
                {"specificationIds", {{"type", "Json"}, {"value", R"(["s1","s2"])"}}},
                {"correlationId", {{"type", "String"}, {"value", "corr-1"}}}}}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(started.text, 200, started.status);
    CPPUNIT_ASSERT_EQUAL(Json(kSagaKey), started.json["definitionKey"]);
    CPPUNIT_ASSERT_EQUAL(Json(false), started.json["ended"]);
    return started.json["id"];
  }

  // Runs external_task_client_worker.js until the instance ends (or the worker gives up).
  WorkerRun runWorker(const std::string& scenario, const std::string& instance_id) const {
    CPPUNIT_ASSERT_MESSAGE(kNodeModules + " is missing: run npm ci --prefix test/node",
                           Poco::File(kNodeModules).exists());
    Poco::Pipe out;
    Poco::Pipe err;
    Poco::ProcessHandle worker =
        Poco::Process::launch("node", {kWorker, scenario, std::to_string(port()), instance_id},
                              kSourceDir, nullptr, &out, &err,
                              {{"NODE_PATH", kNodeModules},
                               {"CATALOG_ENGINE_TOKEN", TestIssuer::instance().token("ADMIN")}});
    // A line per task and at most one problem, far less than a pipe holds: reading stdout to
    // its end before stderr cannot block the worker.
    WorkerRun run;
    run.out = readAll(out);
    run.err = readAll(err);
    run.exit_code = worker.wait();
    std::istringstream lines(run.out);
    for (std::string line; std::getline(lines, line);) {
      const Json parsed = Json::parse(line, nullptr, false);
      CPPUNIT_ASSERT_MESSAGE("not a JSON line: " + line, !parsed.is_discarded());
      run.lines.push_back(parsed);
    }
    return run;
  }

  // The activities the instance went through, in order, "(canceled)" after an interrupted one.
  std::string path(const std::string& instance_id) const {
    const HttpResult history =
        call("GET", "/history/activity-instance?processInstanceId=" + instance_id);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(history.text, 200, history.status);
    std::string taken;
    for (const Json& activity : history.json) {
      taken += (taken.empty() ? "" : ", ") + activity["activityId"].get<std::string>();
      if (activity["canceled"] == true) taken += " (canceled)";
    }
    return taken;
  }

  Json historicInstance(const std::string& instance_id) const {
    const HttpResult history =
        call("GET", "/history/process-instance?processInstanceId=" + instance_id);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(history.text, 200, history.status);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(history.text, std::size_t{1}, history.json.size());
    return history.json[0];
  }

  std::string logs() const { return catalogd_.logs(); }

 private:
  static std::map<std::string, std::string> withIssuer(std::map<std::string, std::string> env) {
    env.merge(TestIssuer::instance().hostEnv());
    return env;
  }

  TempDir dir_;
  CatalogdProcess catalogd_;
};

std::string workerReport(const WorkerRun& run) {
  return "worker exit " + std::to_string(run.exit_code) + "\nstdout:\n" + run.out + "stderr:\n" +
         run.err;
}

// The topics of the worker's lines, with what it did: "lock-prices complete, …".
std::string handled(const WorkerRun& run) {
  std::string topics;
  for (const Json& line : run.lines) {
    topics += (topics.empty() ? "" : ", ") + line["topic"].get<std::string>() + " " +
              line["action"].get<std::string>();
  }
  return topics;
}

void assertCamundaException(const HttpResult& result, int status, const std::string& type,
                            const std::string& message) {
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, status, result.status);
  CPPUNIT_ASSERT_EQUAL(std::string("application/json"), result.headers.at("content-type"));
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, Json(type), result.json["type"]);
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, Json(message), result.json["message"]);
}

Json fetchBody(const std::string& worker_id, const std::string& topic) {
  return {{"workerId", worker_id},
          {"maxTasks", 1},
          {"topics", {{{"topicName", topic}, {"lockDuration", 10000}}}}};
}

}  // namespace

class ExternalTaskClientTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ExternalTaskClientTest);
  CPPUNIT_TEST(testMultipartDeploymentAnswersWithTheDeployedDefinition);
  CPPUNIT_TEST(testJsClientCompletesTheSagaAlongThePublishedPath);
  CPPUNIT_TEST(testJsClientBpmnErrorOnConfirmationRunsTheUndoChain);
  CPPUNIT_TEST(testJsClientFailureWithRetriesGetsTheTaskBackAfterItsTimeout);
  CPPUNIT_TEST(testEveryEngineAnswerIsExactlyApplicationJson);
  CPPUNIT_TEST(testLongPollWithNothingToFetchAnswersEmptyAfterItsTimeout);
  CPPUNIT_TEST(testCompleteByAnotherWorkerIsRefusedWith400);
  CPPUNIT_TEST(testCompleteOfUnknownTaskIs404);
  CPPUNIT_TEST(testRequestWithoutTokenIsRefusedWith401);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testMultipartDeploymentAnswersWithTheDeployedDefinition() {
    EngineHost host;

    const HttpResult deployed = host.deploySaga();

    CPPUNIT_ASSERT_EQUAL_MESSAGE(deployed.text, 200, deployed.status);
    const Json& deployment = deployed.json;
    CPPUNIT_ASSERT_MESSAGE(deployed.text, deployment["id"].is_string());
    CPPUNIT_ASSERT_EQUAL(Json(kSagaKey), deployment["name"]);
    CPPUNIT_ASSERT_EQUAL(Json("external-task-client-test"), deployment["source"]);
    CPPUNIT_ASSERT_MESSAGE(
        deployed.text,
        std::regex_match(deployment["deploymentTime"].get<std::string>(), kCamundaDate));
    CPPUNIT_ASSERT(deployment["links"].is_array());
    for (const char* absent : {"tenantId", "deployedCaseDefinitions", "deployedDecisionDefinitions",
                               "deployedDecisionRequirementsDefinitions"}) {
      CPPUNIT_ASSERT_MESSAGE(absent, deployment.contains(absent) && deployment[absent].is_null());
    }
    const Json& definitions = deployment["deployedProcessDefinitions"];
    CPPUNIT_ASSERT_EQUAL_MESSAGE(deployed.text, std::size_t{1}, definitions.size());
    const std::string id = definitions.begin().key();
    const Json& definition = definitions.begin().value();
    CPPUNIT_ASSERT_MESSAGE(id, id.rfind(kSagaKey + ":1:", 0) == 0);
    CPPUNIT_ASSERT_EQUAL(Json(id), definition["id"]);
    CPPUNIT_ASSERT_EQUAL(Json(kSagaKey), definition["key"]);
    CPPUNIT_ASSERT_EQUAL(Json("Offering publication saga"), definition["name"]);
    CPPUNIT_ASSERT_EQUAL(Json(1), definition["version"]);
    CPPUNIT_ASSERT_EQUAL(Json("offering-publication-saga.bpmn"), definition["resource"]);
    CPPUNIT_ASSERT_EQUAL(deployment["id"], definition["deploymentId"]);
    CPPUNIT_ASSERT_EQUAL(Json(false), definition["suspended"]);
    CPPUNIT_ASSERT(definition.contains("tenantId") && definition["tenantId"].is_null());
  }

  void testJsClientCompletesTheSagaAlongThePublishedPath() {
    EngineHost host;
    host.deploy();
    const std::string instance = host.startSaga();

    // confirm-publication completes with publishedAt a JS Date: Camunda's Date type.
    const WorkerRun run = host.runWorker("happy", instance);

    CPPUNIT_ASSERT_EQUAL_MESSAGE(workerReport(run), 0, run.exit_code);
    CPPUNIT_ASSERT_EQUAL(std::string("lock-prices complete, validate-specifications unlock, "
                                     "validate-specifications complete, create-store-entry "
                                     "complete, confirm-publication complete, unlock-prices "
                                     "complete"),
                         handled(run));
    CPPUNIT_ASSERT_EQUAL(std::string("StartEvent_PublicationRequested, Task_LockPrices, "
                                     "Task_ValidateSpecifications, Gateway_SpecificationsValid, "
                                     "Task_CreateStoreEntry, Task_ConfirmPublication, "
                                     "Task_ReleasePrices, EndEvent_Published"),
                         host.path(instance));
    CPPUNIT_ASSERT_EQUAL(Json("COMPLETED"), host.historicInstance(instance)["state"]);

    // Started typed over REST, read through the client's Variables.
    const Json lock = run.linesOf("lock-prices").at(0);
    CPPUNIT_ASSERT_EQUAL(Json("offering-1"), lock["variables"]["offeringId"]);
    CPPUNIT_ASSERT_EQUAL(Json("string"), lock["variableTypes"]["offeringId"]);
    CPPUNIT_ASSERT_EQUAL(Json::parse(R"(["p1"])"), lock["variables"]["pricingIds"]);
    CPPUNIT_ASSERT_EQUAL(Json("json"), lock["variableTypes"]["pricingIds"]);
    CPPUNIT_ASSERT_EQUAL(Json(instance), lock["processInstanceId"]);
    CPPUNIT_ASSERT_EQUAL(Json("Task_LockPrices"), lock["activityId"]);
    CPPUNIT_ASSERT(lock["retries"].is_null());
    // Set by the client's Variables().set(…) on complete, read back by the next tasks.
    const Json confirm = run.linesOf("confirm-publication").at(0);
    CPPUNIT_ASSERT_EQUAL(Json(true), confirm["variables"]["validationResult"]);
    CPPUNIT_ASSERT_EQUAL(Json("boolean"), confirm["variableTypes"]["validationResult"]);
    CPPUNIT_ASSERT_EQUAL(Json("store-entry-1"), confirm["variables"]["storeEntryId"]);
    // The release of the prices shares its topic with the undo: the activity tells them apart.
    CPPUNIT_ASSERT_EQUAL(Json("Task_ReleasePrices"),
                         run.linesOf("unlock-prices").at(0)["activityId"]);
    // The unlocked task came back to be completed; the extended lock moved.
    CPPUNIT_ASSERT_EQUAL(Json(2), run.linesOf("validate-specifications").at(1)["delivery"]);
    const Json store = run.linesOf("create-store-entry").at(0);
    const std::string fetched_lock = store["lockExpirationTime"];
    const std::string extended_lock = store.value("extendedLockExpirationTime", "");
    CPPUNIT_ASSERT_MESSAGE(fetched_lock, std::regex_match(fetched_lock, kCamundaDate));
    CPPUNIT_ASSERT_MESSAGE(extended_lock, std::regex_match(extended_lock, kCamundaDate));
    CPPUNIT_ASSERT_MESSAGE(fetched_lock + " then " + extended_lock, extended_lock > fetched_lock);
  }

  // SRS §3.2.4: a failed confirmation deletes the store entry, unlocks the prices and reverts
  // the offering, in that order.
  void testJsClientBpmnErrorOnConfirmationRunsTheUndoChain() {
    EngineHost host;
    host.deploy();
    const std::string instance = host.startSaga();

    const WorkerRun run = host.runWorker("fail-confirm", instance);

    CPPUNIT_ASSERT_EQUAL_MESSAGE(workerReport(run), 0, run.exit_code);
    CPPUNIT_ASSERT_EQUAL(std::string("lock-prices complete, validate-specifications complete, "
                                     "create-store-entry complete, confirm-publication bpmnError, "
                                     "delete-store-entry complete, unlock-prices complete, "
                                     "revert-offering-to-draft complete"),
                         handled(run));
    CPPUNIT_ASSERT_EQUAL(
        std::string("StartEvent_PublicationRequested, Task_LockPrices, "
                    "Task_ValidateSpecifications, Gateway_SpecificationsValid, "
                    "Task_CreateStoreEntry, Task_ConfirmPublication (canceled), "
                    "Boundary_PublicationNotConfirmed, Task_DeleteStoreEntry, Task_UnlockPrices, "
                    "Task_RevertOfferingToDraft, EndEvent_PublicationFailed"),
        host.path(instance));
    CPPUNIT_ASSERT_EQUAL(Json("COMPLETED"), host.historicInstance(instance)["state"]);
    // The ended instance's variables are gone from runtime (404): the undo tasks saw them.
    for (const char* undo : {"delete-store-entry", "unlock-prices", "revert-offering-to-draft"}) {
      const Json line = run.linesOf(undo).at(0);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(undo, Json("store said no"), line["variables"]["failureReason"]);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(undo, Json("string"), line["variableTypes"]["failureReason"]);
    }
  }

  void testJsClientFailureWithRetriesGetsTheTaskBackAfterItsTimeout() {
    EngineHost host;
    host.deploy();
    const std::string instance = host.startSaga();

    const WorkerRun run = host.runWorker("retry", instance);

    const std::vector<Json> locks = run.linesOf("lock-prices");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(workerReport(run), std::size_t{2}, locks.size());
    CPPUNIT_ASSERT_EQUAL(Json("failure"), locks[0]["action"]);
    CPPUNIT_ASSERT(locks[0]["retries"].is_null());
    CPPUNIT_ASSERT(locks[0]["errorMessage"].is_null());
    CPPUNIT_ASSERT_EQUAL(Json("complete"), locks[1]["action"]);
    CPPUNIT_ASSERT_EQUAL(Json(1), locks[1]["retries"]);
    CPPUNIT_ASSERT_EQUAL(Json("price service unavailable"), locks[1]["errorMessage"]);
    CPPUNIT_ASSERT_EQUAL(Json("connect ECONNREFUSED"), locks[1]["errorDetails"]);
    const auto waited =
        locks[1]["fetchedAt"].get<std::int64_t>() - locks[0]["fetchedAt"].get<std::int64_t>();
    CPPUNIT_ASSERT_MESSAGE(std::to_string(waited) + " ms", waited >= 200);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(workerReport(run), 0, run.exit_code);
    // A failure with retries left is no new activity instance and no incident.
    CPPUNIT_ASSERT_EQUAL(std::string("StartEvent_PublicationRequested, Task_LockPrices, "
                                     "Task_ValidateSpecifications, Gateway_SpecificationsValid, "
                                     "Task_CreateStoreEntry, Task_ConfirmPublication, "
                                     "Task_ReleasePrices, EndEvent_Published"),
                         host.path(instance));
    CPPUNIT_ASSERT_EQUAL(Json::array(), host.call("GET", "/incident").json);
  }

  // EngineService.js parses a body only when the content type is exactly application/json.
  void testEveryEngineAnswerIsExactlyApplicationJson() {
    EngineHost host;
    const HttpResult deployed = host.deploySaga();
    const std::string instance = host.startSaga();
    const std::vector<HttpResult> answers = {
        deployed,
        host.call("POST", "/process-definition/key/" + kSagaKey + "/start", Json::object()),
        host.call("POST", "/external-task/fetchAndLock", fetchBody("w", "lock-prices")),
        host.call("POST", "/external-task/fetchAndLock", fetchBody("w", "no-such-topic")),
        host.call("GET", "/history/process-instance?processInstanceId=" + instance),
        host.call("GET", "/history/activity-instance?processInstanceId=" + instance),
        host.call("GET", "/external-task?processInstanceId=" + instance),
        host.call("GET", "/process-instance/" + instance + "/variables"),
        host.call("GET", "/process-instance/no-such-instance"),
        host.call("POST", "/external-task/fetchAndLock", Json{{"topics", Json::array()}})};

    for (const HttpResult& answer : answers) {
      CPPUNIT_ASSERT_EQUAL_MESSAGE(answer.text, std::string("application/json"),
                                   answer.headers.at("content-type"));
    }
  }

  void testLongPollWithNothingToFetchAnswersEmptyAfterItsTimeout() {
    EngineHost host;
    host.deploy();
    Json poll = fetchBody("w", "lock-prices");
    poll["asyncResponseTimeout"] = 700;

    const auto started = std::chrono::steady_clock::now();
    const HttpResult answer = host.call("POST", "/external-task/fetchAndLock", poll);
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();

    CPPUNIT_ASSERT_EQUAL_MESSAGE(answer.text, 200, answer.status);
    CPPUNIT_ASSERT_EQUAL(std::string("[]"), answer.text);
    CPPUNIT_ASSERT_EQUAL(std::string("application/json"), answer.headers.at("content-type"));
    CPPUNIT_ASSERT_MESSAGE(std::to_string(waited) + " ms", waited >= 700 && waited < 3000);
  }

  void testCompleteByAnotherWorkerIsRefusedWith400() {
    EngineHost host;
    host.deploy();
    host.startSaga();
    const HttpResult fetched =
        host.call("POST", "/external-task/fetchAndLock", fetchBody("worker-a", "lock-prices"));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(fetched.text, std::size_t{1}, fetched.json.size());
    const std::string task = fetched.json[0]["id"];

    const HttpResult refused =
        host.call("POST", "/external-task/" + task + "/complete", {{"workerId", "worker-b"}});

    assertCamundaException(refused, 400, "BadUserRequestException",
                           "External Task " + task +
                               " cannot be completed by worker 'worker-b'. It is locked by "
                               "worker 'worker-a'.");
    const HttpResult owner =
        host.call("POST", "/external-task/" + task + "/complete", {{"workerId", "worker-a"}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(owner.text, 204, owner.status);
  }

  void testCompleteOfUnknownTaskIs404() {
    EngineHost host;
    const std::string task = "3f0b6c2e-0000-4000-8000-000000000404";

    const HttpResult refused =
        host.call("POST", "/external-task/" + task + "/complete", {{"workerId", "w"}});

    assertCamundaException(refused, 404, "RestException",
                           "External task with id " + task + " does not exist");
  }

  void testRequestWithoutTokenIsRefusedWith401() {
    EngineHost host;

    const HttpResult history =
        httpRequest(host.port(), "GET", "/engine-rest/history/process-instance");
    const HttpResult fetch =
        httpRequest(host.port(), "POST", "/engine-rest/external-task/fetchAndLock",
                    fetchBody("w", "lock-prices").dump());

    CPPUNIT_ASSERT_EQUAL_MESSAGE(history.text, 401, history.status);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(fetch.text, 401, fetch.status);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ExternalTaskClientTest);

}  // namespace catalog::test
