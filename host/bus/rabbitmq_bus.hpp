#pragma once

#include <Poco/Logger.h>

#include <memory>
#include <string>
#include <vector>

#include "bus/amqp/amqp_consumer.hpp"
#include "bus/amqp/amqp_publisher.hpp"
#include "bus/event_bus.hpp"

namespace catalog::host {

/// The bus of a fleet: events go through RabbitMQ (see amqp_topology.hpp for its objects), so
/// that subscribers in any process, and several instances of each, receive them.
class RabbitMqBus : public EventBus {
 public:
  RabbitMqBus(AmqpAddress address, AmqpTimeouts timeouts, ConsumerPolicy policy,
              Poco::Logger& logger);
  ~RabbitMqBus() override;

  void subscribe(Subscription subscription) override;
  /// Declares every subscription's queues (see declareQueues) and starts consuming.
  std::vector<std::string> publish(const std::vector<OutboxEvent>& events) override;
  void start() override;
  void stop() override;
  std::string description() const override;
  std::string state() const override;

 private:
  void declareQueues();

  AmqpAddress address_;
  AmqpTimeouts timeouts_;
  ConsumerPolicy policy_;
  Poco::Logger& logger_;
  AmqpPublisher publisher_;
  std::vector<Subscription> subscriptions_;
  std::vector<std::unique_ptr<AmqpConsumer>> consumers_;
};

}  // namespace catalog::host
