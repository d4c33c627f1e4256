#pragma once

#include <string>

#include "catalog/sdk/json.hpp"
#include "http/response.hpp"

namespace catalog::host {

struct Authorization;

/// A response with a JSON body.
catalog_response jsonResponse(int status, const sdk::Json& body);
/// The SRS §4.1 error body under `status`.
catalog_response errorResponse(int status, const std::string& code, const std::string& message,
                               const std::string& correlation_id);
/// An access policy's refusal, the same for clients and service calls: the error, with its
/// WWW-Authenticate challenge (401, 403) or Retry-After (503).
catalog_response refusal(const Authorization& auth, const std::string& correlation_id);

}  // namespace catalog::host
