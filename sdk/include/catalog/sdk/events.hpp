#pragma once

/// @file
/// Domain events: what a plugin emits through a transaction and what a subscriber receives.
/// The envelope is SRS §4.3.2; topics follow SRS appendix E ("resource.characteristics.events").

#include <cstdint>
#include <functional>
#include <string>

#include "catalog/sdk/json.hpp"

namespace catalog::sdk {

class Transaction;

/// An event to publish. The host adds event_id, timestamp and correlation_id.
struct NewEvent {
  std::string topic;
  std::string event_type;
  /// The version of the entity after the change, so consumers can drop stale events.
  std::int64_t entity_version = 0;
  Json payload = Json::object();
  std::string schema_version = "1.0";
};

/// A delivered event.
struct Event {
  std::string topic;
  std::string event_id;
  std::string event_type;
  std::string schema_version;
  std::int64_t entity_version = 0;
  std::string timestamp;
  std::string correlation_id;
  Json payload;
};

/// Handles one event inside the transaction that also records it in the plugin's inbox.
/// Throwing rolls both back and the event is delivered again later.
using EventHandler = std::function<void(const Event&, Transaction&)>;

}  // namespace catalog::sdk
