#include "workflow/workflow_engine.hpp"

#include <Poco/DateTimeParser.h>
#include <Poco/Timestamp.h>

#include <algorithm>
#include <deque>
#include <set>

#include "catalog/sdk/ids.hpp"
#include "catalog/sdk/transaction.hpp"
#include "storage/migrator.hpp"
#include "workflow/bpmn_parser.hpp"
#include "workflow/engine_error.hpp"
#include "workflow/engine_migrations.hpp"
#include "workflow/engine_sql.hpp"

namespace catalog::host {

// An open external task with what its instance adds.
struct ExternalTaskRow {
  std::string id;
  std::string instance_id;
  std::string activity_id;
  std::string activity_instance_id;
  std::string topic;
  std::int64_t priority = 0;
  std::optional<std::string> worker_id;
  std::optional<std::string> lock_expiration_time;
  std::optional<std::int64_t> retries;
  std::optional<std::string> error_message;
  std::optional<std::string> error_details;
  std::string create_time;
  std::optional<std::string> compensation_wait_id;  // a compensation handler's
  // From the instance.
  std::string definition_id;
  std::string process_key;
  std::optional<std::string> business_key;
};

namespace {

using sdk::Json;
using sdk::Value;

constexpr const char* kTaskSelect =
    "SELECT t.id, t.instance_id, t.activity_id, t.activity_instance_id, t.topic, t.priority,"
    " t.worker_id, t.lock_expiration_time, t.retries, t.error_message, t.error_details,"
    " t.create_time, t.compensation_wait_id, i.definition_id, i.process_key, i.business_key"
    " FROM engine_external_tasks t JOIN engine_process_instances i ON i.id = t.instance_id ";

std::optional<std::int64_t> optionalInt(const sdk::Row& row, std::string_view column) {
  const Value& value = row[column];
  if (value.isNull()) return std::nullopt;
  return value.int64();
}

ExternalTaskRow taskOf(const sdk::Row& row) {
  return {row.text("id"),
          row.text("instance_id"),
          row.text("activity_id"),
          row.text("activity_instance_id"),
          row.text("topic"),
          row.int64("priority"),
          row.optionalText("worker_id"),
          row.optionalText("lock_expiration_time"),
          optionalInt(row, "retries"),
          row.optionalText("error_message"),
          row.optionalText("error_details"),
          row.text("create_time"),
          row.optionalText("compensation_wait_id"),
          row.text("definition_id"),
          row.text("process_key"),
          row.optionalText("business_key")};
}

Json optionalJson(const std::optional<std::string>& text) { return text ? Json(*text) : Json(); }

Json timeJson(const std::optional<std::string>& stored) {
  return stored ? Json(camundaTime(*stored)) : Json();
}

std::int64_t epochMillis(const std::string& stored) {
  int zone = 0;
  const Poco::DateTime at =
      Poco::DateTimeParser::parse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, stored, zone);
  return at.timestamp().epochMicroseconds() / 1000;
}

Json durationJson(const std::string& start, const std::optional<std::string>& end) {
  return end ? Json(epochMillis(*end) - epochMillis(start)) : Json();
}

std::int64_t nextSequence(EngineSql& sql) {
  return sql
      .query(
          "UPDATE engine_sequence SET value = value + 1 WHERE name = 'engine' RETURNING value")[0]
      .int64("value");
}

Variables loadVariables(EngineSql& sql, const std::string& instance_id) {
  Variables variables;
  for (const sdk::Row& row :
       sql.query("SELECT name, type, value, value_info FROM engine_variables WHERE instance_id = ?",
                 {instance_id})) {
    variables[row.text("name")] = {row.text("type"), Json::parse(row.text("value")),
                                   Json::parse(row.text("value_info"))};
  }
  return variables;
}

void saveVariables(EngineSql& sql, const std::string& instance_id, const Variables& variables) {
  for (const auto& [name, variable] : variables) {
    sql.execute(
        "INSERT INTO engine_variables (instance_id, name, type, value, value_info)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (instance_id, name) DO UPDATE SET"
        " type = excluded.type, value = excluded.value, value_info = excluded.value_info",
        {instance_id, name, variable.type, variable.value.dump(), variable.value_info.dump()});
  }
}

// An activity a token entered; ends at once unless `waits`.
std::string enterActivity(EngineSql& sql, const std::string& instance_id, const FlowNode& node,
                          bool waits) {
  const std::string id = node.id + ":" + sdk::newUuid();
  const std::string now = sdk::utcNow();
  sql.execute(
      "INSERT INTO engine_activity_instances (id, instance_id, activity_id, activity_name,"
      " activity_type, start_time, end_time, canceled, sequence) VALUES (?, ?, ?, ?, ?, ?, ?, 0, "
      "?)",
      {id, instance_id, node.id, node.name, std::string(activityType(node)), now,
       waits ? Value() : Value(now), nextSequence(sql)});
  return id;
}

void leaveActivity(EngineSql& sql, const std::string& activity_instance_id, bool canceled) {
  sql.execute("UPDATE engine_activity_instances SET end_time = ?, canceled = ? WHERE id = ?",
              {sdk::utcNow(), canceled ? 1 : 0, activity_instance_id});
}

// What this engine can't run yet, though the parser knows it: refused at deployment.
void requireExecutable(const ProcessDefinition& definition) {
  std::vector<std::string> problems;
  for (const auto& [id, node] : definition.nodes) {
    if (node.kind == FlowNodeKind::ParallelGateway && node.incoming.size() > 1)
      problems.push_back("joining parallel gateway '" + id + "'");
  }
  if (problems.empty()) return;
  std::string listed;
  for (const std::string& problem : problems) listed += (listed.empty() ? "" : ", ") + problem;
  throw EngineError(
      400, "ParseException",
      "The embedded engine cannot run yet: " + listed + " (process '" + definition.key + "')");
}

bool isBpmnResource(const std::string& name) {
  const auto endsWith = [&](const std::string& suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return endsWith(".bpmn") || endsWith(".bpmn20.xml");
}

// A failedExternalTask incident for the task unless one is open (Camunda raises one when the
// retries of an external task reach 0).
void raiseIncident(EngineSql& sql, const ExternalTaskRow& task, const std::string& message) {
  const bool open =
      !sql.query(
              "SELECT id FROM engine_incidents WHERE external_task_id = ? AND resolved_at IS NULL",
              {task.id})
           .empty();
  if (open) return;
  sql.execute(
      "INSERT INTO engine_incidents (id, instance_id, activity_id, external_task_id, message,"
      " create_time) VALUES (?, ?, ?, ?, ?, ?)",
      {sdk::newUuid(), task.instance_id, task.activity_id, task.id, message, sdk::utcNow()});
}

// An external task for `node`, the token's wait state; `wait_id` when it compensates.
void createTask(EngineSql& sql, const std::string& instance_id, const FlowNode& node,
                const std::optional<std::string>& wait_id = std::nullopt) {
  const std::string activity_instance = enterActivity(sql, instance_id, node, true);
  sql.execute(
      "INSERT INTO engine_external_tasks (id, instance_id, activity_id, activity_instance_id,"
      " topic, priority, create_time, sequence, compensation_wait_id)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {sdk::newUuid(), instance_id, node.id, activity_instance, node.topic, node.task_priority,
       sdk::utcNow(), nextSequence(sql), Value(wait_id)});
}

// A compensation thrown at `node`: the handlers of the completed tasks it covers (all of the
// instance's, or its activityRef's) become tasks, the latest completion's first, and the token
// waits at `node` until all are done. False when there is nothing to compensate.
bool startCompensation(EngineSql& sql, const ProcessDefinition& definition,
                       const std::string& instance_id, const FlowNode& node) {
  std::string where = "WHERE instance_id = ?";
  std::vector<Value> params{instance_id};
  if (node.compensate_activity) {
    where += " AND activity_id = ?";
    params.emplace_back(*node.compensate_activity);
  }
  const sdk::Rows subscriptions =
      sql.query("SELECT id, handler_id FROM engine_compensation_subscriptions " + where +
                    " ORDER BY sequence DESC",
                params);
  if (subscriptions.empty()) return false;
  const std::string wait_id = sdk::newUuid();
  sql.execute(
      "INSERT INTO engine_compensation_waits (id, instance_id, node_id, remaining)"
      " VALUES (?, ?, ?, ?)",
      {wait_id, instance_id, node.id, static_cast<std::int64_t>(subscriptions.size())});
  for (const sdk::Row& subscription : subscriptions) {
    sql.execute("DELETE FROM engine_compensation_subscriptions WHERE id = ?",
                {subscription.text("id")});
    createTask(sql, instance_id, definition.node(subscription.text("handler_id")), wait_id);
  }
  return true;
}

// One handler of a compensation is done: when it was the last, the token waiting at the throw
// event moves on, to the event's outgoing flows or, at an end event, to the end.
void resumeCompensation(EngineSql& sql, const ProcessDefinition& definition,
                        const std::string& wait_id, std::vector<std::string>& next,
                        std::string& ended_at) {
  sql.execute("UPDATE engine_compensation_waits SET remaining = remaining - 1 WHERE id = ?",
              {wait_id});
  const sdk::Rows rows =
      sql.query("SELECT node_id, remaining FROM engine_compensation_waits WHERE id = ?", {wait_id});
  if (rows.empty() || rows[0].int64("remaining") > 0) return;
  sql.execute("DELETE FROM engine_compensation_waits WHERE id = ?", {wait_id});
  const FlowNode& node = definition.node(rows[0].text("node_id"));
  if (node.kind == FlowNodeKind::EndEvent) {
    ended_at = node.id;
    return;
  }
  for (const std::string& flow : node.outgoing) next.push_back(definition.flow(flow).target);
}

}  // namespace

