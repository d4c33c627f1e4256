#pragma once

#include <string>

#include "catalog/sdk/events.hpp"
#include "catalog/sdk/log.hpp"
#include "catalog/sdk/transaction.hpp"
#include "projection/source_entities.hpp"
#include "search/text_index.hpp"

namespace catalog::store {

/// Keeps store entries in step with the copies they are built from, inside the caller's
/// transaction: an offering that becomes PUBLISHED makes its entry visible, one retired (or
/// back in DRAFT, or deleted) takes it out of every view, and a change to a characteristic,
/// specification or price rebuilds every entry that uses it.
class Projector {
 public:
  Projector(sdk::Transaction& tx, const TextIndex& text, sdk::Logger log)
      : tx_(tx), text_(text), log_(std::move(log)) {}

  /// Applies a source event to the copies and re-projects what it changed.
  void onEvent(SourceKind kind, const sdk::Event& event);
  /// Rebuilds the entry of `offering_id` from the copies, if it has one.
  void refresh(const std::string& offering_id);

 private:
  sdk::Transaction& tx_;
  const TextIndex& text_;
  sdk::Logger log_;
};

}  // namespace catalog::store
