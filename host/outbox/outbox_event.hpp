#pragma once

#include <cstdint>
#include <string>

#include "catalog/abi.h"
#include "storage/transaction.hpp"

namespace catalog::host {

/// An event as it travels from an outbox to subscribers: the SRS §4.3.2 envelope and its parts.
struct OutboxEvent {
  std::string topic;
  std::string event_id;
  std::string event_type;
  std::string schema_version;
  std::int64_t entity_version = 0;
  std::string timestamp;
  std::string correlation_id;
  std::string payload_json;
  std::string envelope_json;
  /// The span it was published in (a W3C traceparent), which travels beside the envelope, not
  /// in it: in the outbox row, then in the message's headers. Empty outside any trace.
  std::string trace_parent;

  /// Parses a stored envelope. Throws std::invalid_argument when it is not one.
  static OutboxEvent fromEnvelope(const std::string& topic, const std::string& envelope_json);
  /// The ABI view of this event; valid while this object lives.
  catalog_event toAbi() const;
};

/// Appends an event to the outbox of the transaction's database: the only way an event is
/// published. Throws SqlError, or std::invalid_argument for a payload that is not a JSON object.
OutboxEvent appendToOutbox(Transaction& tx, const catalog_new_event& event,
                           const std::string& correlation_id);

}  // namespace catalog::host