struct WorkflowEngine::Deployed {
  std::string id;
  int version;
  std::string resource;
  std::shared_ptr<const ProcessDefinition> definition;
};

std::string camundaTime(const std::string& stored) {
  if (!stored.empty() && stored.back() == 'Z') return stored.substr(0, stored.size() - 1) + "+0000";
  return stored;
}

std::unique_ptr<WorkflowEngine> WorkflowEngine::open(const std::string& database_url) {
  auto database = Database::open(database_url);
  std::vector<Migration> migrations;
  forEachEngineMigration(
      [&](std::string_view dialect, int version, std::string_view name, std::string_view sql) {
        migrations.push_back({std::string(dialect), version, std::string(name), std::string(sql)});
      });
  migrate(*database, "engine", std::move(migrations));
  return std::make_unique<WorkflowEngine>(std::move(database));
}

WorkflowEngine::WorkflowEngine(std::unique_ptr<Database> database)
    : database_(std::move(database)) {
  load();
}

WorkflowEngine::~WorkflowEngine() { shutdown(); }

void WorkflowEngine::load() {
  Transaction tx(*database_, false);
  EngineSql sql(tx);
  std::unique_lock lock(definitions_mutex_);
  for (const sdk::Row& row : sql.query("SELECT id, process_key, version, xml FROM "
                                       "engine_process_definitions ORDER BY version")) {
    const std::string key = row.text("process_key");
    by_id_[row.text("id")] = std::make_shared<const ProcessDefinition>(parseBpmn(row.text("xml")));
    latest_id_by_key_[key] = row.text("id");
    latest_version_by_key_[key] = static_cast<int>(row.int64("version"));
  }
}

