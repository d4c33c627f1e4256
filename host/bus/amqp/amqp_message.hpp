#pragma once

#include <string>

#include "bus/amqp/amqp_connection.hpp"
#include "outbox/outbox_event.hpp"

namespace catalog::host {

/// A persistent JSON message as the bus publishes it.
struct AmqpMessage {
  std::string exchange;
  std::string routing_key;
  std::string body;
  std::string message_id;
  std::string correlation_id;
  std::string type;
  AmqpTable headers;

  /// An outbox event on its topic's exchange, routed by its type, with the envelope as body and
  /// its ids, type and versions also as properties and headers, so that the broker's tools
  /// show them, and its trace context as `traceparent` and `b3` headers.
  static AmqpMessage fromEvent(const OutboxEvent& event);
};

}  // namespace catalog::host
