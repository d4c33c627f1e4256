#include "bus/amqp/amqp_message.hpp"

namespace catalog::host {

AmqpMessage AmqpMessage::fromEvent(const OutboxEvent& event) {
  AmqpMessage message{event.topic,          event.event_type, event.envelope_json, event.event_id,
                      event.correlation_id, event.event_type, AmqpTable()};
  message.headers.text("x-correlation-id", event.correlation_id)
      .text("x-schema-version", event.schema_version)
      .integer("x-entity-version", event.entity_version);
  return message;
}

}  // namespace catalog::host