std::shared_ptr<const ProcessDefinition> WorkflowEngine::definition(const std::string& id) const {
  std::shared_lock lock(definitions_mutex_);
  const auto found = by_id_.find(id);
  if (found == by_id_.end())
    throw EngineError(404, "InvalidRequestException", "No process definition with id " + id);
  return found->second;
}

sdk::Json WorkflowEngine::deploy(const std::string& name, const std::vector<Resource>& resources,
                                 bool duplicate_filtering, const std::string& source) {
  std::vector<std::pair<std::string, ProcessDefinition>> parsed;
  for (const Resource& resource : resources) {
    if (!isBpmnResource(resource.name)) continue;
    try {
      parsed.emplace_back(resource.name, parseBpmn(resource.content));
    } catch (const std::exception& e) {
      throw EngineError(
          400, "ParseException",
          "ENGINE-09005 Could not parse BPMN process. Errors: " + resource.name + ": " + e.what());
    }
    requireExecutable(parsed.back().second);
  }

  const std::string deployment_id = sdk::newUuid();
  const std::string now = sdk::utcNow();
  std::vector<Deployed> deployed;
  {
    Transaction tx(*database_, true);
    EngineSql sql(tx);
    sql.execute(
        "INSERT INTO engine_deployments (id, name, source, deployed_at) VALUES (?, ?, ?, ?)",
        {deployment_id, name, source.empty() ? Value() : Value(source), now});
    for (auto& [resource, definition] : parsed) {
      const sdk::Rows latest = sql.query(
          "SELECT version, xml FROM engine_process_definitions WHERE process_key = ?"
          " ORDER BY version DESC LIMIT 1",
          {definition.key});
      if (duplicate_filtering && !latest.empty() && latest[0].text("xml") == definition.xml)
        continue;
      const int version = latest.empty() ? 1 : static_cast<int>(latest[0].int64("version")) + 1;
      const std::string id = definition.key + ":" + std::to_string(version) + ":" + sdk::newUuid();
      sql.execute(
          "INSERT INTO engine_process_definitions (id, process_key, version, name, version_tag,"
          " resource, deployment_id, xml) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          {id, definition.key, version, definition.name,
           definition.version_tag.empty() ? Value() : Value(definition.version_tag), resource,
           deployment_id, definition.xml});
      deployed.push_back({id, version, resource,
                          std::make_shared<const ProcessDefinition>(std::move(definition))});
    }
    tx.commit();
  }

  Json definitions = Json::object();
  std::unique_lock lock(definitions_mutex_);
  for (const Deployed& d : deployed) {
    by_id_[d.id] = d.definition;
    latest_id_by_key_[d.definition->key] = d.id;
    latest_version_by_key_[d.definition->key] = d.version;
    definitions[d.id] = {
        {"id", d.id},
        {"key", d.definition->key},
        {"category", "http://bpmn.io/schema/bpmn"},
        {"description", nullptr},
        {"name", d.definition->name},
        {"version", d.version},
        {"resource", d.resource},
        {"deploymentId", deployment_id},
        {"diagram", nullptr},
        {"suspended", false},
        {"tenantId", nullptr},
        {"versionTag",
         d.definition->version_tag.empty() ? Json() : Json(d.definition->version_tag)}};
  }
  return {{"links", Json::array()},
          {"id", deployment_id},
          {"name", name},
          {"source", source.empty() ? Json() : Json(source)},
          {"deploymentTime", camundaTime(now)},
          {"tenantId", nullptr},
          {"deployedProcessDefinitions", std::move(definitions)},
          {"deployedCaseDefinitions", nullptr},
          {"deployedDecisionDefinitions", nullptr},
          {"deployedDecisionRequirementsDefinitions", nullptr}};
}

sdk::Json WorkflowEngine::startProcess(const std::string& key,
                                       const std::optional<std::string>& business_key,
                                       const Variables& variables, bool with_variables_in_return) {
  std::string definition_id;
  {
    std::shared_lock lock(definitions_mutex_);
    const auto found = latest_id_by_key_.find(key);
    if (found == latest_id_by_key_.end()) {
      throw EngineError(404, "RestException",
                        "No matching process definition with key: " + key + " and no tenant-id");
    }
    definition_id = found->second;
  }
  const auto definition = this->definition(definition_id);
  const std::string instance_id = sdk::newUuid();
  Json result;
  {
    Transaction tx(*database_, true);
    EngineSql sql(tx);
    sql.execute(
        "INSERT INTO engine_process_instances (id, definition_id, process_key, business_key,"
        " state, start_time, start_activity_id) VALUES (?, ?, ?, ?, 'ACTIVE', ?, ?)",
        {instance_id, definition_id, key, Value(business_key), sdk::utcNow(),
         definition->start_event});
    saveVariables(sql, instance_id, variables);
    run(sql, *definition, instance_id, {definition->start_event});
    const bool ended =
        sql.query("SELECT state FROM engine_process_instances WHERE id = ?", {instance_id})[0].text(
            "state") != "ACTIVE";
    result = {{"links", Json::array()},
              {"id", instance_id},
              {"definitionId", definition_id},
              {"definitionKey", key},
              {"businessKey", optionalJson(business_key)},
              {"caseInstanceId", nullptr},
              {"tenantId", nullptr},
              {"ended", ended},
              {"suspended", false}};
    if (with_variables_in_return)
      result["variables"] = variablesToDto(loadVariables(sql, instance_id));
    tx.commit();
  }
  tasksAvailable();
  return result;
}

