#include "bus/rabbitmq_bus.hpp"

#include "bus/amqp/amqp_topology.hpp"
#include "loader/loaded_plugin.hpp"
#include "observability/log.hpp"

namespace catalog::host {

RabbitMqBus::RabbitMqBus(AmqpAddress address, AmqpTimeouts timeouts, ConsumerPolicy policy,
                         Poco::Logger& logger)
    : address_(std::move(address)),
      timeouts_(timeouts),
      policy_(policy),
      logger_(logger),
      publisher_(address_, timeouts_, logger_) {}

RabbitMqBus::~RabbitMqBus() { stop(); }

void RabbitMqBus::subscribe(Subscription subscription) {
  addSubscription(subscriptions_, std::move(subscription));
}

std::vector<std::string> RabbitMqBus::publish(const std::vector<OutboxEvent>& events) {
  std::vector<AmqpMessage> messages;
  messages.reserve(events.size());
  for (const OutboxEvent& event : events) messages.push_back(AmqpMessage::fromEvent(event));
  return publisher_.publish(messages);
}

// The queues are declared before the host reports ready, when the broker is there: a fleet whose
// roles all started (compose's health-checked order) then has every queue bound before the
// first event, and none is lost for want of one. A queue the broker does not have yet is
// declared by its consumer when it connects.
void RabbitMqBus::declareQueues() {
  try {
    AmqpConnection amqp(address_, timeouts_, "catalogd topology");
    for (const Subscription& subscription : subscriptions_) {
      amqp_topology::declareSubscription(
          amqp, subscription.topic, subscription.plugin->name(), subscription.consumer,
          policy_.max_deliveries * AmqpConsumer::kOutageDeliveryFactor);
    }
  } catch (const AmqpError& e) {
    log(logger_, Poco::Message::PRIO_WARNING, "",
        "cannot declare the event queues now (" + std::string(e.what()) +
            "); each consumer will when it connects");
  }
}

void RabbitMqBus::start() {
  if (!subscriptions_.empty()) declareQueues();
  publisher_.start();
  for (const Subscription& subscription : subscriptions_) {
    consumers_.push_back(std::make_unique<AmqpConsumer>(subscription, address_, timeouts_, policy_,
                                                        publisher_, logger_));
    consumers_.back()->start();
  }
}

void RabbitMqBus::stop() {
  for (const auto& consumer : consumers_) consumer->stop();
  consumers_.clear();
  publisher_.stop();
}

std::string RabbitMqBus::state() const {
  bool connected = publisher_.reachable();
  for (const auto& consumer : consumers_) connected = connected && consumer->consuming();
  return connected ? "connected" : "disconnected";
}

std::string RabbitMqBus::description() const { return "RabbitMQ at " + address_.redacted(); }

}  // namespace catalog::host
