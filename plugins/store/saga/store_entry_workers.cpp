#include "saga/store_entry_workers.hpp"

#include <chrono>

#include "catalog/sdk/ids.hpp"
#include "projection/projector.hpp"
#include "projection/store_entry.hpp"
#include "storage/entry_repository.hpp"

namespace catalog::store {
namespace {

using sdk::ExternalTask;
using sdk::TaskOutcome;
using sdk::Transaction;

}  // namespace

void addStoreEntryWorkers(sdk::Plugin& plugin, const TextIndex& text) {
  // The copies an entry needs are usually a few milliseconds behind the saga (the offering's
  // own PublicationInitiated event among them): retried soon and often, 10 ms doubling to about
  // 5 s, 10 s in all before the publication fails.
  sdk::WorkerOptions forward;
  forward.retries = 10;
  forward.first_retry_delay = std::chrono::milliseconds(10);
  forward.error_code_when_exhausted = "PublicationFailed";
  plugin.worker(
      "create-store-entry",
      [&text](const ExternalTask& task) {
        const std::string offering_id = task.variables.value("offeringId", "");
        {
          Transaction tx(Transaction::Mode::ReadWrite, task.correlation_id);
          SourceEntities copies(tx);
          // SourceMissing propagates: the SDK retries with back-off while the events arrive.
          EntryRepository(tx, text).write(buildEntry(copies, offering_id, task.process_instance_id),
                                          sdk::utcNow());
          tx.commit();
        }
        // An event committed while the entry was being written found no entry to refresh; a
        // refresh now, from the copies as they are, takes it in (later events find the entry).
        Transaction tx(Transaction::Mode::ReadWrite, task.correlation_id);
        Projector(tx, text, task.log()).refresh(offering_id);
        tx.commit();
        return TaskOutcome::complete({{"storeEntryId", offering_id}});
      },
      forward);
  plugin.worker("delete-store-entry", [&text](const ExternalTask& task) {
    const std::string offering_id = task.variables.value("offeringId", "");
    Transaction tx(Transaction::Mode::ReadWrite, task.correlation_id);
    EntryRepository entries(tx, text);
    // Only this saga's entry: a later publication's is not ours to undo.
    const auto stored = entries.find(offering_id);
    const bool ours = stored && stored->saga_id == task.process_instance_id;
    if (ours) entries.erase(offering_id);
    tx.commit();
    return TaskOutcome::complete({{"storeEntryDeleted", ours}});
  });
}

}  // namespace catalog::store
