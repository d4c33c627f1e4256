#include "workflow/engine_rest.hpp"

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/StreamCopier.h>

#include <set>
#include <sstream>
#include <vector>

#include "workflow/engine_error.hpp"

namespace catalog::host {
namespace {

using sdk::Json;

// Camunda's longest long poll (FetchAndLockHandlerImpl.MAX_REQUEST_TIMEOUT).
constexpr std::int64_t kMaxAsyncResponseTimeoutMs = 1800000;

catalog_response json(int status, const Json& body) {
  catalog_response out;
  out.status = status;
  out.headers.emplace_back("Content-Type", "application/json");
  out.body = sdk::toText(body);
  return out;
}

catalog_response noContent() {
  catalog_response out;
  out.status = 204;
  return out;
}

catalog_response error(int status, const std::string& type, const std::string& message) {
  return json(status, {{"type", type}, {"message", message}, {"code", nullptr}});
}

Json parseBody(const std::string& body) {
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) return Json::object();
  Json parsed = Json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object())
    throw EngineError::invalidRequest("The request body must be a JSON object");
  return parsed;
}

std::string requireText(const Json& body, const char* field) {
  if (!body.contains(field) || !body[field].is_string())
    throw EngineError::invalidRequest(std::string(field) + " must be a string");
  return body[field].get<std::string>();
}

std::string optionalText(const Json& body, const char* field) {
  if (!body.contains(field) || body[field].is_null()) return {};
  if (!body[field].is_string())
    throw EngineError::invalidRequest(std::string(field) + " must be a string");
  return body[field].get<std::string>();
}

std::int64_t integer(const Json& body, const char* field, std::int64_t fallback) {
  if (!body.contains(field) || body[field].is_null()) return fallback;
  if (!body[field].is_number_integer())
    throw EngineError::invalidRequest(std::string(field) + " must be an integer");
  return body[field].get<std::int64_t>();
}

std::optional<std::string> queryValue(const std::map<std::string, std::string>& query,
                                      const char* name) {
  const auto found = query.find(name);
  if (found == query.end()) return std::nullopt;
  return found->second;
}

// Collects the resources of a multipart deployment: Poco hands over the parts with a file name
// and keeps the others as form fields.
class DeploymentParts : public Poco::Net::PartHandler {
 public:
  void handlePart(const Poco::Net::MessageHeader& header, std::istream& stream) override {
    std::string disposition;
    Poco::Net::NameValueCollection params;
    Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition,
                                              params);
    std::string content;
    Poco::StreamCopier::copyToString(stream, content);
    resources.push_back({params.get("filename"), std::move(content)});
  }

  std::vector<WorkflowEngine::Resource> resources;
};

const std::set<std::string>& reservedDeploymentFields() {
  static const std::set<std::string> fields = {
      "deployment-name",   "enable-duplicate-filtering", "deploy-changed-only",
      "deployment-source", "deployment-activation-time", "tenant-id"};
  return fields;
}

catalog_response deploy(WorkflowEngine& engine, const std::map<std::string, std::string>& headers,
                        const std::string& body) {
  const auto type = headers.find("content-type");
  if (type == headers.end() || type->second.rfind("multipart/form-data", 0) != 0)
    throw EngineError::invalidRequest("A deployment is a multipart/form-data request");
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/");
  request.setContentType(type->second);
  std::istringstream stream(body);
  DeploymentParts parts;
  Poco::Net::HTMLForm form;
  try {
    form.load(request, stream, parts);
  } catch (const EngineError&) {
    throw;
  } catch (const Poco::Exception& e) {
    throw EngineError::invalidRequest("Malformed multipart body: " + e.displayText());
  }
  for (const auto& [field, value] : form) {
    if (reservedDeploymentFields().count(field) == 0) {
      throw EngineError::invalidRequest(
          "No file name found in the deployment resource described by form parameter '" + field +
          "'.");
    }
  }
  const bool filtering = form.get("enable-duplicate-filtering", "false") == "true" ||
                         form.get("deploy-changed-only", "false") == "true";
  return json(200, engine.deploy(form.get("deployment-name", ""), parts.resources, filtering,
                                 form.get("deployment-source", "")));
}

WorkflowEngine::FetchRequest fetchRequestOf(const Json& body) {
  WorkflowEngine::FetchRequest request;
  request.worker_id = requireText(body, "workerId");
  request.max_tasks = static_cast<int>(integer(body, "maxTasks", 1));
  request.use_priority = body.value("usePriority", false);
  if (!body.contains("topics") || !body["topics"].is_array())
    throw EngineError::invalidRequest("topics must be an array");
  for (const Json& topic : body["topics"]) {
    if (!topic.is_object()) throw EngineError::invalidRequest("a topic must be a JSON object");
    WorkflowEngine::FetchTopic fetch;
    fetch.name = requireText(topic, "topicName");
    fetch.lock_duration_ms = integer(topic, "lockDuration", 0);
    fetch.variables = topic.contains("variables") ? topic["variables"] : Json();
    if (!optionalText(topic, "businessKey").empty()) fetch.business_key = topic["businessKey"];
    if (!optionalText(topic, "processDefinitionKey").empty())
      fetch.process_definition_key = topic["processDefinitionKey"];
    request.topics.push_back(std::move(fetch));
  }
  return request;
}

// "/a/b/c" → {"a", "b", "c"}
std::vector<std::string> segmentsOf(const std::string& path) {
  std::vector<std::string> segments;
  std::size_t at = 0;
  while (at < path.size()) {
    const std::size_t next = path.find('/', at + 1);
    const std::string segment =
        path.substr(at + 1, next == std::string::npos ? next : next - at - 1);
    if (!segment.empty()) segments.push_back(segment);
    if (next == std::string::npos) break;
    at = next;
  }
  return segments;
}

}  // namespace

