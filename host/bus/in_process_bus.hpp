#pragma once

#include <string>
#include <vector>

#include "bus/event_bus.hpp"

namespace catalog::host {

/// The embedded bus: delivers each event to the subscribers loaded in this process, directly
/// from the relay's thread.
class InProcessBus : public EventBus {
 public:
  void subscribe(Subscription subscription) override;
  std::vector<std::string> publish(const std::vector<OutboxEvent>& events) override;
  std::string description() const override { return "in process"; }
  std::string state() const override { return "in process"; }

 private:
  std::vector<Subscription> subscriptions_;
};

}  // namespace catalog::host
