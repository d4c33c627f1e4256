#include "workflow/remote_engine_client.hpp"

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StringPartSource.h>
#include <Poco/StreamCopier.h>

#include <sstream>

#include "http/service_dispatcher.hpp"
#include "observability/tracing/http_client_span.hpp"
#include "security/service_account.hpp"
#include "workflow/engine_error.hpp"

namespace catalog::host {
namespace {

using sdk::Json;

constexpr std::chrono::seconds kConnectTimeout{2};
// How long an answer may take beyond the long poll the engine was asked to hold.
constexpr std::chrono::seconds kReadTimeout{10};

std::string queryOf(const std::string& instance_id) {
  std::string encoded;
  Poco::URI::encode(instance_id, "&=?#+/", encoded);
  return "?processInstanceId=" + encoded;
}

std::string encodedSegment(const std::string& segment) {
  std::string encoded;
  Poco::URI::encode(segment, "/?#&=+", encoded);
  return encoded;
}

}  // namespace

RemoteEngineClient::RemoteEngineClient(const std::string& url, ServiceAccount& account)
    : root_(url), account_(account) {
  // The root's path is a prefix of every request's path.
  std::string path = root_.getPath();
  while (!path.empty() && path.back() == '/') path.pop_back();
  root_.setPath(path);
}

std::string RemoteEngineClient::description() const { return "remote at " + root_.toString(); }

std::string RemoteEngineClient::send(const Exchange& exchange) {
  int status = 0;
  std::string body = sendOnce(exchange, account_.token(), status);
  if (status == 401 && account_.configured()) {
    account_.forget();
    body = sendOnce(exchange, account_.token(), status);
  }
  if (status >= 200 && status < 300) return body;

  // Camunda's ExceptionDto: {"type", "message"}.
  const Json error = Json::parse(body, nullptr, false);
  const bool described =
      error.is_object() && error.contains("message") && error["message"].is_string();
  const std::string type = error.is_object() && error.contains("type") && error["type"].is_string()
                               ? error["type"].get<std::string>()
                               : "RestException";
  const std::string message =
      described ? error["message"].get<std::string>() : "status " + std::to_string(status);
  if (status == 502 || status == 503 || status == 504)
    throw ServiceUnavailable("workflow engine at " + root_.toString() + ": " + message);
  if (status == 401 || status == 403) {
    throw EngineError(status, type,
                      "the workflow engine at " + root_.toString() + " refused " +
                          (account_.configured() ? "service account " + account_.username()
                                                 : std::string("a call without a token (set "
                                                               "catalog.serviceAccount.*)")) +
                          ": " + message);
  }
  throw EngineError(status, type, message);
}

std::string RemoteEngineClient::sendOnce(const Exchange& exchange, const std::string& token,
                                         int& status) {
  Poco::Net::HTTPClientSession session(root_.getHost(), root_.getPort());
  session.setTimeout(
      Poco::Timespan(kConnectTimeout.count(), 0), Poco::Timespan(kReadTimeout.count(), 0),
      Poco::Timespan(
          std::chrono::duration_cast<std::chrono::microseconds>(exchange.wait + kReadTimeout)
              .count()));
  {
    std::lock_guard lock(sessions_mutex_);
    if (stopping_) throw ServiceUnavailable("the host is stopping");
    sessions_.insert(&session);
  }
  struct Unregister {
    RemoteEngineClient& client;
    Poco::Net::HTTPClientSession* session;
    ~Unregister() {
      std::lock_guard lock(client.sessions_mutex_);
      client.sessions_.erase(session);
    }
  } unregister{*this, &session};

  try {
    Poco::Net::HTTPRequest request(exchange.method, root_.getPath() + exchange.path,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Accept", "application/json");
    if (!token.empty()) request.set("Authorization", "Bearer " + token);
    Span span = httpClientSpan(request, "engine");
    if (exchange.method != Poco::Net::HTTPRequest::HTTP_GET) {
      if (!exchange.content_type.empty()) request.setContentType(exchange.content_type);
      request.setContentLength(static_cast<std::streamsize>(exchange.body.size()));
    }
    session.sendRequest(request) << exchange.body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    std::string body;
    Poco::StreamCopier::copyToString(in, body);
    status = static_cast<int>(response.getStatus());
    answeredWith(span, status);
    return body;
  } catch (const Poco::Exception& e) {
    throw ServiceUnavailable("workflow engine at " + root_.toString() + ": " + e.displayText());
  }
}

Json RemoteEngineClient::getJson(const std::string& path) {
  const std::string body = send({Poco::Net::HTTPRequest::HTTP_GET, path, "", "", {}});
  Json parsed = Json::parse(body, nullptr, false);
  if (parsed.is_discarded()) {
    throw ServiceUnavailable("workflow engine at " + root_.toString() + " answered GET " + path +
                             " with no JSON");
  }
  return parsed;
}

void RemoteEngineClient::post(const std::string& path, const Json& body) {
  send({Poco::Net::HTTPRequest::HTTP_POST, path, "application/json", sdk::toText(body), {}});
}

void RemoteEngineClient::deploy(const std::string& name, const std::string& resource,
                                const std::string& bpmn_xml, const std::string& source) {
  Poco::Net::HTMLForm form(Poco::Net::HTMLForm::ENCODING_MULTIPART);
  form.set("deployment-name", name);
  form.set("enable-duplicate-filtering", "true");
  form.set("deployment-source", source);
  form.addPart(resource,
               new Poco::Net::StringPartSource(bpmn_xml, "application/octet-stream", resource));
  // Encoded up front, so the request carries a Content-Length rather than chunks.
  Poco::Net::HTTPRequest shape(Poco::Net::HTTPRequest::HTTP_POST, "/",
                               Poco::Net::HTTPMessage::HTTP_1_1);
  form.prepareSubmit(shape);
  std::ostringstream body;
  form.write(body);
  send({Poco::Net::HTTPRequest::HTTP_POST,
        "/deployment/create",
        shape.getContentType(),
        body.str(),
        {}});
}

std::string RemoteEngineClient::startProcess(const std::string& key,
                                             const std::optional<std::string>& business_key,
                                             const Variables& variables) {
  Json request = {{"variables", variablesToDto(variables)}};
  if (business_key) request["businessKey"] = *business_key;
  const Json started =
      Json::parse(send({Poco::Net::HTTPRequest::HTTP_POST,
                        "/process-definition/key/" + encodedSegment(key) + "/start",
                        "application/json",
                        sdk::toText(request),
                        {}}),
                  nullptr, false);
  if (!started.is_object() || !started.contains("id") || !started["id"].is_string()) {
    throw ServiceUnavailable("workflow engine at " + root_.toString() + " started process " + key +
                             " without answering its id");
  }
  return started["id"];
}

Json RemoteEngineClient::instanceHistory(const std::string& instance_id) {
  const std::string query = queryOf(instance_id);
  Json instances = getJson("/history/process-instance" + query);
  if (!instances.is_array() || instances.empty()) {
    throw EngineError(404, "InvalidRequestException",
                      "Process instance with id " + instance_id + " does not exist");
  }
  return {{"instance", std::move(instances[0])},
          {"activities",
           getJson("/history/activity-instance" + query + "&sortBy=startTime&sortOrder=asc")},
          {"open_tasks", getJson("/external-task" + query)},
          {"incidents", getJson("/incident" + query)}};
}

Json RemoteEngineClient::fetchAndLock(const std::string& worker_id, const std::string& topic,
                                      std::int64_t lock_duration_ms,
                                      std::chrono::milliseconds wait) {
  const Json request = {{"workerId", worker_id},
                        {"maxTasks", 1},
                        {"usePriority", false},
                        {"asyncResponseTimeout", wait.count()},
                        {"topics", {{{"topicName", topic}, {"lockDuration", lock_duration_ms}}}}};
  try {
    Json tasks = Json::parse(send({Poco::Net::HTTPRequest::HTTP_POST, "/external-task/fetchAndLock",
                                   "application/json", sdk::toText(request), wait}),
                             nullptr, false);
    if (!tasks.is_array()) {
      throw ServiceUnavailable("workflow engine at " + root_.toString() +
                               " answered fetchAndLock with no task list");
    }
    return tasks;
  } catch (const ServiceUnavailable&) {
    std::lock_guard lock(sessions_mutex_);
    if (stopping_) return Json::array();  // the long poll cut short by shutdown()
    throw;
  }
}

void RemoteEngineClient::complete(const std::string& task_id, const std::string& worker_id,
                                  const Variables& variables) {
  post("/external-task/" + encodedSegment(task_id) + "/complete",
       {{"workerId", worker_id}, {"variables", variablesToDto(variables)}});
}

void RemoteEngineClient::failure(const std::string& task_id, const std::string& worker_id,
                                 const std::string& error_message, const std::string& error_details,
                                 int retries, std::int64_t retry_timeout_ms) {
  post("/external-task/" + encodedSegment(task_id) + "/failure",
       {{"workerId", worker_id},
        {"errorMessage", error_message},
        {"errorDetails", error_details},
        {"retries", retries},
        {"retryTimeout", retry_timeout_ms}});
}

void RemoteEngineClient::bpmnError(const std::string& task_id, const std::string& worker_id,
                                   const std::string& error_code, const std::string& error_message,
                                   const Variables& variables) {
  post("/external-task/" + encodedSegment(task_id) + "/bpmnError",
       {{"workerId", worker_id},
        {"errorCode", error_code},
        {"errorMessage", error_message},
        {"variables", variablesToDto(variables)}});
}

void RemoteEngineClient::unlock(const std::string& task_id) {
  send({Poco::Net::HTTPRequest::HTTP_POST,
        "/external-task/" + encodedSegment(task_id) + "/unlock",
        "",
        "",
        {}});
}

void RemoteEngineClient::shutdown() {
  std::lock_guard lock(sessions_mutex_);
  stopping_ = true;
  for (Poco::Net::HTTPClientSession* session : sessions_) {
    try {
      // Wakes the thread reading the answer; closing is left to that thread.
      session->socket().shutdown();
    } catch (const Poco::Exception&) {
      // Not connected yet: it finds stopping_ set or times out.
    }
  }
}

}  // namespace catalog::host
