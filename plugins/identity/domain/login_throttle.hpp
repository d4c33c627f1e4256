#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace catalog::identity {

/// Failed logins counted per username and per client address over a sliding window. Once either
/// count reaches its limit, further attempts are refused before any password is checked, so
/// guessing costs the attacker time and the host no bcrypt work.
///
/// The counts live in this process's memory: each catalogd of a fleet counts on its own, so N
/// instances behind a balancer admit up to N times the limits, and a restart forgets them.
/// Checking and counting are separate steps, so attempts already in flight when the limit is
/// reached still get their answer.
/// Memory is bounded: at most `max_tracked` usernames and as many addresses, each holding at
/// most its limit of timestamps; expired entries are evicted first, then the stalest.
/// Thread-safe.
class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  struct Limits {
    int max_failures_per_user = 5;
    int max_failures_per_address = 20;
    std::chrono::seconds window{300};
    std::size_t max_tracked = 10000;
  };

  explicit LoginThrottle(Limits limits);

  /// How long until `username` may try again from `address`; nullopt when it may now. The wait
  /// is until a failure leaves the window, rounded up to whole seconds. An empty address (a
  /// service call) is not counted.
  std::optional<std::chrono::seconds> retryAfter(const std::string& username,
                                                 const std::string& address, Clock::time_point now);
  /// Counts a failed login for both keys.
  void recordFailure(const std::string& username, const std::string& address,
                     Clock::time_point now);
  /// A successful login forgets the username's failures (not the address's: one success must
  /// not reset a spray over many usernames).
  void recordSuccess(const std::string& username);

  /// Usernames and addresses currently tracked; for tests of the bound.
  std::size_t trackedCount() const;

 private:
  // Recent failures per key, oldest first; never more than the limit of them.
  class FailureLog {
   public:
    FailureLog(int limit, std::chrono::seconds window, std::size_t max_tracked);
    std::optional<std::chrono::seconds> retryAfter(const std::string& key, Clock::time_point now);
    void record(const std::string& key, Clock::time_point now);
    void forget(const std::string& key) { entries_.erase(key); }
    std::size_t size() const noexcept { return entries_.size(); }

   private:
    void prune(std::deque<Clock::time_point>& failures, Clock::time_point now) const;
    void makeRoom(Clock::time_point now);

    const std::size_t limit_;
    const std::chrono::seconds window_;
    const std::size_t max_tracked_;
    std::unordered_map<std::string, std::deque<Clock::time_point>> entries_;
  };

  mutable std::mutex mutex_;
  FailureLog by_user_;
  FailureLog by_address_;
};

}  // namespace catalog::identity