void WorkflowEngine::run(EngineSql& sql, const ProcessDefinition& definition,
                         const std::string& instance_id, std::vector<std::string> arriving_at,
                         std::string end_activity) {
  std::deque<std::string> work(arriving_at.begin(), arriving_at.end());
  std::optional<Json> values;  // read once, when a gateway needs them
  const auto follow = [&](const FlowNode& node) {
    for (const std::string& flow : node.outgoing) work.push_back(definition.flow(flow).target);
  };
  while (!work.empty()) {
    const FlowNode& node = definition.node(work.front());
    work.pop_front();
    if (node.throws == ThrownEvent::Compensation) {
      enterActivity(sql, instance_id, node, false);
      if (startCompensation(sql, definition, instance_id, node)) continue;  // waits
      if (node.kind == FlowNodeKind::EndEvent) {
        end_activity = node.id;
      } else {
        follow(node);
      }
      continue;
    }
    switch (node.kind) {
      case FlowNodeKind::ServiceTask:
        createTask(sql, instance_id, node);
        break;
      case FlowNodeKind::ExclusiveGateway: {
        enterActivity(sql, instance_id, node, false);
        if (!values) values = plainValues(loadVariables(sql, instance_id));
        std::optional<std::string> chosen;
        try {
          for (const std::string& id : node.outgoing) {
            const SequenceFlow& flow = definition.flow(id);
            if (id != node.default_flow && flow.condition && flow.condition->evaluate(*values)) {
              chosen = id;
              break;
            }
          }
        } catch (const ConditionError& e) {
          throw EngineError(500, "ProcessEngineException", e.what());
        }
        if (!chosen) chosen = node.default_flow;
        if (!chosen) {
          throw EngineError(500, "ProcessEngineException",
                            "ENGINE-02004 No outgoing sequence flow for the element with id '" +
                                node.id + "' could be selected for continuing the process.");
        }
        work.push_back(definition.flow(*chosen).target);
        break;
      }
      case FlowNodeKind::EndEvent:
        enterActivity(sql, instance_id, node, false);
        end_activity = node.id;
        break;
      default:  // start, pass-through throw events, boundary events taken, parallel forks
        enterActivity(sql, instance_id, node, false);
        follow(node);
    }
  }
  finishIfDone(sql, instance_id, end_activity);
}

void WorkflowEngine::finishIfDone(EngineSql& sql, const std::string& instance_id,
                                  const std::string& end_activity) {
  const std::int64_t open =
      sql.query("SELECT COUNT(*) AS n FROM engine_external_tasks WHERE instance_id = ?",
                {instance_id})[0]
          .int64("n");
  if (open > 0) return;
  // Subscriptions end with the instance, as in Camunda.
  sql.execute("DELETE FROM engine_compensation_subscriptions WHERE instance_id = ?", {instance_id});
  sql.execute("DELETE FROM engine_compensation_waits WHERE instance_id = ?", {instance_id});
  sql.execute(
      "UPDATE engine_process_instances SET state = 'COMPLETED', end_time = ?, end_activity_id = ?"
      " WHERE id = ? AND state = 'ACTIVE'",
      {sdk::utcNow(), end_activity.empty() ? Value() : Value(end_activity), instance_id});
}

ExternalTaskRow WorkflowEngine::requireTask(EngineSql& sql, const std::string& task_id) {
  const sdk::Rows rows = sql.query(std::string(kTaskSelect) + "WHERE t.id = ?", {task_id});
  if (rows.empty()) throw EngineError::noExternalTask(task_id);
  return taskOf(rows[0]);
}

void WorkflowEngine::requireWorker(const ExternalTaskRow& task, const std::string& worker_id,
                                   const char* action) {
  if (task.worker_id == worker_id) return;
  throw EngineError(400, "BadUserRequestException",
                    std::string(action) + " of External Task " + task.id +
                        " cannot be reported by worker '" + worker_id +
                        "'. It is locked by worker '" + task.worker_id.value_or("null") + "'.");
}

void WorkflowEngine::complete(const std::string& task_id, const std::string& worker_id,
                              const Variables& variables) {
  {
    Transaction tx(*database_, true);
    EngineSql sql(tx);
    const ExternalTaskRow task = requireTask(sql, task_id);
    if (task.worker_id != worker_id) {
      throw EngineError(400, "BadUserRequestException",
                        "External Task " + task.id + " cannot be completed by worker '" +
                            worker_id + "'. It is locked by worker '" +
                            task.worker_id.value_or("null") + "'.");
    }
    const auto definition = this->definition(task.definition_id);
    saveVariables(sql, task.instance_id, variables);
    sql.execute("DELETE FROM engine_external_tasks WHERE id = ?", {task.id});
    leaveActivity(sql, task.activity_instance_id, false);
    const FlowNode& node = definition->node(task.activity_id);
    if (node.compensation_handler) {
      sql.execute(
          "INSERT INTO engine_compensation_subscriptions (id, instance_id, activity_id,"
          " handler_id, sequence) VALUES (?, ?, ?, ?, ?)",
          {sdk::newUuid(), task.instance_id, node.id, *node.compensation_handler,
           nextSequence(sql)});
    }
    std::vector<std::string> next;
    for (const std::string& flow : node.outgoing) next.push_back(definition->flow(flow).target);
    std::string ended_at;
    if (task.compensation_wait_id)
      resumeCompensation(sql, *definition, *task.compensation_wait_id, next, ended_at);
    run(sql, *definition, task.instance_id, std::move(next), ended_at);
    tx.commit();
  }
  tasksAvailable();
}

