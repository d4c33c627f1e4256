#include "bus/amqp/amqp_publisher.hpp"

#include <algorithm>
#include <map>

#include "bus/amqp/amqp_topology.hpp"
#include "bus/event_bus.hpp"
#include "observability/log.hpp"

namespace catalog::host {
namespace {

// How long publishing waits for the broker's confirmations: a quorum queue confirms after its
// fsync, batched, usually within milliseconds.
constexpr std::chrono::seconds kConfirmTimeout{10};

timeval remainingUntil(std::chrono::steady_clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::microseconds>(
      deadline - std::chrono::steady_clock::now());
  const auto micros = std::max<std::int64_t>(0, left.count());
  return timeval{static_cast<time_t>(micros / 1000000), static_cast<suseconds_t>(micros % 1000000)};
}

}  // namespace

AmqpPublisher::AmqpPublisher(AmqpAddress address, AmqpTimeouts timeouts, Poco::Logger& logger)
    : address_(std::move(address)), timeouts_(timeouts), logger_(logger) {}

AmqpPublisher::~AmqpPublisher() { stop(); }

AmqpConnection& AmqpPublisher::connection() {
  if (!connection_) {
    auto connection = std::make_unique<AmqpConnection>(address_, timeouts_, "catalogd publisher");
    amqp_confirm_select(connection->state(), AmqpConnection::kChannel);
    connection->checkCall("selecting publisher confirms");
    connection_ = std::move(connection);
    declared_exchanges_.clear();
    next_tag_ = 1;
    log(logger_, Poco::Message::PRIO_INFORMATION, "",
        "publishing events to " + address_.redacted());
  }
  return *connection_;
}

std::vector<std::string> AmqpPublisher::publish(std::vector<AmqpMessage>& messages) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> failures(messages.size());
  try {
    AmqpConnection& amqp = connection();
    for (const AmqpMessage& message : messages) {
      if (message.exchange != amqp_topology::kDeadLetterExchange &&
          declared_exchanges_.insert(message.exchange).second) {
        amqp_topology::declareExchange(amqp, message.exchange);
      }
    }
    const std::uint64_t first_tag = next_tag_;
    for (AmqpMessage& message : messages) {
      amqp_basic_properties_t properties{};
      properties._flags = AMQP_BASIC_CONTENT_TYPE_FLAG | AMQP_BASIC_DELIVERY_MODE_FLAG |
                          AMQP_BASIC_MESSAGE_ID_FLAG | AMQP_BASIC_CORRELATION_ID_FLAG |
                          AMQP_BASIC_TYPE_FLAG | AMQP_BASIC_HEADERS_FLAG;
      properties.content_type = amqp_cstring_bytes("application/json");
      properties.delivery_mode = AMQP_DELIVERY_PERSISTENT;
      properties.message_id = bytesOf(message.message_id);
      properties.correlation_id = bytesOf(message.correlation_id);
      properties.type = bytesOf(message.type);
      properties.headers = message.headers.table();
      amqp.check(amqp_basic_publish(amqp.state(), AmqpConnection::kChannel,
                                    bytesOf(message.exchange), bytesOf(message.routing_key), true,
                                    false, &properties, bytesOf(message.body)),
                 "publishing to " + message.exchange);
      ++next_tag_;
    }
    awaitConfirms(first_tag, messages, failures);
    reachable_ = true;
  } catch (const AmqpError& e) {
    reachable_ = false;
    connection_.reset();
    throw BusUnavailable(e.what());
  }
  return failures;
}