catalog_response EngineRest::handle(const std::string& method, const std::string& path,
                                    const std::map<std::string, std::string>& query,
                                    const std::map<std::string, std::string>& headers,
                                    const std::string& body) {
  try {
    return route(method, path, query, headers, body);
  } catch (const EngineError& e) {
    return error(e.status(), e.type(), e.what());
  }
}

catalog_response EngineRest::route(const std::string& method, const std::string& path,
                                   const std::map<std::string, std::string>& query,
                                   const std::map<std::string, std::string>& headers,
                                   const std::string& body) {
  const std::vector<std::string> s = segmentsOf(path.substr(std::string(kPrefix).size()));
  const auto is = [&](std::initializer_list<const char*> shape, const char* verb) {
    if (method != verb || s.size() != shape.size()) return false;
    std::size_t i = 0;
    for (const char* part : shape) {
      if (std::string(part) != "*" && s[i] != part) return false;
      ++i;
    }
    return true;
  };

  if (is({"deployment", "create"}, "POST")) return deploy(engine_, headers, body);
  if (is({"process-definition", "key", "*", "start"}, "POST")) {
    const Json request = parseBody(body);
    const std::string business_key = optionalText(request, "businessKey");
    return json(200, engine_.startProcess(
                         s[2], business_key.empty() ? std::nullopt : std::optional(business_key),
                         variablesFromDto(request.value("variables", Json())),
                         request.value("withVariablesInReturn", false)));
  }
  if (is({"process-definition", "*", "xml"}, "GET")) return json(200, engine_.definitionXml(s[1]));
  if (is({"process-instance", "*"}, "GET")) return json(200, engine_.processInstance(s[1]));
  if (is({"process-instance", "*", "variables"}, "GET"))
    return json(200, engine_.processVariables(s[1]));
  if (is({"history", "process-instance"}, "GET")) {
    return json(200,
                engine_.historicProcessInstances(queryValue(query, "processInstanceId"),
                                                 queryValue(query, "processInstanceBusinessKey"),
                                                 queryValue(query, "processDefinitionKey")));
  }
  if (is({"history", "activity-instance"}, "GET")) {
    const auto instance = queryValue(query, "processInstanceId");
    if (!instance) throw EngineError::invalidRequest("processInstanceId is required");
    return json(200, engine_.historicActivityInstances(*instance));
  }
  if (is({"incident"}, "GET"))
    return json(200, engine_.incidents(queryValue(query, "processInstanceId")));
  if (is({"external-task"}, "GET"))
    return json(200, engine_.externalTasks(queryValue(query, "processInstanceId")));
  if (is({"external-task", "fetchAndLock"}, "POST")) return fetchAndLock(body);
  if (s.size() == 3 && s[0] == "external-task" && method == "POST") {
    const std::string& id = s[1];
    const std::string& action = s[2];
    if (action == "unlock") {
      engine_.unlock(id);
      return noContent();
    }
    const Json request = parseBody(body);
    if (action == "complete") {
      engine_.complete(id, requireText(request, "workerId"),
                       variablesFromDto(request.value("variables", Json())));
      return noContent();
    }
    if (action == "failure") {
      // Camunda's DTO holds an int: an absent retries is 0, an incident at once.
      engine_.failure(id, requireText(request, "workerId"), optionalText(request, "errorMessage"),
                      optionalText(request, "errorDetails"),
                      static_cast<int>(integer(request, "retries", 0)),
                      integer(request, "retryTimeout", 0));
      return noContent();
    }
    if (action == "bpmnError") {
      engine_.bpmnError(id, requireText(request, "workerId"), requireText(request, "errorCode"),
                        optionalText(request, "errorMessage"),
                        variablesFromDto(request.value("variables", Json())));
      return noContent();
    }
    if (action == "lock") {
      engine_.lock(id, requireText(request, "workerId"), integer(request, "lockDuration", 0));
      return noContent();
    }
    if (action == "extendLock") {
      engine_.extendLock(id, requireText(request, "workerId"), integer(request, "newDuration", 0));
      return noContent();
    }
  }
  if (is({"external-task", "*", "retries"}, "PUT")) {
    const Json request = parseBody(body);
    engine_.setRetries(s[1], static_cast<int>(integer(request, "retries", -1)));
    return noContent();
  }
  return error(404, "RestException", "No engine resource " + method + " " + path);
}

catalog_response EngineRest::fetchAndLock(const std::string& body) {
  const Json request = parseBody(body);
  const WorkflowEngine::FetchRequest fetch = fetchRequestOf(request);
  if (!request.contains("asyncResponseTimeout") || request["asyncResponseTimeout"].is_null())
    return json(200, engine_.fetchAndLock(fetch));
  const std::int64_t timeout = integer(request, "asyncResponseTimeout", 0);
  if (timeout > kMaxAsyncResponseTimeoutMs) {
    throw EngineError::invalidRequest(
        "The asynchronous response timeout cannot be set to a value greater than 1800000 "
        "milliseconds");
  }
  if (parked_.fetch_add(1) >= max_parked_) {
    parked_.fetch_sub(1);
    return error(500, "ProcessEngineException",
                 "At the moment the server has to handle too many requests at the same time. "
                 "Please try again later.");
  }
  struct Unpark {
    std::atomic<int>& parked;
    ~Unpark() { parked.fetch_sub(1); }
  } unpark{parked_};
  return json(200, engine_.fetchAndLock(
                       fetch, std::chrono::milliseconds(std::max<std::int64_t>(timeout, 0))));
}

}  // namespace catalog::host
