#pragma once

/// @file
/// Reference tracking from events: which entities of another context refer to ours. A
/// characteristic can't be deleted while a specification lists it; the characteristic plugin
/// learns the lists from specification events and asks here before deleting.
///
/// The host creates the tables in every plugin database. Events older than the version already
/// applied for a referrer are ignored, and a deletion leaves a tombstone, so redelivered or
/// reordered events never resurrect a reference.

#include <string>
#include <string_view>
#include <vector>

namespace catalog::sdk {

class Plugin;
class Transaction;
struct Event;

/// Where references come from: events on `topic` whose payload has `id` and the array
/// `field` of referenced ids.
struct ReferenceSource {
  std::string topic;     ///< e.g. "resource.specifications.events"
  std::string referrer;  ///< e.g. "specification"
  std::string field;     ///< e.g. "characteristic_ids"
  /// Events carrying the full current list; when empty, every event whose payload has `field`.
  std::vector<std::string> set_events;
  std::vector<std::string> drop_events;  ///< events removing the referrer
};

/// A referrer of some entity.
struct Referrer {
  std::string type;  ///< ReferenceSource::referrer
  std::string id;
};

/// Keeps references up to date from events and answers who refers to an id.
class References {
 public:
  /// Subscribes `plugin` to `source`. Call from the plugin's constructor.
  static void track(Plugin& plugin, ReferenceSource source);
  /// Applies one event of `source` (what the subscription does); exposed for tests.
  static void apply(const ReferenceSource& source, const Event& event, Transaction& tx);
  /// Everything that currently refers to `target_id`.
  static std::vector<Referrer> referrers(Transaction& tx, std::string_view target_id);
  /// Throws ConflictError (409) when anything refers to `target_id`, naming the referrers by
  /// type in the details (e.g. "specification_ids"). `what` names the target in the message,
  /// e.g. "Characteristic".
  static void requireUnreferenced(Transaction& tx, std::string_view what,
                                  std::string_view target_id);
};

}  // namespace catalog::sdk
