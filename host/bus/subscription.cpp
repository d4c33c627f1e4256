#include "bus/subscription.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "bus/amqp/amqp_topology.hpp"
#include "catalog/sdk/ids.hpp"
#include "loader/loaded_plugin.hpp"
#include "observability/log.hpp"
#include "observability/observability.hpp"
#include "observability/tracing/span.hpp"

namespace catalog::host {

namespace {

// The handler's transaction with the inbox row; false when the inbox already had the event.
bool handle(const Subscription& subscription, const OutboxEvent& event) {
  LoadedPlugin& plugin = *subscription.plugin;
  catalog_tx tx{Transaction(plugin.database(), true), &plugin, event.correlation_id, true, false};
  const std::string now = sdk::utcNow();
  const SqlResult inserted = tx.transaction.execute(
      "INSERT INTO catalog_inbox (consumer, event_id, processed_at) VALUES (?, ?, ?)"
      " ON CONFLICT DO NOTHING",
      {textParam(subscription.consumer), textParam(event.event_id), textParam(now)});
  if (inserted.affected == 0) return false;

  const catalog_event raw = event.toAbi();
  catalog_error error{};
  if (subscription.handler(subscription.user_data, &raw, &tx, &error) != CATALOG_OK) {
    throw std::runtime_error(error.message);
  }
  tx.transaction.commit();
  if (tx.wrote_outbox) plugin.outboxWritten();
  return true;
}

std::optional<Poco::Timestamp> timeOf(const std::string& iso) {
  Poco::DateTime parsed;
  int zone = 0;
  if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, iso, parsed, zone))
    return std::nullopt;
  return parsed.timestamp() - static_cast<Poco::Timestamp::TimeDiff>(zone) * 1000000;
}

double secondsSince(const Poco::Timestamp& time) {
  return std::max(0.0, static_cast<double>(time.elapsed()) / 1e6);
}

}  // namespace

std::string subscriptionName(const Subscription& subscription) {
  return subscription.plugin->name() + "." + subscription.consumer;
}

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
  Observability& observability = plugin.facilities().observability;
  const std::string name = subscriptionName(subscription);
  Span span(observability.tracer,
            "CONSUME " + amqp_topology::queueName(plugin.name(), subscription.consumer),
            SpanKind::Consumer, plugin.name(), TraceContext::fromTraceparent(event.trace_parent));
  const CurrentSpan current(span);
  span.tag("messaging.destination", event.topic);
  span.tag("event_id", event.event_id);
  span.tag("event_type", event.event_type);
  span.tag("correlation_id", event.correlation_id);
  try {
    if (!handle(subscription, event)) {
      span.tag("duplicate", "true");
      return;
    }
  } catch (const std::exception& e) {
    observability.host.events_failed.add({name});
    span.fail(e.what());
    throw;
  }
  observability.host.events_consumed.add({name});
  log(plugin.logger(), Poco::Message::PRIO_DEBUG, event.correlation_id,
      "consumed " + event.event_type + " " + event.event_id + " from " + event.topic + " as " +
          subscription.consumer);
  if (const auto written = timeOf(event.timestamp))
    observability.host.event_lag.observe({name}, secondsSince(*written));
}

}  // namespace catalog::host
