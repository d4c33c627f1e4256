#include "saga/price_lock_workers.hpp"

#include "locks/price_locks.hpp"

namespace catalog::pricing {
namespace {

using sdk::ExternalTask;
using sdk::TaskOutcome;

std::vector<std::string> pricingIdsOf(const ExternalTask& task) {
  std::vector<std::string> ids;
  for (const sdk::Json& id : task.variables.value("pricingIds", sdk::Json::array()))
    if (id.is_string()) ids.push_back(id.get<std::string>());
  return ids;
}

}  // namespace

void addPriceLockWorkers(sdk::Plugin& plugin) {
  sdk::WorkerOptions forward;
  forward.error_code_when_exhausted = "PublicationFailed";
  plugin.worker(
      "lock-prices",
      [](const ExternalTask& task) {
        try {
          const std::vector<Price> locked =
              lockPricesForSaga(task.correlation_id, task.process_instance_id, pricingIdsOf(task));
          task.log().info("saga " + task.process_instance_id + " locked " +
                          std::to_string(locked.size()) + " price(s)");
          return TaskOutcome::complete({{"lockResult", true}});
        } catch (const sdk::Error& e) {
          // Missing, held by another saga, or malformed: retrying won't change it.
          if (e.status() == 503) throw;
          return TaskOutcome::bpmnError("PublicationFailed",
                                        std::string("Prices could not be locked: ") + e.what());
        }
      },
      forward);
  plugin.worker("unlock-prices", [](const ExternalTask& task) {
    const std::vector<std::string> released =
        releasePricesOfSaga(task.correlation_id, task.process_instance_id);
    return TaskOutcome::complete({{"releasedPriceIds", released}});
  });
}

}  // namespace catalog::pricing