void WorkflowEngine::failure(const std::string& task_id, const std::string& worker_id,
                             const std::string& error_message, const std::string& error_details,
                             int retries, std::int64_t retry_timeout_ms) {
  if (retries < 0) throw EngineError::invalidRequest("retries must be >= 0");
  {
    Transaction tx(*database_, true);
    EngineSql sql(tx);
    const ExternalTaskRow task = requireTask(sql, task_id);
    requireWorker(task, worker_id, "Failure");
    // Camunda keeps at most 666 characters of the message.
    const std::string message = error_message.substr(0, 666);
    sql.execute(
        "UPDATE engine_external_tasks SET retries = ?, error_message = ?, error_details = ?,"
        " lock_expiration_time = ? WHERE id = ?",
        {retries, message, error_details,
         sdk::utcAfter(std::chrono::milliseconds(std::max<std::int64_t>(retry_timeout_ms, 0))),
         task.id});
    if (retries == 0) raiseIncident(sql, task, message);
    tx.commit();
  }
  // The task's lock now ends at the retry timeout: waiting fetches look again when to wake.
  tasksAvailable();
}

void WorkflowEngine::bpmnError(const std::string& task_id, const std::string& worker_id,
                               const std::string& error_code, const std::string& error_message,
                               const Variables& variables) {
  {
    Transaction tx(*database_, true);
    EngineSql sql(tx);
    const ExternalTaskRow task = requireTask(sql, task_id);
    requireWorker(task, worker_id, "Bpmn error");
    const auto definition = this->definition(task.definition_id);
    saveVariables(sql, task.instance_id, variables);
    sql.execute("DELETE FROM engine_external_tasks WHERE id = ?", {task.id});
    const FlowNode* boundary = definition->errorBoundaryFor(task.activity_id, error_code);
    // Without a boundary event the error is not handled: the activity simply ends (Camunda).
    leaveActivity(sql, task.activity_instance_id, boundary != nullptr);
    std::vector<std::string> next;
    std::string ended_at;
    if (boundary == nullptr && task.compensation_wait_id)
      resumeCompensation(sql, *definition, *task.compensation_wait_id, next, ended_at);
    if (boundary != nullptr) {
      Variables caught;
      if (!boundary->error_code_variable.empty())
        caught[boundary->error_code_variable] = {"String", error_code};
      if (!boundary->error_message_variable.empty())
        caught[boundary->error_message_variable] = {"String", error_message};
      saveVariables(sql, task.instance_id, caught);
      next.push_back(boundary->id);
    }
    run(sql, *definition, task.instance_id, std::move(next), ended_at);
    tx.commit();
  }
  tasksAvailable();
}

void WorkflowEngine::extendLock(const std::string& task_id, const std::string& worker_id,
                                std::int64_t new_duration_ms) {
  if (new_duration_ms <= 0)
    throw EngineError::invalidRequest("Lock duration must be greater than 0.");
  Transaction tx(*database_, true);
  EngineSql sql(tx);
  const ExternalTaskRow task = requireTask(sql, task_id);
  const bool held = task.worker_id == worker_id && task.lock_expiration_time &&
                    *task.lock_expiration_time > sdk::utcNow();
  if (!held) {
    throw EngineError(400, "BadUserRequestException",
                      "The lock of the External Task " + task.id +
                          " cannot be extended by worker '" + worker_id + "'");
  }
  sql.execute("UPDATE engine_external_tasks SET lock_expiration_time = ? WHERE id = ?",
              {sdk::utcAfter(std::chrono::milliseconds(new_duration_ms)), task.id});
  tx.commit();
}

void WorkflowEngine::lock(const std::string& task_id, const std::string& worker_id,
                          std::int64_t lock_duration_ms) {
  if (lock_duration_ms <= 0)
    throw EngineError::invalidRequest("Lock duration must be greater than 0.");
  Transaction tx(*database_, true);
  EngineSql sql(tx);
  const ExternalTaskRow task = requireTask(sql, task_id);
  const std::string now = sdk::utcNow();
  const bool held_by_other = task.worker_id && *task.worker_id != worker_id &&
                             task.lock_expiration_time && *task.lock_expiration_time > now;
  if (held_by_other) {
    throw EngineError(
        400, "BadUserRequestException",
        "External Task " + task.id + " is already locked by worker '" + *task.worker_id + "'");
  }
  sql.execute(
      "UPDATE engine_external_tasks SET worker_id = ?, lock_expiration_time = ? WHERE id = ?",
      {worker_id, sdk::utcAfter(std::chrono::milliseconds(lock_duration_ms)), task.id});
  tx.commit();
}

void WorkflowEngine::unlock(const std::string& task_id) {
  {
    Transaction tx(*database_, true);
    EngineSql sql(tx);
    requireTask(sql, task_id);
    sql.execute(
        "UPDATE engine_external_tasks SET worker_id = NULL, lock_expiration_time = NULL WHERE id = "
        "?",
        {task_id});
    tx.commit();
  }
  tasksAvailable();
}

