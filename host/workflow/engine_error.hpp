#pragma once

#include <stdexcept>
#include <string>

namespace catalog::host {

/// A refusal of the workflow engine, answered over /engine-rest as Camunda 7 answers it:
/// the HTTP status and the ExceptionDto `type` ("RestException", "InvalidRequestException", …).
class EngineError : public std::runtime_error {
 public:
  EngineError(int status, std::string type, const std::string& message)
      : std::runtime_error(message), status_(status), type_(std::move(type)) {}

  int status() const noexcept { return status_; }
  const std::string& type() const noexcept { return type_; }

  /// 404 for an unknown external task (Camunda's wording).
  static EngineError noExternalTask(const std::string& id) {
    return {404, "RestException", "External task with id " + id + " does not exist"};
  }
  /// 400: the request is malformed.
  static EngineError invalidRequest(const std::string& message) {
    return {400, "InvalidRequestException", message};
  }

 private:
  int status_;
  std::string type_;
};

}  // namespace catalog::host
