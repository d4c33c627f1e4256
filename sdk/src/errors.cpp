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

namespace {

std::string capitalized(std::string_view what) {
  std::string text(what);
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  return text;
}

}  // namespace

void throwNotFound(std::string_view what, std::string_view id) {
  throw NotFoundError(capitalized(what) + " " + std::string(id) + " not found",
                      {{"id", std::string(id)}});
}

void throwNameTaken(std::string_view what, std::string_view name, std::string_view existing_id) {
  Json details = {{"field", "name"}};
  if (!existing_id.empty()) details["existing_id"] = std::string(existing_id);
  throw ConflictError(
      "A " + std::string(what) + " named '" + std::string(name) + "' already exists",
      std::move(details));
}

void throwStaleVersion(std::string_view what, std::int64_t expected_version,
                       std::optional<std::int64_t> current_version) {
  Json details = {{"field", "version"}, {"expected_version", expected_version}};
  if (current_version) details["current_version"] = *current_version;
  throw ConflictError(capitalized(what) + " was modified by someone else; reload and retry",
                      std::move(details));
}

Json errorBody(const std::string& code, const std::string& message, const Json& details,
               const std::string& correlation_id) {
  return {{"error",
           {{"code", code},
            {"message", message},
            {"details", details.is_null() ? Json::object() : details},
            {"correlation_id", correlation_id}}}};
}

}  // namespace catalog::sdk