void WorkflowEngine::setRetries(const std::string& task_id, int retries) {
  if (retries < 0) throw EngineError::invalidRequest("The number of retries cannot be negative.");
  {
    Transaction tx(*database_, true);
    EngineSql sql(tx);
    const ExternalTaskRow task = requireTask(sql, task_id);
    sql.execute("UPDATE engine_external_tasks SET retries = ? WHERE id = ?", {retries, task_id});
    if (retries > 0) {
      sql.execute(
          "UPDATE engine_incidents SET resolved_at = ? WHERE external_task_id = ? AND"
          " resolved_at IS NULL",
          {sdk::utcNow(), task_id});
    } else {
      raiseIncident(sql, task, task.error_message.value_or("The retries were set to 0"));
    }
    tx.commit();
  }
  if (retries > 0) tasksAvailable();
}

sdk::Json WorkflowEngine::fetchAndLock(const FetchRequest& request) {
  if (request.worker_id.empty()) throw EngineError::invalidRequest("workerId is required");
  if (request.max_tasks < 0) throw EngineError::invalidRequest("maxTasks must not be negative");
  Json locked = Json::array();
  if (request.topics.empty() || request.max_tasks == 0) return locked;
  std::map<std::string, const FetchTopic*> topics;
  std::vector<Value> params;
  for (const FetchTopic& topic : request.topics) {
    if (topic.lock_duration_ms <= 0)
      throw EngineError::invalidRequest("lockDuration must be greater than 0");
    topics[topic.name] = &topic;
    params.emplace_back(topic.name);
  }
  const std::string now = sdk::utcNow();
  params.emplace_back(now);

  Transaction tx(*database_, true);
  EngineSql sql(tx);
  const sdk::Rows candidates = sql.query(
      std::string(kTaskSelect) + "WHERE t.topic IN (" + sdk::placeholders(request.topics.size()) +
          ") AND (t.lock_expiration_time IS NULL OR t.lock_expiration_time <= ?)"
          " AND (t.retries IS NULL OR t.retries > 0) ORDER BY " +
          (request.use_priority ? "t.priority DESC, " : "") + "t.sequence",
      params);
  std::map<std::string, Variables> variables_of;  // by instance
  for (const sdk::Row& row : candidates) {
    if (static_cast<int>(locked.size()) >= request.max_tasks) break;
    ExternalTaskRow task = taskOf(row);
    const FetchTopic& topic = *topics.at(task.topic);
    if (topic.business_key && task.business_key != topic.business_key) continue;
    if (topic.process_definition_key && task.process_key != *topic.process_definition_key) continue;
    const std::string expires = sdk::utcAfter(std::chrono::milliseconds(topic.lock_duration_ms));
    const bool won =
        sql.execute(
            "UPDATE engine_external_tasks SET worker_id = ?, lock_expiration_time = ? WHERE id = ?"
            " AND (lock_expiration_time IS NULL OR lock_expiration_time <= ?)",
            {request.worker_id, expires, task.id, now}) == 1;
    if (!won) continue;
    auto variables = variables_of.find(task.instance_id);
    if (variables == variables_of.end())
      variables =
          variables_of.emplace(task.instance_id, loadVariables(sql, task.instance_id)).first;
    const auto definition = this->definition(task.definition_id);
    const FlowNode& node = definition->node(task.activity_id);
    locked.push_back({{"activityId", task.activity_id},
                      {"activityInstanceId", task.activity_instance_id},
                      {"errorMessage", optionalJson(task.error_message)},
                      {"errorDetails", optionalJson(task.error_details)},
                      {"executionId", task.activity_instance_id},
                      {"id", task.id},
                      {"lockExpirationTime", camundaTime(expires)},
                      {"createTime", camundaTime(task.create_time)},
                      {"processDefinitionId", task.definition_id},
                      {"processDefinitionKey", task.process_key},
                      {"processDefinitionVersionTag",
                       definition->version_tag.empty() ? Json() : Json(definition->version_tag)},
                      {"processInstanceId", task.instance_id},
                      {"tenantId", nullptr},
                      {"retries", task.retries ? Json(*task.retries) : Json()},
                      {"suspended", false},
                      {"workerId", request.worker_id},
                      {"priority", task.priority},
                      {"topicName", task.topic},
                      {"businessKey", optionalJson(task.business_key)},
                      {"variables", variablesToDto(variables->second, topic.variables)},
                      {"extensionProperties", node.extension_properties}});
  }
  tx.commit();
  return locked;
}

std::optional<std::chrono::milliseconds> WorkflowEngine::untilNextExpiry(
    const FetchRequest& request) {
  std::vector<Value> params;
  for (const FetchTopic& topic : request.topics) params.emplace_back(topic.name);
  const std::string now = sdk::utcNow();
  params.emplace_back(now);
  Transaction tx(*database_, false);
  EngineSql sql(tx);
  const sdk::Rows rows = sql.query(
      "SELECT MIN(lock_expiration_time) AS next FROM engine_external_tasks WHERE topic IN (" +
          sdk::placeholders(request.topics.size()) +
          ") AND lock_expiration_time > ? AND (retries IS NULL OR retries > 0)",
      params);
  const auto next = rows.empty() ? std::nullopt : rows[0].optionalText("next");
  if (!next) return std::nullopt;
  return std::chrono::milliseconds(
      std::max<std::int64_t>(epochMillis(*next) - epochMillis(now), 1));
}

