#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/sdk/events.hpp"
#include "catalog/sdk/json.hpp"
#include "catalog/sdk/transaction.hpp"

namespace catalog::store {

/// The kinds of entity the store copies from other contexts.
enum class SourceKind { Characteristic, Specification, Price, Offering };

const char* toString(SourceKind kind);

/// A copy of another context's entity, as its latest event carried it.
struct SourceEntity {
  std::string id;
  std::int64_t version = 0;
  bool deleted = false;
  sdk::Json data;  ///< the event's payload
};

/// The store's copies of source entities (SRS §4.3.3): an event changes a copy only when its
/// entity version is newer than the stored one, so duplicates and stale events change nothing
/// and events delivered in any order converge to the newest state. A deletion leaves a
/// tombstone, so a late older event can't bring the entity back.
class SourceEntities {
 public:
  explicit SourceEntities(sdk::Transaction& tx) : tx_(tx) {}

  /// Applies `event` about an entity of `kind` (a deletion when its type ends in "Deleted").
  /// Returns the entity's id when the copy changed; nullopt when the event was stale or not
  /// about an entity (no UUID "id" in its payload).
  std::optional<std::string> apply(SourceKind kind, const sdk::Event& event);
  /// Replaces the copy with what the source context answers now (a rebuild): kept only when not
  /// older than the stored one.
  void replace(SourceKind kind, const sdk::Json& entity, const std::string& origin);

  /// The copy, tombstones included.
  std::optional<SourceEntity> find(SourceKind kind, const std::string& id) const;

 private:
  bool store(SourceKind kind, const std::string& id, std::int64_t version, bool deleted,
             const sdk::Json& data, const std::string& event_id);

  sdk::Transaction& tx_;
};

}  // namespace catalog::store
