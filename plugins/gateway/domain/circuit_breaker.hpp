#pragma once

#include <chrono>
#include <mutex>
#include <string>

namespace catalog::gateway {

/// The SRS §3.2.7 circuit breaker of one upstream: closed until `failure_threshold`
/// consecutive failures open it; open, it refuses every call for `open_for`; then half-open,
/// it lets `half_open_trials` calls through at a time, closing after that many successes in a
/// row and opening again at the first failure. Thread-safe.
class CircuitBreaker {
 public:
  using Clock = std::chrono::steady_clock;

  enum class State { Closed, Open, HalfOpen };

  struct Settings {
    int failure_threshold = 3;
    std::chrono::milliseconds open_for{20000};
    int half_open_trials = 3;
  };

  /// Whether a call may go through now, and when not, how long until one may.
  struct Permit {
    bool allowed;
    std::chrono::milliseconds retry_after;
  };

  explicit CircuitBreaker(const Settings& settings) : settings_(settings) {}

  /// Asks to make a call. Every allowed call must be followed by exactly one of succeeded()
  /// or failed().
  Permit acquire(Clock::time_point now = Clock::now());
  void succeeded();
  void failed(Clock::time_point now = Clock::now());

  /// The state now (an open breaker whose time is up reads half-open).
  State state(Clock::time_point now = Clock::now()) const;
  /// How long it stays open; zero unless open.
  std::chrono::milliseconds retryAfter(Clock::time_point now = Clock::now()) const;
  /// Consecutive failures counted while closed.
  int consecutiveFailures() const;

 private:
  void open(Clock::time_point now);
  State current(Clock::time_point now) const;

  const Settings settings_;
  mutable std::mutex mutex_;
  State state_ = State::Closed;
  int failures_ = 0;          // consecutive, while closed
  int trials_in_flight_ = 0;  // while half-open
  int trial_successes_ = 0;   // while half-open
  Clock::time_point open_until_{};
};

/// "closed", "open" or "half-open".
const char* toString(CircuitBreaker::State state);

}  // namespace catalog::gateway