sdk::Json WorkflowEngine::fetchAndLock(const FetchRequest& request,
                                       std::chrono::milliseconds wait) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (true) {
    std::uint64_t generation;
    {
      std::lock_guard lock(waiting_mutex_);
      generation = generation_;
    }
    Json locked = fetchAndLock(request);
    if (!locked.empty() || std::chrono::steady_clock::now() >= deadline) return locked;
    auto wake_at = deadline;
    if (const auto next = untilNextExpiry(request))
      wake_at = std::min(wake_at, std::chrono::steady_clock::now() + *next);
    std::unique_lock lock(waiting_mutex_);
    if (shut_down_) return locked;
    waiting_.wait_until(lock, wake_at, [&] { return generation_ != generation || shut_down_; });
    if (shut_down_) return locked;
  }
}

void WorkflowEngine::tasksAvailable() {
  {
    std::lock_guard lock(waiting_mutex_);
    ++generation_;
  }
  waiting_.notify_all();
}

void WorkflowEngine::shutdown() {
  {
    std::lock_guard lock(waiting_mutex_);
    shut_down_ = true;
  }
  waiting_.notify_all();
}

sdk::Json WorkflowEngine::processInstance(const std::string& id) {
  Transaction tx(*database_, false);
  EngineSql sql(tx);
  const sdk::Rows rows = sql.query(
      "SELECT id, definition_id, process_key, business_key FROM engine_process_instances"
      " WHERE id = ? AND state = 'ACTIVE'",
      {id});
  if (rows.empty()) {
    throw EngineError(404, "InvalidRequestException",
                      "Process instance with id " + id + " does not exist");
  }
  return {{"links", Json::array()},
          {"id", id},
          {"definitionId", rows[0].text("definition_id")},
          {"definitionKey", rows[0].text("process_key")},
          {"businessKey", optionalJson(rows[0].optionalText("business_key"))},
          {"caseInstanceId", nullptr},
          {"ended", false},
          {"suspended", false},
          {"tenantId", nullptr}};
}

sdk::Json WorkflowEngine::historicProcessInstances(const std::optional<std::string>& instance_id,
                                                   const std::optional<std::string>& business_key,
                                                   const std::optional<std::string>& process_key) {
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (instance_id) {
    where += " AND i.id = ?";
    params.emplace_back(*instance_id);
  }
  if (business_key) {
    where += " AND i.business_key = ?";
    params.emplace_back(*business_key);
  }
  if (process_key) {
    where += " AND i.process_key = ?";
    params.emplace_back(*process_key);
  }
  Transaction tx(*database_, false);
  EngineSql sql(tx);
  Json instances = Json::array();
  for (const sdk::Row& row : sql.query(
           "SELECT i.id, i.definition_id, i.process_key, i.business_key, i.state, i.start_time,"
           " i.end_time, i.start_activity_id, d.name, d.version FROM engine_process_instances i"
           " JOIN engine_process_definitions d ON d.id = i.definition_id" +
               where + " ORDER BY i.start_time, i.id",
           params)) {
    const std::string start = row.text("start_time");
    const auto end = row.optionalText("end_time");
    instances.push_back({{"id", row.text("id")},
                         {"businessKey", optionalJson(row.optionalText("business_key"))},
                         {"processDefinitionId", row.text("definition_id")},
                         {"processDefinitionKey", row.text("process_key")},
                         {"processDefinitionName", row.text("name")},
                         {"processDefinitionVersion", row.int64("version")},
                         {"startTime", camundaTime(start)},
                         {"endTime", timeJson(end)},
                         {"removalTime", nullptr},
                         {"durationInMillis", durationJson(start, end)},
                         {"startUserId", nullptr},
                         {"startActivityId", row.text("start_activity_id")},
                         {"deleteReason", nullptr},
                         {"rootProcessInstanceId", row.text("id")},
                         {"superProcessInstanceId", nullptr},
                         {"superCaseInstanceId", nullptr},
                         {"caseInstanceId", nullptr},
                         {"tenantId", nullptr},
                         {"state", row.text("state")}});
  }
  return instances;
}

sdk::Json WorkflowEngine::historicActivityInstances(const std::string& instance_id) {
  Transaction tx(*database_, false);
  EngineSql sql(tx);
  const sdk::Rows owner =
      sql.query("SELECT definition_id, process_key FROM engine_process_instances WHERE id = ?",
                {instance_id});
  Json activities = Json::array();
  if (owner.empty()) return activities;
  for (const sdk::Row& row : sql.query(
           "SELECT id, activity_id, activity_name, activity_type, start_time, end_time, canceled"
           " FROM engine_activity_instances WHERE instance_id = ? ORDER BY sequence",
           {instance_id})) {
    const std::string start = row.text("start_time");
    const auto end = row.optionalText("end_time");
    const std::string type = row.text("activity_type");
    activities.push_back({{"id", row.text("id")},
                          {"parentActivityInstanceId", instance_id},
                          {"activityId", row.text("activity_id")},
                          {"activityName", row.text("activity_name")},
                          {"activityType", type},
                          {"processDefinitionKey", owner[0].text("process_key")},
                          {"processDefinitionId", owner[0].text("definition_id")},
                          {"processInstanceId", instance_id},
                          {"executionId", row.text("id")},
                          {"taskId", nullptr},
                          {"calledProcessInstanceId", nullptr},
                          {"calledCaseInstanceId", nullptr},
                          {"assignee", nullptr},
                          {"startTime", camundaTime(start)},
                          {"endTime", timeJson(end)},
                          {"durationInMillis", durationJson(start, end)},
                          {"canceled", row.int64("canceled") != 0},
                          {"completeScope", type.find("EndEvent") != std::string::npos},
                          {"tenantId", nullptr},
                          {"removalTime", nullptr},
                          {"rootProcessInstanceId", instance_id}});
  }
  return activities;
}

