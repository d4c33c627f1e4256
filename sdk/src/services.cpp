#include "catalog/sdk/services.hpp"

#include <strings.h>

#include <memory>

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/host.hpp"
#include "catalog/sdk/log.hpp"
#include "catalog/sdk/request.hpp"

namespace catalog::sdk {
namespace {

using Answer = std::unique_ptr<catalog_response, void (*)(catalog_response*)>;

// Calls `service`; throws UnavailableError when it can't be reached.
Answer dispatch(std::string_view service, const catalog_request& raw,
                std::string_view correlation_id) {
  const Host& h = host();
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
  return Answer(answer, h.api->response_free);
}

std::vector<catalog_pair> pairsOf(const Headers& pairs) {
  std::vector<catalog_pair> raw;
  for (const auto& [name, value] : pairs) raw.push_back({toAbi(name), toAbi(value)});
  return raw;
}

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

  const Answer answer = dispatch(service, raw, correlation_id);
  ServiceResponse response;
  response.status = h.api->response_status(answer.get());
  response.body = Json::parse(fromAbi(h.api->response_body(answer.get())), nullptr, false);
  if (response.body.is_discarded()) response.body = Json();
  return response;
}

}  // namespace

bool isHopByHopHeader(std::string_view name) noexcept {
  static constexpr std::string_view kHop[] = {"connection",
                                              "keep-alive",
                                              "transfer-encoding",
                                              "te",
                                              "trailer",
                                              "upgrade",
                                              "host",
                                              "content-length",
                                              "proxy-authorization",
                                              "proxy-connection"};
  for (const std::string_view hop : kHop) {
    if (hop.size() == name.size() && strncasecmp(hop.data(), name.data(), name.size()) == 0)
      return true;
  }
  return false;
}

Services::Location Services::location(std::string_view service) const {
  switch (host().api->service_location(host().context, toAbi(service))) {
    case CATALOG_SERVICE_LOCAL:
      return Location::Local;
    case CATALOG_SERVICE_REMOTE:
      return Location::Remote;
    default:
      return Location::Nowhere;
  }
}

ForwardedResponse Services::forward(std::string_view service, const Request& incoming,
                                    const Headers& headers) const {
  const Host& h = host();
  const Headers query_pairs = incoming.queryParameters();
  const std::vector<catalog_pair> query = pairsOf(query_pairs);
  const std::vector<catalog_pair> header_pairs = pairsOf(headers);
  const Principal& principal = incoming.principal();
  catalog_request raw{};
  raw.struct_size = sizeof(catalog_request);
  raw.method = toAbi(incoming.method());
  raw.path = toAbi(incoming.path());
  raw.query = query.data();
  raw.query_count = query.size();
  raw.headers = header_pairs.data();
  raw.header_count = header_pairs.size();
  raw.body = toAbi(incoming.rawBody());
  raw.correlation_id = toAbi(incoming.correlationId());
  raw.principal = {toAbi(principal.subject), toAbi(principal.username), toAbi(principal.role),
                   toAbi(principal.token)};
  raw.client_address = toAbi(incoming.clientAddress());

  const Answer answer = dispatch(service, raw, incoming.correlationId());
  ForwardedResponse response;
  response.status = h.api->response_status(answer.get());
  response.body = fromAbi(h.api->response_body(answer.get()));
  const std::size_t count = h.api->response_header_count(answer.get());
  for (std::size_t i = 0; i < count; ++i) {
    const catalog_pair header = h.api->response_header_at(answer.get(), i);
    response.headers.emplace_back(fromAbi(header.name), fromAbi(header.value));
  }
  return response;
}

ServiceResponse Services::call(std::string_view service, const ServiceRequest& request,
                               const Request& caller) const {
  return send(service, request, caller.correlationId(), &caller.principal());
}

ServiceResponse Services::call(std::string_view service, const ServiceRequest& request,
                               std::string_view correlation_id) const {
  return send(service, request, correlation_id, nullptr);
}

}  // namespace catalog::sdk
