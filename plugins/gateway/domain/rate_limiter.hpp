#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace catalog::gateway {

/// A token bucket per client (SRS §3.2.7 rate limiting): each holds up to `burst` tokens,
/// refilled at `per_second`; a request takes one. Buckets of clients gone quiet are dropped, and
/// beyond `max_clients` busy ones new clients go unmetered, so memory stays bounded.
/// Thread-safe.
class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  struct Settings {
    double per_second = 50;
    double burst = 100;
    std::size_t max_clients = 100000;
  };

  /// Whether the client may go on, and when not, how long until it may.
  struct Verdict {
    bool allowed;
    std::chrono::milliseconds retry_after;
  };

  explicit RateLimiter(const Settings& settings) : settings_(settings) {}

  /// Takes a token from `client`'s bucket.
  Verdict take(const std::string& client, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens;
    Clock::time_point at;
  };

  double refilled(const Bucket& bucket, Clock::time_point now) const;
  void forgetFullBuckets(Clock::time_point now);

  const Settings settings_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  Clock::time_point last_sweep_{};
};

}  // namespace catalog::gateway
