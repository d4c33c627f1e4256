#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "bus/subscription.hpp"
#include "outbox/outbox_event.hpp"

namespace catalog::host {

/// The bus cannot take events at all right now (the broker is unreachable): nothing about the
/// events themselves is wrong, so the relay keeps them as they are and tries again soon.
class BusUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Carries events from outbox relays to subscribers, at least once; subscribers dedupe through
/// their inbox. Subscriptions are added while plugins are created, before start().
class EventBus {
 public:
  virtual ~EventBus() = default;
  /// Throws std::invalid_argument when the plugin already has a subscription of that consumer.
  virtual void subscribe(Subscription subscription) = 0;
  /// Hands `events` over, in order. Returns one entry per event: empty when it is delivered (or
  /// safely with the broker), else why not, and the relay retries that event later. Throws
  /// BusUnavailable when none could be handed over.
  virtual std::vector<std::string> publish(const std::vector<OutboxEvent>& events) = 0;
  /// Starts and stops consuming for the subscriptions.
  virtual void start() {}
  virtual void stop() {}
  /// Where events go, for the log: "in process" or the broker's address without credentials.
  virtual std::string description() const = 0;
  /// For /health: "in process", or whether the broker was reachable at the last attempt and
  /// every subscription is being consumed ("connected") or not ("disconnected").
  virtual std::string state() const = 0;
};

}  // namespace catalog::host
