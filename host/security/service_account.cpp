#include "security/service_account.hpp"

#include <stdexcept>

#include "catalog/sdk/host.hpp"
#include "catalog/sdk/ids.hpp"
#include "catalog/sdk/json.hpp"
#include "http/service_dispatcher.hpp"

namespace catalog::host {

std::string ServiceAccount::token() {
  if (!configured()) return {};
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (!token_.empty() && now < renew_at_) return token_;

  const std::string body =
      sdk::toText({{"username", settings_.username}, {"password", settings_.password}});
  const std::string correlation_id = sdk::newUuid();
  const catalog_pair content_type{sdk::toAbi("Content-Type"), sdk::toAbi("application/json")};
  catalog_request request{};
  request.struct_size = sizeof(request);
  request.method = sdk::toAbi("POST");
  request.path = sdk::toAbi("/api/v1/auth/login");
  request.headers = &content_type;
  request.header_count = 1;
  request.body = sdk::toAbi(body);
  request.correlation_id = sdk::toAbi(correlation_id);
  const auto response = services_.call("identity", request);
  const sdk::Json answer = sdk::Json::parse(response->body, nullptr, false);
  const bool signed_in = response->status == 200 && answer.is_object() &&
                         answer.contains("access_token") && answer["access_token"].is_string() &&
                         answer.contains("expires_in") && answer["expires_in"].is_number_integer();
  if (!signed_in) {
    std::string reason = "identity answered " + std::to_string(response->status);
    if (answer.is_object() && answer.contains("error") && answer["error"].is_object())
      reason += ": " + answer["error"].value("message", "");
    throw std::runtime_error("service account " + settings_.username + " could not sign in (" +
                             reason + ")");
  }
  token_ = answer["access_token"];
  // Renewed at four fifths of its life, so a call never carries one about to expire.
  renew_at_ = now + std::chrono::seconds(answer["expires_in"].get<std::int64_t>()) * 4 / 5;
  return token_;
}

void ServiceAccount::forget() {
  std::lock_guard lock(mutex_);
  token_.clear();
}

}  // namespace catalog::host
