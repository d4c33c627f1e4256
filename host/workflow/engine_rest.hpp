#pragma once

#include <atomic>
#include <map>
#include <string>

#include "http/response.hpp"
#include "workflow/workflow_engine.hpp"

namespace catalog::host {

/// Camunda 7's REST API subset over the embedded engine, under /engine-rest: the paths, JSON
/// shapes, variable typing, dates and error body ({"type","message","code"}) of Camunda, so
/// that Camunda's own clients work against it and a real Camunda can replace it
/// (saga-outbox notes §1 and §2). Responses are `Content-Type: application/json` exactly: the
/// official JS client treats anything else as raw bytes.
class EngineRest {
 public:
  static constexpr const char* kPrefix = "/engine-rest";

  /// `max_parked_fetches` bounds the long-polling fetches waiting at once (each holds an HTTP
  /// thread); one more is refused with 500, as Camunda refuses beyond its queue.
  EngineRest(WorkflowEngine& engine, int max_parked_fetches)
      : engine_(engine), max_parked_(max_parked_fetches) {}

  /// Answers one request whose path starts with kPrefix. `headers` are the request's, by
  /// lower-case name (deployment/create needs the multipart boundary).
  catalog_response handle(const std::string& method, const std::string& path,
                          const std::map<std::string, std::string>& query,
                          const std::map<std::string, std::string>& headers,
                          const std::string& body);

 private:
  catalog_response route(const std::string& method, const std::string& path,
                         const std::map<std::string, std::string>& query,
                         const std::map<std::string, std::string>& headers,
                         const std::string& body);
  catalog_response fetchAndLock(const std::string& body);

  WorkflowEngine& engine_;
  const int max_parked_;
  std::atomic<int> parked_{0};
};

}  // namespace catalog::host