sdk::Json WorkflowEngine::processVariables(const std::string& instance_id) {
  Transaction tx(*database_, false);
  EngineSql sql(tx);
  if (sql.query("SELECT id FROM engine_process_instances WHERE id = ?", {instance_id}).empty()) {
    throw EngineError(404, "InvalidRequestException",
                      "Process instance with id " + instance_id + " does not exist");
  }
  return variablesToDto(loadVariables(sql, instance_id));
}

WorkflowEngine::ProcessCounts WorkflowEngine::processCounts() {
  Transaction tx(*database_, false);
  EngineSql sql(tx);
  ProcessCounts counts;
  for (const sdk::Row& row :
       sql.query("SELECT process_key, state, COUNT(*) AS n FROM engine_process_instances"
                 " GROUP BY process_key, state"))
    counts.instances[{row.text("process_key"), row.text("state")}] = row.int64("n");
  for (const sdk::Row& row : sql.query("SELECT i.process_key, COUNT(*) AS n FROM engine_incidents n"
                                       " JOIN engine_process_instances i ON i.id = n.instance_id"
                                       " WHERE n.resolved_at IS NULL GROUP BY i.process_key"))
    counts.open_incidents[row.text("process_key")] = row.int64("n");
  return counts;
}

sdk::Json WorkflowEngine::incidents(const std::optional<std::string>& instance_id) {
  Transaction tx(*database_, false);
  EngineSql sql(tx);
  std::vector<Value> params;
  std::string where = " WHERE n.resolved_at IS NULL";
  if (instance_id) {
    where += " AND n.instance_id = ?";
    params.emplace_back(*instance_id);
  }
  Json incidents = Json::array();
  for (const sdk::Row& row :
       sql.query("SELECT n.id, n.instance_id, n.activity_id, n.external_task_id, n.message,"
                 " n.create_time, i.definition_id FROM engine_incidents n"
                 " JOIN engine_process_instances i ON i.id = n.instance_id" +
                     where + " ORDER BY n.create_time, n.id",
                 params)) {
    incidents.push_back({{"id", row.text("id")},
                         {"processDefinitionId", row.text("definition_id")},
                         {"processInstanceId", row.text("instance_id")},
                         {"executionId", nullptr},
                         {"incidentTimestamp", camundaTime(row.text("create_time"))},
                         {"incidentType", "failedExternalTask"},
                         {"activityId", row.text("activity_id")},
                         {"failedActivityId", row.text("activity_id")},
                         {"causeIncidentId", row.text("id")},
                         {"rootCauseIncidentId", row.text("id")},
                         {"configuration", row.text("external_task_id")},
                         {"tenantId", nullptr},
                         {"incidentMessage", row.text("message")},
                         {"jobDefinitionId", nullptr},
                         {"annotation", nullptr}});
  }
  return incidents;
}

sdk::Json WorkflowEngine::externalTasks(const std::optional<std::string>& instance_id) {
  Transaction tx(*database_, false);
  EngineSql sql(tx);
  std::vector<Value> params;
  std::string where = "WHERE 1 = 1";
  if (instance_id) {
    where += " AND t.instance_id = ?";
    params.emplace_back(*instance_id);
  }
  Json tasks = Json::array();
  for (const sdk::Row& row :
       sql.query(std::string(kTaskSelect) + where + " ORDER BY t.sequence", params)) {
    const ExternalTaskRow task = taskOf(row);
    tasks.push_back({{"activityId", task.activity_id},
                     {"activityInstanceId", task.activity_instance_id},
                     {"errorMessage", optionalJson(task.error_message)},
                     {"executionId", task.activity_instance_id},
                     {"id", task.id},
                     {"lockExpirationTime", timeJson(task.lock_expiration_time)},
                     {"processDefinitionId", task.definition_id},
                     {"processDefinitionKey", task.process_key},
                     {"processInstanceId", task.instance_id},
                     {"tenantId", nullptr},
                     {"retries", task.retries ? Json(*task.retries) : Json()},
                     {"suspended", false},
                     {"workerId", optionalJson(task.worker_id)},
                     {"topicName", task.topic},
                     {"priority", task.priority},
                     {"businessKey", optionalJson(task.business_key)},
                     {"createTime", camundaTime(task.create_time)}});
  }
  return tasks;
}

sdk::Json WorkflowEngine::instanceHistory(const std::string& instance_id) {
  Json instances = historicProcessInstances(instance_id, std::nullopt, std::nullopt);
  if (instances.empty()) {
    throw EngineError(404, "InvalidRequestException",
                      "Process instance with id " + instance_id + " does not exist");
  }
  return {{"instance", std::move(instances[0])},
          {"activities", historicActivityInstances(instance_id)},
          {"open_tasks", externalTasks(instance_id)},
          {"incidents", incidents(instance_id)}};
}

sdk::Json WorkflowEngine::definitionXml(const std::string& definition_id) {
  return {{"id", definition_id}, {"bpmn20Xml", definition(definition_id)->xml}};
}

}  // namespace catalog::host
