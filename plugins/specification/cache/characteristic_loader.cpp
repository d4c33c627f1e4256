#include "cache/characteristic_loader.hpp"

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/pagination.hpp"

namespace catalog::specification {
namespace {

constexpr const char* kService = "characteristic";

[[noreturn]] void unusableAnswer(const sdk::ServiceResponse& answer) {
  throw sdk::UnavailableError(
      "The characteristic service could not confirm the characteristics; retry later",
      {{"service", kService}, {"status", answer.status}});
}

CachedCharacteristic fromJson(const sdk::Json& item) {
  return {item.at("id").get<std::string>(),       item.at("name").get<std::string>(),
          item.at("value").get<std::string>(),    item.at("unit_of_measure").get<std::string>(),
          item.at("version").get<std::int64_t>(), false};
}

}  // namespace

std::vector<CachedCharacteristic> loadCharacteristics(const sdk::Services& services,
                                                      const std::vector<std::string>& ids,
                                                      const sdk::Request& caller) {
  std::vector<CachedCharacteristic> loaded;
  // A list call answers at most a page of ids; a specification rarely lists more.
  const std::size_t chunk = sdk::PageRequest::kMaxPageSize;
  for (std::size_t first = 0; first < ids.size(); first += chunk) {
    sdk::ServiceRequest request{"GET", "/api/v1/characteristics", {}, sdk::Json()};
    request.query.emplace_back("page_size", std::to_string(chunk));
    for (std::size_t i = first; i < ids.size() && i < first + chunk; ++i)
      request.query.emplace_back("id", ids[i]);
    const sdk::ServiceResponse answer = services.call(kService, request, caller);
    if (answer.status != 200 || !answer.body.is_object()) unusableAnswer(answer);
    try {
      for (const sdk::Json& item : answer.body.at("items")) loaded.push_back(fromJson(item));
    } catch (const sdk::Json::exception&) {
      unusableAnswer(answer);
    }
  }
  return loaded;
}

}  // namespace catalog::specification
