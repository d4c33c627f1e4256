#include "bus/amqp/amqp_consumer.hpp"

#include <algorithm>
#include <optional>

#include "bus/amqp/amqp_topology.hpp"
#include "bus/event_bus.hpp"
#include "catalog/sdk/ids.hpp"
#include "loader/loaded_plugin.hpp"
#include "observability/log.hpp"
#include "observability/observability.hpp"

namespace catalog::host {
namespace {

constexpr std::chrono::milliseconds kMaxReconnectBackoff{30000};

struct EnvelopeGuard {
  amqp_envelope_t& envelope;
  ~EnvelopeGuard() { amqp_destroy_envelope(&envelope); }
};

const amqp_table_t& headersOf(const amqp_envelope_t& envelope) {
  const amqp_basic_properties_t& properties = envelope.message.properties;
  return (properties._flags & AMQP_BASIC_HEADERS_FLAG) != 0 ? properties.headers : amqp_empty_table;
}

std::string propertyText(const amqp_envelope_t& envelope, amqp_flags_t flag,
                         const amqp_bytes_t& value) {
  return (envelope.message.properties._flags & flag) != 0 ? toString(value) : std::string();
}

// The publisher's span, from W3C's header or else B3's.
std::string traceParentOf(const amqp_table_t& headers) {
  if (const auto w3c = TraceContext::fromTraceparent(headerText(headers, "traceparent")))
    return w3c->traceparent();
  if (const auto b3 = TraceContext::fromB3(headerText(headers, "b3"))) return b3->traceparent();
  return {};
}

}  // namespace

AmqpConsumer::AmqpConsumer(Subscription subscription, AmqpAddress address, AmqpTimeouts timeouts,
                           ConsumerPolicy policy, AmqpPublisher& dead_letters, Poco::Logger& logger)
    : subscription_(std::move(subscription)),
      queue_(amqp_topology::queueName(subscription_.plugin->name(), subscription_.consumer)),
      address_(std::move(address)),
      timeouts_(timeouts),
      policy_(policy),
      dead_letters_(dead_letters),
      logger_(logger) {}

AmqpConsumer::~AmqpConsumer() { stop(); }

void AmqpConsumer::start() {
  running_ = true;
  stopping_.reset();
  thread_ = std::thread([this] { run(); });
}

void AmqpConsumer::stop() {
  if (!running_.exchange(false)) return;
  stopping_.set();
  thread_.join();
}

void AmqpConsumer::run() {
  auto backoff = policy_.reconnect_backoff;
  while (running_) {
    try {
      AmqpConnection amqp(address_, timeouts_, "catalogd " + queue_);
      amqp_topology::declareSubscription(amqp, subscription_.topic, subscription_.plugin->name(),
                                         subscription_.consumer,
                                         policy_.max_deliveries * kOutageDeliveryFactor);
      amqp_basic_qos(amqp.state(), AmqpConnection::kChannel, 0,
                     static_cast<std::uint16_t>(policy_.prefetch), false);
      amqp.checkCall("setting the prefetch of " + queue_);
      amqp_basic_consume(amqp.state(), AmqpConnection::kChannel, bytesOf(queue_), amqp_empty_bytes,
                         false, false, false, amqp_empty_table);
      amqp.checkCall("consuming " + queue_);
      consuming_ = true;
      log(logger_, Poco::Message::PRIO_INFORMATION, "",
          "consuming " + queue_ + " from " + address_.redacted());
      backoff = policy_.reconnect_backoff;
      consume(amqp);
      consuming_ = false;
    } catch (const std::exception& e) {  // AmqpError, or anything a message could cause
      consuming_ = false;
      log(logger_, Poco::Message::PRIO_WARNING, "",
          "consumer of " + queue_ + ": " + e.what() + "; reconnecting in " +
              std::to_string(backoff.count()) + " ms");
      stopping_.tryWait(static_cast<long>(backoff.count()));
      backoff = std::min(backoff * 2, kMaxReconnectBackoff);
    }
  }
}

// Waits in short slices so that a stop is noticed, and so that rabbitmq-c, which only
// services heartbeats inside its calls, keeps them going while the queue is idle.
void AmqpConsumer::consume(AmqpConnection& amqp) {
  while (running_) {
    amqp_maybe_release_buffers(amqp.state());
    amqp_envelope_t envelope;
    timeval slice{0, 250000};
    const amqp_rpc_reply_t reply = amqp_consume_message(amqp.state(), &envelope, &slice, 0);
    if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION &&
        reply.library_error == AMQP_STATUS_TIMEOUT) {
      continue;
    }
    if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION &&
        reply.library_error == AMQP_STATUS_UNEXPECTED_STATE) {
      // Not a delivery: the broker closing the channel or connection, or cancelling the
      // consumer because the queue was deleted.
      amqp_frame_t frame;
      amqp.check(amqp_simple_wait_frame(amqp.state(), &frame), "reading from " + queue_);
      if (frame.frame_type != AMQP_FRAME_METHOD) continue;
      if (frame.payload.method.id == AMQP_BASIC_CANCEL_METHOD) {
        amqp.fail("the broker cancelled the consumer of " + queue_ + " (queue deleted?)");
      }
      if (frame.payload.method.id == AMQP_CHANNEL_CLOSE_METHOD ||
          frame.payload.method.id == AMQP_CONNECTION_CLOSE_METHOD) {
        amqp.fail(describe(frame.payload.method));
      }
      continue;
    }
    amqp.check(reply, "consuming " + queue_);
    EnvelopeGuard guard{envelope};
    handle(amqp, envelope);
  }
}

