#include "cache/characteristic_check.hpp"

#include "cache/characteristic_loader.hpp"
#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/transaction.hpp"

namespace catalog::specification {

void CharacteristicCheck::cacheUncached(const sdk::Services& services,
                                        const std::vector<std::string>& ids,
                                        const sdk::Request& caller) {
  std::vector<std::string> uncached;
  {
    sdk::Transaction tx(sdk::Transaction::Mode::ReadOnly, caller.correlationId());
    const auto cached = CharacteristicCache(tx).find(ids);
    for (const std::string& id : ids)
      if (cached.count(id) == 0) uncached.push_back(id);
  }
  if (uncached.empty()) return;
  caller.log().info("loading " + std::to_string(uncached.size()) +
                    " uncached characteristic(s) from the characteristic context");
  const std::vector<CachedCharacteristic> loaded = loadCharacteristics(services, uncached, caller);
  if (loaded.empty()) return;
  sdk::Transaction tx(sdk::Transaction::Mode::ReadWrite, caller.correlationId());
  CharacteristicCache cache(tx);
  for (const CachedCharacteristic& characteristic : loaded) cache.remember(characteristic);
  tx.commit();
}

void CharacteristicCheck::requireExisting(CharacteristicCache& cache,
                                          const std::vector<std::string>& ids) {
  const auto known = cache.find(ids);
  sdk::Json unknown = sdk::Json::array();
  for (const std::string& id : ids) {
    const auto entry = known.find(id);
    if (entry == known.end() || entry->second.deleted) unknown.push_back(id);
  }
  if (unknown.empty()) return;
  std::string listed;
  for (const sdk::Json& id : unknown)
    listed += (listed.empty() ? "" : ", ") + id.get<std::string>();
  throw sdk::ValidationError("Unknown characteristic id(s): " + listed,
                             {{"field", "characteristic_ids"}, {"unknown_ids", unknown}});
}

}  // namespace catalog::specification
