#include "outbox/outbox_event.hpp"

#include <stdexcept>

#include "catalog/sdk/host.hpp"
#include "catalog/sdk/ids.hpp"
#include "catalog/sdk/json.hpp"

namespace catalog::host {

using sdk::Json;

OutboxEvent OutboxEvent::fromEnvelope(const std::string& topic, const std::string& envelope_json) {
  const Json envelope = Json::parse(envelope_json, nullptr, false);
  // The event id keys the subscribers' inboxes: without a proper one, a redelivery could not
  // be told from another event.
  if (!envelope.is_object() || !envelope.contains("payload") ||
      !envelope.value("event_id", Json()).is_string() ||
      !sdk::isUuid(envelope["event_id"].get<std::string>()) ||
      !envelope.value("event_type", Json()).is_string()) {
    throw std::invalid_argument("not an event envelope: " + envelope_json.substr(0, 200));
  }
  OutboxEvent event;
  try {
    event.topic = topic;
    event.event_id = envelope["event_id"];
    event.event_type = envelope["event_type"];
    event.schema_version = envelope.value("schema_version", "");
    event.entity_version = envelope.value("entity_version", std::int64_t{0});
    event.timestamp = envelope.value("timestamp", "");
    event.correlation_id = envelope.value("correlation_id", "");
  } catch (const Json::exception& e) {
    throw std::invalid_argument("not an event envelope (" + std::string(e.what()) +
                                "): " + envelope_json.substr(0, 200));
  }
  event.payload_json = sdk::toText(envelope["payload"]);
  event.envelope_json = envelope_json;
  return event;
}

catalog_event OutboxEvent::toAbi() const {
  return {sizeof(catalog_event),    sdk::toAbi(topic),          sdk::toAbi(event_id),
          sdk::toAbi(event_type),   sdk::toAbi(schema_version), entity_version,
          sdk::toAbi(timestamp),    sdk::toAbi(correlation_id), sdk::toAbi(payload_json),
          sdk::toAbi(envelope_json)};
}

OutboxEvent appendToOutbox(Transaction& tx, const catalog_new_event& raw,
                           const std::string& correlation_id) {
  Json payload = Json::parse(sdk::fromAbi(raw.payload_json), nullptr, false);
  if (!payload.is_object()) throw std::invalid_argument("event payload must be a JSON object");
  const std::string topic = sdk::fromAbi(raw.topic);
  const std::string event_type = sdk::fromAbi(raw.event_type);
  if (topic.empty() || event_type.empty()) {
    throw std::invalid_argument("an event needs a topic and an event type");
  }
  const std::string schema_version =
      raw.schema_version.size > 0 ? sdk::fromAbi(raw.schema_version) : "1.0";

  OutboxEvent event;
  event.topic = topic;
  event.event_id = sdk::newUuid();
  event.event_type = event_type;
  event.schema_version = schema_version;
  event.entity_version = raw.entity_version;
  event.timestamp = sdk::utcNow();
  event.correlation_id = correlation_id;
  const Json envelope = {{"event_id", event.event_id},
                         {"event_type", event.event_type},
                         {"schema_version", event.schema_version},
                         {"entity_version", event.entity_version},
                         {"timestamp", event.timestamp},
                         {"correlation_id", event.correlation_id},
                         {"payload", std::move(payload)}};
  event.payload_json = sdk::toText(envelope["payload"]);
  event.envelope_json = sdk::toText(envelope);

  // The event joins the trace of the transaction writing it.
  if (tx.span().active()) event.trace_parent = tx.span().context().traceparent();
  tx.execute(
      "INSERT INTO catalog_outbox (event_id, topic, event_type, envelope, status, attempts,"
      " next_attempt_at, created_at, trace_parent) VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)",
      {textParam(event.event_id), textParam(event.topic), textParam(event.event_type),
       textParam(event.envelope_json), textParam(event.timestamp), textParam(event.timestamp),
       event.trace_parent.empty() ? nullParam() : textParam(event.trace_parent)});
  return event;
}

}  // namespace catalog::host
