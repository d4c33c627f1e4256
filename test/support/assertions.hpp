#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "catalog/sdk/json.hpp"
#include "support/http_client.hpp"

namespace catalog::test {

/// Asserts an error answer in the SRS §4.1 format: this status, this error.code, a message,
/// a details object, and the correlation id the response header carries.
void assertError(const HttpResult& result, int status, const std::string& code);

/// The field a sdk::ValidationError thrown by `action` names ("?" when it names none), or ""
/// when `action` throws none.
std::string rejectedField(const std::function<void()>& action);

/// The same JSON with objects whose keys are unordered, for comparing content whatever order a
/// database kept the keys in (PostgreSQL's JSONB sorts them).
nlohmann::json unordered(const sdk::Json& json);

}  // namespace catalog::test
