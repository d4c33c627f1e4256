#pragma once

#include <Poco/Event.h>
#include <Poco/Logger.h>
#include <Poco/Runnable.h>
#include <Poco/Thread.h>

#include <atomic>
#include <functional>
#include <string>

struct pg_conn;  // libpq's PGconn, kept out of the host's headers

namespace catalog::host {

/// Wakes a relay as soon as any transaction, in this process or another, commits events to its
/// PostgreSQL database: it LISTENs, on a connection of its own, to the channel the outbox's
/// trigger notifies (SRS §4.1.4). Notifications sent while that connection is down are lost, so
/// it reconnects with backoff and wakes the relay after every connect for a full rescan; the
/// relay's polling stays the fallback.
class OutboxListener : public Poco::Runnable {
 public:
  /// `url` is the database's postgresql:// URL; `wake` is called on the listener's thread.
  OutboxListener(std::string name, std::string url, std::function<void()> wake,
                 Poco::Logger& logger);
  ~OutboxListener() override;

  void start();
  /// Returns within about half a second.
  void stop();

 private:
  void run() override;
  /// Listens on an open connection until it breaks or the listener stops.
  void listen(::pg_conn* connection);

  std::string name_;
  std::string url_;
  std::function<void()> wake_;
  Poco::Logger& logger_;
  Poco::Thread thread_;
  Poco::Event stopping_;
  std::atomic<bool> running_{false};
};

}  // namespace catalog::host
