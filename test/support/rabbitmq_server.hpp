#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "support/temp_dir.hpp"

namespace catalog::test {

/// A message read back from a queue.
struct QueuedMessage {
  std::string body;
  std::string message_id;
  std::map<std::string, std::string> headers;  ///< text headers only
  std::int64_t deliveries = 0;                 ///< the x-deliveries header, when present
};

/// A real RabbitMQ node for one test suite (Debian's rabbitmq-server): its own node name, data
/// and log directories under a temporary directory, AMQP on a free port on 127.0.0.1, no
/// plugins; shut down and removed on destruction. Runs as the `rabbitmq` user when the tests
/// run as root. Throws std::runtime_error with the node's log when it can't start.
class RabbitMqServer {
 public:
  RabbitMqServer();
  ~RabbitMqServer();
  RabbitMqServer(const RabbitMqServer&) = delete;
  RabbitMqServer& operator=(const RabbitMqServer&) = delete;

  /// amqp://guest:guest@127.0.0.1:<port> (the vhost "/") or, with a vhost, that vhost.
  std::string url(const std::string& vhost = "") const;
  /// Creates a vhost the guest user may use fully, so that each test has its own queues;
  /// returns its URL.
  std::string addVhost(const std::string& vhost);
  int port() const noexcept { return port_; }
  /// Shuts the node down (as an outage would); start() brings it back with its data.
  void stop();
  void start();
  /// Messages ready in a queue of a vhost; -1 when there is no such queue.
  int readyMessages(const std::string& vhost, const std::string& queue);
  /// Consumers of a queue of a vhost; -1 when there is no such queue.
  int consumers(const std::string& vhost, const std::string& queue);
  /// Takes every message from a queue of a vhost.
  std::vector<QueuedMessage> takeAll(const std::string& vhost, const std::string& queue);
  /// Publishes `body` as it is, with text `headers`, as a foreign or broken publisher would.
  void publish(const std::string& vhost, const std::string& exchange,
               const std::string& routing_key, const std::string& body,
               const std::map<std::string, std::string>& headers = {});

 private:
  std::string control(const std::string& args);
  void shutDown() noexcept;
  // Messages ready and consumers, or -1 and -1 when there is no such queue.
  std::pair<int, int> countsOf(const std::string& vhost, const std::string& queue);

  TempDir dir_;
  std::string node_;
  std::string environment_;
  int port_ = 0;
  int epmd_port_ = 0;
  bool running_ = false;
};

}  // namespace catalog::test
