#include "http/error_response.hpp"

#include "catalog/sdk/errors.hpp"
#include "security/authorizer.hpp"

namespace catalog::host {

catalog_response jsonResponse(int status, const sdk::Json& body) {
  catalog_response out;
  out.status = status;
  out.headers.emplace_back("Content-Type", "application/json");
  out.body = sdk::toText(body);
  return out;
}

catalog_response errorResponse(int status, const std::string& code, const std::string& message,
                               const std::string& correlation_id) {
  return jsonResponse(status, sdk::errorBody(code, message, sdk::Json::object(), correlation_id));
}

catalog_response refusal(const Authorization& auth, const std::string& correlation_id) {
  catalog_response out = errorResponse(auth.status, auth.code, auth.message, correlation_id);
  if (!auth.challenge.empty()) out.headers.emplace_back("WWW-Authenticate", auth.challenge);
  if (auth.status == 503) out.headers.emplace_back("Retry-After", "5");
  return out;
}

}  // namespace catalog::host
