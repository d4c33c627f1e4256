#include "saga/publication_workers.hpp"

#include "catalog/sdk/ids.hpp"
#include "events/offering_events.hpp"
#include "storage/offering_repository.hpp"

namespace catalog::offering {
namespace {

using sdk::ExternalTask;
using sdk::TaskOutcome;
using sdk::Transaction;

// Moves the saga's offering with `change` (false: already moved) and emits `event_type`.
sdk::Json move(const ExternalTask& task, const std::function<bool(Offering&)>& change,
               const char* event_type) {
  const std::string id = task.variables.value("offeringId", "");
  Transaction tx(Transaction::Mode::ReadWrite, task.correlation_id);
  OfferingRepository repository(tx);
  std::optional<Offering> offering = repository.find(id);
  if (!offering)
    throw std::runtime_error("offering " + id + " of saga " + task.process_instance_id +
                             " is gone");
  const std::int64_t read_version = offering->version();
  if (change(*offering)) {
    if (!repository.update(*offering, read_version))
      throw std::runtime_error("offering " + id + " changed meanwhile");  // retried
    tx.emit(offeringEvent(event_type, *offering));
  }
  tx.commit();
  return toJson(*offering);
}

}  // namespace

void addPublicationWorkers(sdk::Plugin& plugin) {
  sdk::WorkerOptions forward;
  forward.error_code_when_exhausted = "PublicationFailed";
  plugin.worker(
      "confirm-publication",
      [](const ExternalTask& task) {
        const sdk::Json offering = move(
            task,
            [&](Offering& o) {
              return o.confirmPublication(task.process_instance_id, sdk::utcNow());
            },
            "OfferingPublished");
        return TaskOutcome::complete({{"publishedAt", offering["published_at"]}});
      },
      forward);
  plugin.worker("revert-offering-to-draft", [](const ExternalTask& task) {
    const std::string reason = task.variables.value("failureReason", "The publication failed");
    move(
        task,
        [&](Offering& o) {
          return o.revertToDraft(task.process_instance_id, reason, sdk::utcNow());
        },
        "OfferingPublicationFailed");
    return TaskOutcome::complete();
  });
}

}  // namespace catalog::offering
