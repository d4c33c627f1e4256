#pragma once

#include <functional>
#include <string>

#include "support/http_client.hpp"

namespace catalog::test {

/// Asserts an error answer in the SRS §4.1 format: this status, this error.code, a message,
/// a details object, and the correlation id the response header carries.
void assertError(const HttpResult& result, int status, const std::string& code);

/// The field a sdk::ValidationError thrown by `action` names ("?" when it names none), or ""
/// when `action` throws none.
std::string rejectedField(const std::function<void()>& action);

}  // namespace catalog::test
