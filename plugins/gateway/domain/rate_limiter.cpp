#include "domain/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace catalog::gateway {
namespace {

// Sweeping walks the whole table under the lock, so at most this often.
constexpr std::chrono::seconds kSweepInterval{1};

}  // namespace

RateLimiter::Verdict RateLimiter::take(const std::string& client, Clock::time_point now) {
  const std::lock_guard<std::mutex> lock(mutex_);
  auto found = buckets_.find(client);
  if (found == buckets_.end()) {
    if (buckets_.size() >= settings_.max_clients && now - last_sweep_ >= kSweepInterval) {
      forgetFullBuckets(now);
      last_sweep_ = now;
    }
    // A flood of new clients fills the table with busy buckets: the next client then goes
    // unmetered rather than locked out, and the table stays bounded.
    if (buckets_.size() >= settings_.max_clients) return {true, {}};
    found = buckets_.emplace(client, Bucket{settings_.burst, now}).first;
  }
  Bucket& bucket = found->second;
  bucket.tokens = refilled(bucket, now);
  bucket.at = now;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return {true, {}};
  }
  const double wait_seconds = (1 - bucket.tokens) / settings_.per_second;
  return {false, std::chrono::milliseconds(static_cast<long long>(std::ceil(wait_seconds * 1000)))};
}

double RateLimiter::refilled(const Bucket& bucket, Clock::time_point now) const {
  const std::chrono::duration<double> elapsed = now - bucket.at;
  return std::min(settings_.burst, bucket.tokens + elapsed.count() * settings_.per_second);
}

// A full bucket is what a new client gets anyway, so forgetting it changes nothing.
void RateLimiter::forgetFullBuckets(Clock::time_point now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    if (refilled(it->second, now) >= settings_.burst) {
      it = buckets_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace catalog::gateway
