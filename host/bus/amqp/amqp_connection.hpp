#pragma once

#include <amqp.h>

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace catalog::host {

/// A broker address from an amqp:// URL (amqp://user:password@host:port/vhost; RabbitMQ's
/// defaults guest, guest, localhost, 5672, "/").
struct AmqpAddress {
  std::string host;
  int port = 5672;
  std::string user;
  std::string password;
  std::string vhost;

  /// Throws std::invalid_argument for a URL that is not amqp://.
  static AmqpAddress parse(const std::string& url);
  /// amqp://user@host:port/vhost: the address without the password, for logs and /health.
  std::string redacted() const;
};

/// The connection failed or the broker closed it; it cannot be used again.
class AmqpError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// How connections are opened.
struct AmqpTimeouts {
  std::chrono::milliseconds connect{5000};
  /// How long a synchronous call (declare, consume) may take.
  std::chrono::milliseconds rpc{10000};
  /// Negotiated with the broker; 0 turns heartbeats off.
  std::chrono::seconds heartbeat{30};
};

/// One AMQP connection with one open channel (kChannel). rabbitmq-c connections are not
/// thread-safe: each belongs to one thread at a time.
class AmqpConnection {
 public:
  static constexpr amqp_channel_t kChannel = 1;

  /// Connects, logs in and opens the channel. `name` shows in the broker's list of
  /// connections. Throws AmqpError.
  AmqpConnection(const AmqpAddress& address, const AmqpTimeouts& timeouts, const std::string& name);
  ~AmqpConnection();
  AmqpConnection(const AmqpConnection&) = delete;
  AmqpConnection& operator=(const AmqpConnection&) = delete;

  /// For rabbitmq-c's calls.
  amqp_connection_state_t state() const noexcept { return state_; }
  /// Throws AmqpError naming `what` unless `reply` is a normal one.
  void check(const amqp_rpc_reply_t& reply, const std::string& what);
  /// Throws AmqpError naming `what` for a negative rabbitmq-c status.
  void check(int status, const std::string& what);
  /// Checks the reply of the synchronous call just made (a declare, bind, qos…).
  void checkCall(const std::string& what) { check(amqp_get_rpc_reply(state_), what); }
  /// Marks the connection broken: it is then not closed politely, which would wait on a dead
  /// socket.
  void abandon() noexcept { usable_ = false; }
  /// Abandons the connection and throws AmqpError.
  [[noreturn]] void fail(const std::string& message);

 private:
  amqp_connection_state_t state_;
  bool usable_ = false;  // closed politely on destruction
};

/// An AMQP table built from C++ values; the strings it points into live as long as it does.
class AmqpTable {
 public:
  AmqpTable& text(std::string key, std::string value);
  AmqpTable& integer(std::string key, std::int64_t value);
  /// Valid until the next change to this table.
  amqp_table_t table();

 private:
  struct Entry {
    std::string key;
    bool is_text;
    std::string text;
    std::int64_t integer;
  };
  std::vector<Entry> entries_;
  std::vector<amqp_table_entry_t> built_;
};

/// What a method the broker sent says, for errors: "the broker closed the channel: 404 …".
std::string describe(const amqp_method_t& method);

/// A copy of `bytes` as a string.
inline std::string toString(amqp_bytes_t bytes) {
  return std::string(static_cast<const char*>(bytes.bytes), bytes.len);
}

/// A view of `text` as AMQP bytes, valid while `text` is unchanged.
inline amqp_bytes_t bytesOf(const std::string& text) {
  return amqp_bytes_t{text.size(), const_cast<char*>(text.data())};
}

/// The integer of a header (any integer kind), `fallback` when absent.
std::int64_t headerInteger(const amqp_table_t& headers, const std::string& key,
                           std::int64_t fallback);

/// The text of a header (a long or short string), empty when absent or of another kind.
std::string headerText(const amqp_table_t& headers, const std::string& key);

}  // namespace catalog::host
