#pragma once

#include <string>

#include "bus/amqp/amqp_connection.hpp"

namespace catalog::host {

/// The RabbitMQ objects of the catalog (SRS appendix E):
/// - a durable topic exchange per event topic, named as the topic
///   ("product.offerings.events"), with the event type as routing key;
/// - per subscription a quorum queue "{plugin}.{consumer}.queue" bound to every key of its
///   topic, shared by all instances of the plugin (competing consumers);
/// - its dead letters in the quorum queue "{plugin}.{consumer}.dlq", through the direct
///   exchange kDeadLetterExchange with the queue's name as routing key.
namespace amqp_topology {

inline constexpr const char* kDeadLetterExchange = "catalog.dead-letters";

std::string queueName(const std::string& plugin, const std::string& consumer);
std::string deadLetterQueueName(const std::string& plugin, const std::string& consumer);

/// Declares the exchange of `topic`. Throws AmqpError.
void declareExchange(AmqpConnection& connection, const std::string& topic);

/// Declares a subscription's queue, its dead-letter queue and their bindings. The broker
/// dead-letters a message returned more than `delivery_limit` times (at least once: it stays
/// in the queue until the dead-letter queue confirmed it). Throws AmqpError, also when the
/// queue exists with other arguments.
void declareSubscription(AmqpConnection& connection, const std::string& topic,
                         const std::string& plugin, const std::string& consumer,
                         int delivery_limit);

}  // namespace amqp_topology
}  // namespace catalog::host
