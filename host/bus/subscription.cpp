#include "bus/subscription.hpp"

#include <stdexcept>

#include "catalog/sdk/ids.hpp"
#include "loader/loaded_plugin.hpp"

namespace catalog::host {

void addSubscription(std::vector<Subscription>& subscriptions, Subscription subscription) {
  for (const Subscription& existing : subscriptions) {
    if (existing.plugin == subscription.plugin && existing.consumer == subscription.consumer) {
      throw std::invalid_argument("consumer '" + subscription.consumer + "' is already subscribed");
    }
  }
  subscriptions.push_back(std::move(subscription));
}

void deliver(const Subscription& subscription, const OutboxEvent& event) {
  LoadedPlugin& plugin = *subscription.plugin;
  catalog_tx tx{Transaction(plugin.database(), true), &plugin, event.correlation_id, true, false};
  const std::string now = sdk::utcNow();
  const SqlResult inserted = tx.transaction.execute(
      "INSERT INTO catalog_inbox (consumer, event_id, processed_at) VALUES (?, ?, ?)"
      " ON CONFLICT DO NOTHING",
      {textParam(subscription.consumer), textParam(event.event_id), textParam(now)});
  if (inserted.affected == 0) return;

  const catalog_event raw = event.toAbi();
  catalog_error error{};
  if (subscription.handler(subscription.user_data, &raw, &tx, &error) != CATALOG_OK) {
    throw std::runtime_error(error.message);
  }
  tx.transaction.commit();
  if (tx.wrote_outbox) plugin.outboxWritten();
}

}  // namespace catalog::host
