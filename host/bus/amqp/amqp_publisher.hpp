#pragma once

#include <Poco/Logger.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "bus/amqp/amqp_connection.hpp"
#include "bus/amqp/amqp_message.hpp"

namespace catalog::host {

/// Publishes with publisher confirms on one connection shared by the host's relays (and its
/// consumers' dead letters). A message counts as published only once the broker confirmed it:
/// a persistent message in a durable queue is then on disk. Connects on first use and again
/// after any failure; a thread keeps the heartbeats going while nothing is published, and
/// reconnects while the broker is away.
class AmqpPublisher {
 public:
  AmqpPublisher(AmqpAddress address, AmqpTimeouts timeouts, Poco::Logger& logger);
  ~AmqpPublisher();

  /// Publishes `messages` and waits for their confirmations (mandatory: a message no queue
  /// takes is returned). Returns one entry per message: empty when the broker confirmed it,
  /// else why not. Throws BusUnavailable when the broker cannot be reached or the wait for
  /// confirmations times out; then none counts as published.
  std::vector<std::string> publish(std::vector<AmqpMessage>& messages);

  /// Connects, and keeps the connection alive from a thread of its own.
  void start();
  /// Stops that thread and closes the connection.
  void stop();
  /// Whether the last attempt to connect or publish reached the broker.
  bool reachable() const noexcept { return reachable_; }

 private:
  AmqpConnection& connection();
  void awaitConfirms(std::uint64_t first_tag, std::vector<AmqpMessage>& messages,
                     std::vector<std::string>& failures);
  void keepAlive();

  AmqpAddress address_;
  AmqpTimeouts timeouts_;
  Poco::Logger& logger_;
  std::mutex mutex_;  // one thread at a time on the connection
  std::unique_ptr<AmqpConnection> connection_;
  std::set<std::string> declared_exchanges_;
  std::uint64_t next_tag_ = 1;  // the delivery tag the broker gives the next message
  std::thread keep_alive_;
  std::mutex stop_mutex_;
  std::condition_variable stopping_;
  bool stopped_ = true;
  std::atomic<bool> reachable_{false};
};

}  // namespace catalog::host
