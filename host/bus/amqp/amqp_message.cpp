#include "bus/amqp/amqp_message.hpp"

#include "observability/tracing/trace_context.hpp"

namespace catalog::host {

AmqpMessage AmqpMessage::fromEvent(const OutboxEvent& event) {
  AmqpMessage message{event.topic,          event.event_type, event.envelope_json, event.event_id,
                      event.correlation_id, event.event_type, AmqpTable()};
  message.headers.text("x-correlation-id", event.correlation_id)
      .text("x-schema-version", event.schema_version)
      .integer("x-entity-version", event.entity_version);
  // Trace context in the headers, W3C's and B3's single header, as tracers of other languages
  // read them from messages.
  if (const auto trace = TraceContext::fromTraceparent(event.trace_parent)) {
    message.headers.text("traceparent", trace->traceparent()).text("b3", trace->b3());
  }
  return message;
}

}  // namespace catalog::host
