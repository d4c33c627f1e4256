#pragma once

#include <Poco/Event.h>
#include <Poco/Logger.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "bus/amqp/amqp_connection.hpp"
#include "bus/amqp/amqp_publisher.hpp"
#include "bus/subscription.hpp"

namespace catalog::host {

/// How a consumer takes and retries messages.
struct ConsumerPolicy {
  /// Unacknowledged messages the broker sends ahead.
  int prefetch = 16;
  /// Deliveries of a message (restarts included) before it goes to the dead-letter queue.
  int max_deliveries = 10;
  /// The pause before a failed message goes back to the queue, doubling per delivery.
  std::chrono::milliseconds retry_backoff{1000};
  std::chrono::milliseconds max_retry_backoff{10000};
  /// The first pause before reconnecting to the broker, doubling up to 30 s.
  std::chrono::milliseconds reconnect_backoff{500};
};

/// Consumes one subscription's queue on its own connection and thread. Each message is handed
/// to deliver() and acknowledged once the subscriber's transaction committed. A message that
/// fails goes back to the queue after a pause; one that fails on its last allowed delivery, or
/// is not an event at all, goes to the dead-letter queue with the error in its headers. Several
/// instances of a plugin share the queue, each taking messages the others do not.
class AmqpConsumer {
 public:
  AmqpConsumer(Subscription subscription, AmqpAddress address, AmqpTimeouts timeouts,
               ConsumerPolicy policy, AmqpPublisher& dead_letters, Poco::Logger& logger);
  ~AmqpConsumer();

  void start();
  /// Finishes the message in hand and disconnects; unacknowledged messages return to the queue.
  void stop();
  bool consuming() const noexcept { return consuming_; }
  const std::string& queue() const noexcept { return queue_; }

 private:
  void run();
  void consume(AmqpConnection& amqp);
  void handle(AmqpConnection& amqp, const amqp_envelope_t& envelope);
  void deadLetter(const amqp_envelope_t& envelope, const std::string& error, std::int64_t attempt);

  Subscription subscription_;
  std::string queue_;
  AmqpAddress address_;
  AmqpTimeouts timeouts_;
  ConsumerPolicy policy_;
  AmqpPublisher& dead_letters_;
  Poco::Logger& logger_;
  std::thread thread_;
  Poco::Event stopping_{Poco::Event::EVENT_MANUALRESET};
  std::atomic<bool> running_{false};
  std::atomic<bool> consuming_{false};
};

}  // namespace catalog::host
