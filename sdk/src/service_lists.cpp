#include "catalog/sdk/service_lists.hpp"

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/pagination.hpp"

namespace catalog::sdk {
namespace {

// One page of a list answer: its items and its total.
std::pair<std::vector<Json>, std::int64_t> page(const Services& services, std::string_view service,
                                                const ServiceRequest& request,
                                                const Request& caller) {
  const ServiceResponse answer = services.call(service, request, caller);
  const bool list = answer.status == 200 && answer.body.is_object() &&
                    answer.body.contains("items") && answer.body["items"].is_array();
  if (!list) {
    throw UnavailableError("The " + std::string(service) + " service could not answer; retry later",
                           {{"service", std::string(service)}, {"status", answer.status}});
  }
  return {answer.body["items"].get<std::vector<Json>>(),
          answer.body.value("total", std::int64_t{0})};
}

}  // namespace

std::vector<Json> listByIds(const Services& services, std::string_view service,
                            std::string_view path, const std::vector<std::string>& ids,
                            const Request& caller) {
  std::vector<Json> items;
  const std::size_t chunk = PageRequest::kMaxPageSize;
  for (std::size_t first = 0; first < ids.size(); first += chunk) {
    ServiceRequest request{
        "GET", std::string(path), {{"page_size", std::to_string(chunk)}}, Json()};
    for (std::size_t i = first; i < ids.size() && i < first + chunk; ++i)
      request.query.emplace_back("id", ids[i]);
    auto found = page(services, service, request, caller).first;
    items.insert(items.end(), found.begin(), found.end());
  }
  return items;
}

std::vector<Json> listAll(const Services& services, std::string_view service, std::string_view path,
                          const std::vector<std::pair<std::string, std::string>>& query,
                          const Request& caller) {
  std::vector<Json> items;
  for (int number = 1;; ++number) {
    ServiceRequest request{"GET", std::string(path), query, Json()};
    request.query.emplace_back("page", std::to_string(number));
    request.query.emplace_back("page_size", std::to_string(PageRequest::kMaxPageSize));
    auto [found, total] = page(services, service, request, caller);
    items.insert(items.end(), found.begin(), found.end());
    if (found.empty() || static_cast<std::int64_t>(items.size()) >= total) return items;
  }
}

}  // namespace catalog::sdk
