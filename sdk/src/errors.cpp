#include "catalog/sdk/errors.hpp"

namespace catalog::sdk {

Error::Error(int status, std::string code, const std::string& message, Json details)
    : std::runtime_error(message),
      status_(status),
      code_(std::move(code)),
      details_(std::move(details)) {}

ValidationError::ValidationError(const std::string& message, Json details)
    : Error(400, "VALIDATION_ERROR", message, std::move(details)) {}

UnauthorizedError::UnauthorizedError(const std::string& message, Json details)
    : Error(401, "UNAUTHORIZED", message, std::move(details)) {}

ForbiddenError::ForbiddenError(const std::string& message, Json details)
    : Error(403, "FORBIDDEN", message, std::move(details)) {}

NotFoundError::NotFoundError(const std::string& message, Json details)
    : Error(404, "NOT_FOUND", message, std::move(details)) {}

ConflictError::ConflictError(const std::string& message, Json details)
    : Error(409, "CONFLICT", message, std::move(details)) {}

LockedError::LockedError(const std::string& message, Json details)
    : Error(423, "LOCKED", message, std::move(details)) {}

UnavailableError::UnavailableError(const std::string& message, Json details)
    : Error(503, "SERVICE_UNAVAILABLE", message, std::move(details)) {}

Json errorBody(const std::string& code, const std::string& message, const Json& details,
               const std::string& correlation_id) {
  return {{"error",
           {{"code", code},
            {"message", message},
            {"details", details.is_null() ? Json::object() : details},
            {"correlation_id", correlation_id}}}};
}

}  // namespace catalog::sdk
