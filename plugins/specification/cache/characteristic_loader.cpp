#include "cache/characteristic_loader.hpp"

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/service_lists.hpp"

namespace catalog::specification {
namespace {

constexpr const char* kService = "characteristic";

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
  for (const sdk::Json& item :
       sdk::listByIds(services, kService, "/api/v1/characteristics", ids, caller)) {
    try {
      loaded.push_back(fromJson(item));
    } catch (const sdk::Json::exception&) {
      throw sdk::UnavailableError(
          "The characteristic service could not confirm the characteristics; retry later",
          {{"service", kService}});
    }
  }
  return loaded;
}

}  // namespace catalog::specification
