#pragma once

#include <chrono>

namespace catalog::host {

/// How a RabbitMQ consumer takes and retries messages.
struct ConsumerPolicy {
  /// Unacknowledged messages the broker sends ahead.
  int prefetch = 16;
  /// Deliveries of a failing message (restarts included) before it goes to the dead-letter
  /// queue, while the subscriber's database is reachable.
  int max_deliveries = 10;
  /// The pause before a failed message goes back to the queue, doubling per delivery up to
  /// max_retry_backoff.
  std::chrono::milliseconds retry_backoff{1000};
  std::chrono::milliseconds max_retry_backoff{10000};
  /// The first pause before reconnecting to the broker, doubling up to 30 s.
  std::chrono::milliseconds reconnect_backoff{500};
};

}  // namespace catalog::host
