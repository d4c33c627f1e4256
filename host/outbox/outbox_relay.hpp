#pragma once

#include <Poco/Event.h>
#include <Poco/Logger.h>
#include <Poco/Runnable.h>
#include <Poco/Thread.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "bus/event_bus.hpp"
#include "storage/database.hpp"

namespace catalog::host {

struct Observability;

/// How the relay retries.
struct RelayPolicy {
  std::chrono::milliseconds poll_interval{1000};
  std::chrono::milliseconds first_backoff{500};
  std::chrono::milliseconds max_backoff{60000};
  int max_attempts = 10;
  /// How long a relay keeps the events it is sending from the other relays of a PostgreSQL
  /// database; after a relay's crash its last batch waits this long.
  std::chrono::milliseconds claim{30000};
};

/// How many events wait, for how long, and how many were given up on.
struct OutboxCounts {
  std::int64_t pending = 0;
  std::int64_t dead = 0;
  double oldest_pending_seconds = 0;  ///< how long the first pending event has waited
};

/// Moves events from one database's outbox to the bus, at least once, in order of writing
/// except that an event waiting for a retry is overtaken by later ones (consumers compare
/// entity_version, SRS §4.3.3).
/// Woken right after a commit that wrote an event, and polling in case a wake-up was missed
/// (another process wrote, or the host restarted with events pending). A failed delivery is
/// retried with exponential backoff; after max_attempts the event is parked as DEAD with its
/// last error, kept in the table and counted in /health.
class OutboxRelay : public Poco::Runnable {
 public:
  OutboxRelay(std::string name, Database& database, EventBus& bus, RelayPolicy policy,
              Observability& observability, Poco::Logger& logger);
  ~OutboxRelay() override;

  void start();
  /// Finishes the event in hand and stops.
  void stop();
  void wake() { wake_.set(); }
  OutboxCounts counts();
  /// Delivers what is due now; returns how many events it handled. Used by run() and tests.
  int relayDue();

 private:
  void run() override;
  void markSent(const std::vector<std::int64_t>& sequences);
  void releaseClaims(const std::vector<std::int64_t>& sequences);
  void markFailed(std::int64_t sequence, std::int64_t attempts, const std::string& error);

  std::string name_;
  Database& database_;
  EventBus& bus_;
  RelayPolicy policy_;
  Observability& observability_;
  Poco::Logger& logger_;
  Poco::Thread thread_;
  Poco::Event wake_;
  std::atomic<bool> running_{false};
};

}  // namespace catalog::host
