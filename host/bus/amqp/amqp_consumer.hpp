#pragma once

#include <Poco/Event.h>
#include <Poco/Logger.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "bus/amqp/amqp_connection.hpp"
#include "bus/amqp/amqp_publisher.hpp"
#include "bus/amqp/consumer_policy.hpp"
#include "bus/subscription.hpp"

namespace catalog::host {

/// Consumes one subscription's queue on its own connection and thread. Each message is handed
/// to deliver() and acknowledged once the subscriber's transaction committed. A message that
/// fails goes back to the queue after a pause; one that fails on its last allowed delivery, or
/// is not an event at all, goes to the dead-letter queue with the error in its headers. While
/// the subscriber's database is unreachable, failures do not lead there: the message goes back
/// until the database returns (up to the queue's own limit, kOutageDeliveryFactor times the
/// allowed deliveries, which also dead-letters a message that crashes the process). Several
/// instances of a plugin share the queue, each taking messages the others do not.
class AmqpConsumer {
 public:
  AmqpConsumer(Subscription subscription, AmqpAddress address, AmqpTimeouts timeouts,
               ConsumerPolicy policy, AmqpPublisher& dead_letters, Poco::Logger& logger);
  ~AmqpConsumer();

  /// The queue's limit of deliveries per message, as a multiple of the allowed ones.
  static constexpr int kOutageDeliveryFactor = 10;

  /// Starts consuming on a thread of its own.
  void start();
  /// Finishes the message in hand and disconnects; unacknowledged messages return to the queue.
  void stop();
  /// Whether it is connected and consuming right now.
  bool consuming() const noexcept { return consuming_; }

 private:
  void run();
  void consume(AmqpConnection& amqp);
  void handle(AmqpConnection& amqp, const amqp_envelope_t& envelope);
  bool subscriberDatabaseDown();
  void requeueAfterPause(AmqpConnection& amqp, const amqp_envelope_t& envelope,
                         std::int64_t attempt, const std::string& error);
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
