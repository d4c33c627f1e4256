#pragma once

#include <string>

#include "outbox/outbox_event.hpp"

namespace catalog::host {

/// Where an outbox relay hands events. Implementations deliver at least once; consumers dedupe
/// through their inbox.
class EventBus {
 public:
  virtual ~EventBus() = default;
  /// Delivers `event` to every subscriber of its topic. Throws std::runtime_error naming the
  /// subscriber and the cause when any delivery failed; the relay then retries the event.
  virtual void publish(const OutboxEvent& event) = 0;
};

}  // namespace catalog::host
