#include "catalog/sdk/services.hpp"

#include <memory>

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/host.hpp"
#include "catalog/sdk/log.hpp"
#include "catalog/sdk/request.hpp"

namespace catalog::sdk {
namespace {

ServiceResponse send(std::string_view service, const ServiceRequest& request,
                     std::string_view correlation_id, const Principal* caller) {
  const Host& h = host();
  std::vector<catalog_pair> query;
  for (const auto& [name, value] : request.query) query.push_back({toAbi(name), toAbi(value)});
  const std::string body = request.body.is_null() ? std::string() : toText(request.body);
  const catalog_pair content_type{toAbi("Content-Type"), toAbi("application/json")};
  catalog_request raw{};
  raw.struct_size = sizeof(catalog_request);
  raw.method = toAbi(request.method);
  raw.path = toAbi(request.path);
  raw.query = query.data();
  raw.query_count = query.size();
  raw.headers = body.empty() ? nullptr : &content_type;
  raw.header_count = body.empty() ? 0 : 1;
  raw.body = toAbi(body);
  raw.correlation_id = toAbi(correlation_id);
  if (caller != nullptr) {
    raw.principal = {toAbi(caller->subject), toAbi(caller->username), toAbi(caller->role),
                     toAbi(caller->token)};
  }

  catalog_response* answer = nullptr;
  catalog_error error{};
  if (h.api->service_call(h.context, toAbi(service), &raw, &answer, &error) != CATALOG_OK) {
    if (error.code == CATALOG_ERR_UNAVAILABLE || error.code == CATALOG_ERR_NOT_FOUND) {
      Logger(std::string(correlation_id))
          .warning(std::string(service) + " is unavailable: " + error.message);
      throw UnavailableError(std::string(service) + " is unavailable",
                             {{"service", std::string(service)}});
    }
    detail::throwHostError(error);
  }
  const std::unique_ptr<catalog_response, void (*)(catalog_response*)> guard(answer,
                                                                             h.api->response_free);
  ServiceResponse response;
  response.status = h.api->response_status(answer);
  response.body = Json::parse(fromAbi(h.api->response_body(answer)), nullptr, false);
  if (response.body.is_discarded()) response.body = Json();
  return response;
}

}  // namespace

ServiceResponse Services::call(std::string_view service, const ServiceRequest& request,
                               const Request& caller) const {
  return send(service, request, caller.correlationId(), &caller.principal());
}

ServiceResponse Services::call(std::string_view service, const ServiceRequest& request,
                               std::string_view correlation_id) const {
  return send(service, request, correlation_id, nullptr);
}

}  // namespace catalog::sdk
