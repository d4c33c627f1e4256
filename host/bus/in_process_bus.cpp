#include "bus/in_process_bus.hpp"

#include "loader/loaded_plugin.hpp"

namespace catalog::host {

void InProcessBus::subscribe(Subscription subscription) {
  addSubscription(subscriptions_, std::move(subscription));
}

// An event counts as delivered only when every subscriber took it; a retry reaches those that
// did again, and their inboxes skip it.
std::vector<std::string> InProcessBus::publish(const std::vector<OutboxEvent>& events) {
  std::vector<std::string> failures;
  failures.reserve(events.size());
  for (const OutboxEvent& event : events) {
    std::string failure;
    for (const Subscription& subscription : subscriptions_) {
      if (subscription.topic != event.topic) continue;
      try {
        deliver(subscription, event);
      } catch (const std::exception& e) {
        failure += (failure.empty() ? "" : "; ") + subscription.plugin->name() + "/" +
                   subscription.consumer + ": " + e.what();
      }
    }
    failures.push_back(std::move(failure));
  }
  return failures;
}

}  // namespace catalog::host
