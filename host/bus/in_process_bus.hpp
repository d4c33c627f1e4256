#pragma once

#include <string>
#include <vector>

#include "bus/event_bus.hpp"
#include "catalog/abi.h"

namespace catalog::host {

class LoadedPlugin;

/// A subscription of a plugin to a topic.
struct Subscription {
  LoadedPlugin* plugin = nullptr;
  std::string topic;
  std::string consumer;
  catalog_event_handler_fn handler = nullptr;
  void* user_data = nullptr;
};

/// The embedded bus: delivers to subscribers loaded in this process, each inside a transaction
/// on the subscriber's database that also records the event in its inbox. Subscriptions are
/// added while plugins are created, before any relay runs, and are read-only afterwards.
class InProcessBus : public EventBus {
 public:
  /// Throws std::invalid_argument when the plugin already has a subscription of that consumer.
  void subscribe(Subscription subscription);
  void publish(const OutboxEvent& event) override;

 private:
  std::vector<Subscription> subscriptions_;
};

}  // namespace catalog::host
