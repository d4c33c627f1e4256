#pragma once

#include <string>
#include <vector>

#include "catalog/abi.h"
#include "outbox/outbox_event.hpp"

namespace catalog::host {

class LoadedPlugin;

/// A plugin's subscription to every event of a topic. `consumer` names it in the plugin's inbox
/// (and, on RabbitMQ, in its queue's name).
struct Subscription {
  LoadedPlugin* plugin = nullptr;
  std::string topic;
  std::string consumer;
  catalog_event_handler_fn handler = nullptr;
  void* user_data = nullptr;
};

/// "{plugin}.{consumer}": how metrics label the subscription.
std::string subscriptionName(const Subscription& subscription);

/// Adds `subscription` to `subscriptions`. Throws std::invalid_argument when its plugin already
/// has a subscription of that consumer.
void addSubscription(std::vector<Subscription>& subscriptions, Subscription subscription);

/// Runs the subscriber's handler in a transaction on its database that also records the event
/// in its inbox; an event already there is skipped, so a redelivery has no second effect.
/// Returns once that transaction committed. A CONSUME span in the event's trace covers it, and
/// the subscription's metrics count it. Throws std::runtime_error with the handler's error, or
/// SqlError.
void deliver(const Subscription& subscription, const OutboxEvent& event);

}  // namespace catalog::host
