#pragma once

/// @file
/// Typed errors. Domain code throws them; the SDK maps each one, once, to its HTTP status and
/// the SRS §4.1 error body. Anything else thrown from a handler becomes a 500 INTERNAL_ERROR
/// whose message hides the cause (which is logged instead).

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "catalog/sdk/json.hpp"

namespace catalog::sdk {

/// The base of all typed errors: an HTTP status, an SRS error code, a message for the client
/// and optional structured details.
class Error : public std::runtime_error {
 public:
  Error(int status, std::string code, const std::string& message, Json details = Json::object());

  /// The HTTP status this error answers with.
  int status() const noexcept { return status_; }
  /// The SRS error code, e.g. "VALIDATION_ERROR".
  const std::string& code() const noexcept { return code_; }
  /// Structured details, e.g. {"field": "name"}; an empty object when there are none.
  const Json& details() const noexcept { return details_; }

 private:
  int status_;
  std::string code_;
  Json details_;
};

/// 400 VALIDATION_ERROR: the request is malformed or breaks a rule.
class ValidationError : public Error {
 public:
  explicit ValidationError(const std::string& message, Json details = Json::object());
};

/// 401 UNAUTHORIZED: no valid credentials.
class UnauthorizedError : public Error {
 public:
  explicit UnauthorizedError(const std::string& message, Json details = Json::object());
};

/// 403 FORBIDDEN: valid credentials without the needed role.
class ForbiddenError : public Error {
 public:
  explicit ForbiddenError(const std::string& message, Json details = Json::object());
};

/// 404 NOT_FOUND: the resource does not exist.
class NotFoundError : public Error {
 public:
  explicit NotFoundError(const std::string& message, Json details = Json::object());
};

/// 409 CONFLICT: a uniqueness rule, a stale version or a reference blocks the change.
class ConflictError : public Error {
 public:
  explicit ConflictError(const std::string& message, Json details = Json::object());
};

/// 423 LOCKED: the resource is locked by a running saga.
class LockedError : public Error {
 public:
  explicit LockedError(const std::string& message, Json details = Json::object());
};

/// 503 SERVICE_UNAVAILABLE: a dependency can't be reached; the client may retry.
class UnavailableError : public Error {
 public:
  explicit UnavailableError(const std::string& message, Json details = Json::object());
};

// The errors every entity's CRUD raises, worded the same in every context. `what` names the
// entity in lower case, e.g. "characteristic".

/// 404: "Characteristic <id> not found", details {"id"}.
[[noreturn]] void throwNotFound(std::string_view what, std::string_view id);
/// 409: "A characteristic named '<name>' already exists", details {"field": "name"} and the
/// holder's id when known (a lost insert race can't ask who won).
[[noreturn]] void throwNameTaken(std::string_view what, std::string_view name,
                                 std::string_view existing_id = {});
/// 409: the client's `version` is not the stored one; details name both when known.
[[noreturn]] void throwStaleVersion(std::string_view what, std::int64_t expected_version,
                                    std::optional<std::int64_t> current_version = std::nullopt);

/// The SRS §4.1 error body: {"error": {"code", "message", "details", "correlation_id"}}.
Json errorBody(const std::string& code, const std::string& message, const Json& details,
               const std::string& correlation_id);

}  // namespace catalog::sdk
