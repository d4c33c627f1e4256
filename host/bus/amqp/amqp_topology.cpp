#include "bus/amqp/amqp_topology.hpp"

namespace catalog::host::amqp_topology {
namespace {

void declareQueue(AmqpConnection& connection, const std::string& name, AmqpTable arguments) {
  arguments.text("x-queue-type", "quorum");
  amqp_queue_declare(connection.state(), AmqpConnection::kChannel, bytesOf(name), false, true,
                     false, false, arguments.table());
  connection.checkCall("declaring queue " + name);
}

void bind(AmqpConnection& connection, const std::string& queue, const std::string& exchange,
          const std::string& key) {
  amqp_queue_bind(connection.state(), AmqpConnection::kChannel, bytesOf(queue), bytesOf(exchange),
                  bytesOf(key), amqp_empty_table);
  connection.checkCall("binding queue " + queue + " to " + exchange);
}

void declare(AmqpConnection& connection, const std::string& exchange, const char* type) {
  amqp_exchange_declare(connection.state(), AmqpConnection::kChannel, bytesOf(exchange),
                        amqp_cstring_bytes(type), false, true, false, false, amqp_empty_table);
  connection.checkCall("declaring exchange " + exchange);
}

}  // namespace

std::string queueName(const std::string& plugin, const std::string& consumer) {
  return plugin + "." + consumer + ".queue";
}

std::string deadLetterQueueName(const std::string& plugin, const std::string& consumer) {
  return plugin + "." + consumer + ".dlq";
}

void declareExchange(AmqpConnection& connection, const std::string& topic) {
  declare(connection, topic, "topic");
}

void declareSubscription(AmqpConnection& connection, const std::string& topic,
                         const std::string& plugin, const std::string& consumer,
                         int delivery_limit) {
  const std::string queue = queueName(plugin, consumer);
  const std::string dead_letters = deadLetterQueueName(plugin, consumer);
  declareExchange(connection, topic);
  declare(connection, kDeadLetterExchange, "direct");
  declareQueue(connection, dead_letters, AmqpTable());
  bind(connection, dead_letters, kDeadLetterExchange, queue);
  declareQueue(connection, queue,
               AmqpTable()
                   .integer("x-delivery-limit", delivery_limit)
                   .text("x-dead-letter-exchange", kDeadLetterExchange)
                   .text("x-dead-letter-routing-key", queue)
                   .text("x-dead-letter-strategy", "at-least-once")
                   .text("x-overflow", "reject-publish"));
  bind(connection, queue, topic, "#");
}

}  // namespace catalog::host::amqp_topology