// Reads the broker's answers until every message of the batch has its ack or nack. A returned
// message (no queue bound) comes back, by message id, before its ack, which then does not count.
void AmqpPublisher::awaitConfirms(std::uint64_t first_tag, std::vector<AmqpMessage>& messages,
                                  std::vector<std::string>& failures) {
  std::map<std::string, std::size_t> by_id;
  for (std::size_t i = 0; i < messages.size(); ++i) by_id[messages[i].message_id] = i;
  std::vector<bool> answered(messages.size(), false);
  std::size_t waiting = messages.size();
  const auto settle = [&](std::uint64_t tag, bool multiple, const std::string& failure) {
    const std::uint64_t from = multiple ? first_tag : tag;
    for (std::uint64_t t = std::max(from, first_tag); t <= tag; ++t) {
      const std::size_t i = t - first_tag;
      if (i >= messages.size() || answered[i]) continue;
      answered[i] = true;
      --waiting;
      if (failures[i].empty()) failures[i] = failure;
    }
  };
  const auto deadline = std::chrono::steady_clock::now() + kConfirmTimeout;
  AmqpConnection& amqp = *connection_;
  while (waiting > 0) {
    amqp_frame_t frame;
    timeval timeout = remainingUntil(deadline);
    const int status = amqp_simple_wait_frame_noblock(amqp.state(), &frame, &timeout);
    if (status == AMQP_STATUS_TIMEOUT) {
      amqp.fail("the broker did not confirm " + std::to_string(waiting) + " message(s) within " +
                std::to_string(kConfirmTimeout.count()) + " s");
    }
    amqp.check(status, "waiting for confirmations");
    if (frame.frame_type != AMQP_FRAME_METHOD) continue;
    const amqp_method_t& method = frame.payload.method;
    switch (method.id) {
      case AMQP_BASIC_ACK_METHOD: {
        const auto* ack = static_cast<const amqp_basic_ack_t*>(method.decoded);
        settle(ack->delivery_tag, ack->multiple, "");
        break;
      }
      case AMQP_BASIC_NACK_METHOD: {
        const auto* nack = static_cast<const amqp_basic_nack_t*>(method.decoded);
        settle(nack->delivery_tag, nack->multiple, "the broker refused the message (nack)");
        break;
      }
      case AMQP_BASIC_RETURN_METHOD: {
        const auto* returned = static_cast<const amqp_basic_return_t*>(method.decoded);
        const std::string reason = "no queue takes it: exchange " + toString(returned->exchange) +
                                   " has no binding for " + toString(returned->routing_key) + " (" +
                                   toString(returned->reply_text) +
                                   "); no subscriber has declared its queue yet";
        amqp_message_t content;
        amqp.check(amqp_read_message(amqp.state(), frame.channel, &content, 0),
                   "reading a returned message");
        const auto it = by_id.find(toString(content.properties.message_id));
        if (it != by_id.end()) failures[it->second] = reason;
        amqp_destroy_message(&content);
        break;
      }
      case AMQP_CHANNEL_CLOSE_METHOD:
      case AMQP_CONNECTION_CLOSE_METHOD:
        amqp.fail(describe(method));
      default:
        break;
    }
  }
  amqp_maybe_release_buffers(amqp.state());
}

void AmqpPublisher::start() {
  std::lock_guard<std::mutex> lock(stop_mutex_);
  stopped_ = false;
  keep_alive_ = std::thread([this] { keepAlive(); });
}

void AmqpPublisher::stop() {
  {
    std::lock_guard<std::mutex> lock(stop_mutex_);
    if (stopped_) return;
    stopped_ = true;
  }
  stopping_.notify_all();
  keep_alive_.join();
  std::lock_guard<std::mutex> lock(mutex_);
  connection_.reset();
}

// rabbitmq-c sends heartbeats only from inside its calls: between publications this reads
// whatever the broker sent (its heartbeats) and lets the library send ours when due. While there
// is no connection (the broker was away) it tries to connect, so that /health tells the broker
// is back even when nothing is being published.
void AmqpPublisher::keepAlive() {
  const auto period =
      std::max<std::chrono::milliseconds>(std::chrono::milliseconds(250), timeouts_.heartbeat / 4);
  for (auto wait = std::chrono::milliseconds(0);; wait = period) {
    {
      std::unique_lock<std::mutex> stop_lock(stop_mutex_);
      if (stopping_.wait_for(stop_lock, wait, [this] { return stopped_; })) return;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    if (!connection_) {
      try {
        connection();
        reachable_ = true;
      } catch (const AmqpError&) {
        reachable_ = false;
      }
      continue;
    }
    amqp_frame_t frame;
    timeval now{0, 0};
    const int status = amqp_simple_wait_frame_noblock(connection_->state(), &frame, &now);
    if (status == AMQP_STATUS_TIMEOUT) continue;
    if (status != AMQP_STATUS_OK || (frame.frame_type == AMQP_FRAME_METHOD &&
                                     (frame.payload.method.id == AMQP_CHANNEL_CLOSE_METHOD ||
                                      frame.payload.method.id == AMQP_CONNECTION_CLOSE_METHOD))) {
      log(logger_, Poco::Message::PRIO_WARNING, "",
          "lost the publishing connection to " + address_.redacted() + "; reconnecting");
      reachable_ = false;
      connection_->abandon();
      connection_.reset();
    }
  }
}

}  // namespace catalog::host
