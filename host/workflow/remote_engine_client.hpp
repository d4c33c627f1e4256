#pragma once

#include <Poco/URI.h>

#include <mutex>
#include <set>

#include "workflow/engine_client.hpp"

namespace Poco::Net {
class HTTPClientSession;
}

namespace catalog::host {

class ServiceAccount;

/// A workflow engine in another process — another host's /engine-rest or a real Camunda 7 —
/// spoken to over Camunda 7's REST API exactly as the official clients do, with the service
/// account's token. Every call is one request on a fresh connection; a long poll holds its
/// connection until the engine answers or shutdown() cuts it.
class RemoteEngineClient final : public EngineClient {
 public:
  /// `url` is the REST root, e.g. http://engine:8000/engine-rest.
  RemoteEngineClient(const std::string& url, ServiceAccount& account);

  void deploy(const std::string& name, const std::string& resource, const std::string& bpmn_xml,
              const std::string& source) override;
  std::string startProcess(const std::string& key, const std::optional<std::string>& business_key,
                           const Variables& variables) override;
  sdk::Json instanceHistory(const std::string& instance_id) override;
  sdk::Json fetchAndLock(const std::string& worker_id, const std::string& topic,
                         std::int64_t lock_duration_ms, std::chrono::milliseconds wait) override;
  void complete(const std::string& task_id, const std::string& worker_id,
                const Variables& variables) override;
  void failure(const std::string& task_id, const std::string& worker_id,
               const std::string& error_message, const std::string& error_details, int retries,
               std::int64_t retry_timeout_ms) override;
  void bpmnError(const std::string& task_id, const std::string& worker_id,
                 const std::string& error_code, const std::string& error_message,
                 const Variables& variables) override;
  void unlock(const std::string& task_id) override;
  void shutdown() override;
  std::string description() const override;

 private:
  struct Exchange {
    std::string method;
    std::string path;  ///< below the REST root, with its query
    std::string content_type;
    std::string body;
    std::chrono::milliseconds wait{0};  ///< how long the engine may hold the answer back
  };

  /// Sends the request (signing in again once on a 401) and returns the answer's body; throws
  /// EngineError for a refusal, ServiceUnavailable when the engine can't be reached or fails.
  std::string send(const Exchange& exchange);
  std::string sendOnce(const Exchange& exchange, const std::string& token, int& status);
  sdk::Json getJson(const std::string& path);
  void post(const std::string& path, const sdk::Json& body);

  Poco::URI root_;
  ServiceAccount& account_;
  // Sessions in flight, so that shutdown() can cut their long polls short.
  std::mutex sessions_mutex_;
  std::set<Poco::Net::HTTPClientSession*> sessions_;
  bool stopping_ = false;
};

}  // namespace catalog::host