void AmqpConsumer::handle(AmqpConnection& amqp, const amqp_envelope_t& envelope) {
  // The broker counts earlier deliveries that ended without an ack (failures and restarts).
  const std::int64_t attempt = headerInteger(headersOf(envelope), "x-delivery-count", 0) + 1;
  std::optional<OutboxEvent> event;
  std::string error;
  try {
    event = OutboxEvent::fromEnvelope(subscription_.topic, toString(envelope.message.body));
    event->trace_parent = traceParentOf(headersOf(envelope));
  } catch (const std::exception& e) {
    error = std::string("not an event: ") + e.what();
  }
  if (event) {
    bool delivered = false;
    try {
      deliver(subscription_, *event);
      delivered = true;
    } catch (const std::exception& e) {
      error = e.what();
    }
    if (delivered || subscriberDatabaseDown()) {
      if (delivered) {
        amqp.check(amqp_basic_ack(amqp.state(), envelope.channel, envelope.delivery_tag, false),
                   "acknowledging on " + queue_);
      } else {
        requeueAfterPause(amqp, envelope, attempt, error);  // not the message's fault
      }
      return;
    }
    if (attempt < policy_.max_deliveries) {
      requeueAfterPause(amqp, envelope, attempt, error);
      return;
    }
  }
  try {
    deadLetter(envelope, error, attempt);
  } catch (const BusUnavailable& e) {
    amqp.fail("cannot dead-letter a message of " + queue_ + ": " + e.what());
  }
  amqp.check(amqp_basic_ack(amqp.state(), envelope.channel, envelope.delivery_tag, false),
             "acknowledging on " + queue_);
}

bool AmqpConsumer::subscriberDatabaseDown() {
  return !subscription_.plugin->database().ping(nullptr);
}

// The pause doubles per delivery; it stays under half the heartbeat interval, since rabbitmq-c
// sends no heartbeat while it waits.
void AmqpConsumer::requeueAfterPause(AmqpConnection& amqp, const amqp_envelope_t& envelope,
                                     std::int64_t attempt, const std::string& error) {
  auto pause =
      std::min(policy_.retry_backoff * (std::int64_t{1} << std::min<std::int64_t>(attempt - 1, 20)),
               policy_.max_retry_backoff);
  if (timeouts_.heartbeat.count() > 0) {
    pause = std::min<std::chrono::milliseconds>(pause, timeouts_.heartbeat / 2);
  }
  log(logger_, Poco::Message::PRIO_WARNING,
      propertyText(envelope, AMQP_BASIC_CORRELATION_ID_FLAG,
                   envelope.message.properties.correlation_id),
      "event " +
          propertyText(envelope, AMQP_BASIC_MESSAGE_ID_FLAG,
                       envelope.message.properties.message_id) +
          " from " + queue_ + " failed (delivery " + std::to_string(attempt) + " of " +
          std::to_string(policy_.max_deliveries) + "), back to the queue in " +
          std::to_string(pause.count()) + " ms: " + error);
  stopping_.tryWait(static_cast<long>(pause.count()));
  amqp.check(amqp_basic_nack(amqp.state(), envelope.channel, envelope.delivery_tag, false, true),
             "returning a message to " + queue_);
}

void AmqpConsumer::deadLetter(const amqp_envelope_t& envelope, const std::string& error,
                              std::int64_t attempt) {
  const amqp_basic_properties_t& properties = envelope.message.properties;
  const std::string message_id =
      propertyText(envelope, AMQP_BASIC_MESSAGE_ID_FLAG, properties.message_id);
  const std::string correlation_id =
      propertyText(envelope, AMQP_BASIC_CORRELATION_ID_FLAG, properties.correlation_id);
  std::vector<AmqpMessage> message(1);
  message[0] = AmqpMessage{amqp_topology::kDeadLetterExchange,
                           queue_,
                           toString(envelope.message.body),
                           message_id,
                           correlation_id,
                           propertyText(envelope, AMQP_BASIC_TYPE_FLAG, properties.type),
                           AmqpTable()};
  message[0]
      .headers.text("x-error", error)
      .text("x-consumer", subscription_.plugin->name() + "/" + subscription_.consumer)
      .integer("x-deliveries", attempt)
      .text("x-original-exchange", toString(envelope.exchange))
      .text("x-original-routing-key", toString(envelope.routing_key))
      .text("x-correlation-id", correlation_id)
      .text("x-dead-lettered-at", sdk::utcNow());
  const std::vector<std::string> failures = dead_letters_.publish(message);
  if (!failures.front().empty()) throw BusUnavailable(failures.front());
  subscription_.plugin->facilities().observability.host.events_dead_lettered.add(
      {subscriptionName(subscription_)});
  log(logger_, Poco::Message::PRIO_ERROR, correlation_id,
      "event " + message_id + " from " + queue_ + " moved to " +
          amqp_topology::deadLetterQueueName(subscription_.plugin->name(), subscription_.consumer) +
          " after " + std::to_string(attempt) + " deliveries: " + error);
}

}  // namespace catalog::host
