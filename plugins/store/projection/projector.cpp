#include "projection/projector.hpp"

#include "catalog/sdk/ids.hpp"
#include "projection/store_entry.hpp"
#include "storage/entry_repository.hpp"

namespace catalog::store {

void Projector::onEvent(SourceKind kind, const sdk::Event& event) {
  SourceEntities copies(tx_);
  const auto changed = copies.apply(kind, event);
  if (!changed) return;  // a duplicate or stale event: nothing to re-project
  if (kind == SourceKind::Offering) {
    refresh(*changed);
    return;
  }
  EntryRepository entries(tx_, text_);
  for (const std::string& offering_id : entries.offeringsUsing(kind, *changed))
    refresh(offering_id);
}

void Projector::refresh(const std::string& offering_id) {
  EntryRepository entries(tx_, text_);
  // Only the saga's create-store-entry step creates entries. Locked before the copies are read,
  // so a concurrent refresh's commit is seen, not overwritten.
  if (!entries.lock(offering_id)) return;
  const auto stored = entries.find(offering_id);
  SourceEntities copies(tx_);
  const auto offering = copies.find(SourceKind::Offering, offering_id);
  const std::string status =
      offering && !offering->deleted ? offering->data.value("lifecycle_status", "") : "";
  if (status != "PUBLISHING" && status != "PUBLISHED") {
    entries.erase(offering_id);
    return;
  }
  try {
    entries.write(buildEntry(copies, offering_id, stored->saga_id), sdk::utcNow());
  } catch (const SourceMissing& e) {
    // The copies are behind (an event still on its way); the entry keeps its last state and
    // the late event re-projects it.
    log_.warning("store entry of offering " + offering_id + " kept as it was: " + e.what());
  }
}

}  // namespace catalog::store
