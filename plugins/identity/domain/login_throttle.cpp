#include "domain/login_throttle.hpp"

#include <algorithm>

namespace catalog::identity {

LoginThrottle::FailureLog::FailureLog(int limit, std::chrono::seconds window,
                                      std::size_t max_tracked)
    : limit_(static_cast<std::size_t>(limit)), window_(window), max_tracked_(max_tracked) {}

void LoginThrottle::FailureLog::prune(std::deque<Clock::time_point>& failures,
                                      Clock::time_point now) const {
  while (!failures.empty() && failures.front() + window_ <= now) failures.pop_front();
}

std::optional<std::chrono::seconds> LoginThrottle::FailureLog::retryAfter(const std::string& key,
                                                                          Clock::time_point now) {
  const auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  prune(it->second, now);
  if (it->second.empty()) {
    entries_.erase(it);
    return std::nullopt;
  }
  if (it->second.size() < limit_) return std::nullopt;
  // Only the last `limit_` failures are kept, so the front is the one whose expiry frees a slot.
  const auto wait = it->second.front() + window_ - now;
  return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(wait));
}

void LoginThrottle::FailureLog::record(const std::string& key, Clock::time_point now) {
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    makeRoom(now);
    it = entries_.emplace(key, std::deque<Clock::time_point>()).first;
  }
  prune(it->second, now);
  it->second.push_back(now);
  if (it->second.size() > limit_) it->second.pop_front();
}

// Evicts expired entries; if every entry is still live, the one whose latest failure is the
// oldest. Linear, but only when the table is full.
void LoginThrottle::FailureLog::makeRoom(Clock::time_point now) {
  if (entries_.size() < max_tracked_) return;
  for (auto it = entries_.begin(); it != entries_.end();) {
    prune(it->second, now);
    it = it->second.empty() ? entries_.erase(it) : std::next(it);
  }
  if (entries_.size() < max_tracked_) return;
  const auto stalest = std::min_element(
      entries_.begin(), entries_.end(),
      [](const auto& a, const auto& b) { return a.second.back() < b.second.back(); });
  entries_.erase(stalest);
}

LoginThrottle::LoginThrottle(Limits limits)
    : by_user_(limits.max_failures_per_user, limits.window, limits.max_tracked),
      by_address_(limits.max_failures_per_address, limits.window, limits.max_tracked) {}

std::optional<std::chrono::seconds> LoginThrottle::retryAfter(const std::string& username,
                                                              const std::string& address,
                                                              Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto user_wait = by_user_.retryAfter(username, now);
  const auto address_wait = address.empty() ? std::nullopt : by_address_.retryAfter(address, now);
  if (user_wait && address_wait) return std::max(*user_wait, *address_wait);
  return user_wait ? user_wait : address_wait;
}

void LoginThrottle::recordFailure(const std::string& username, const std::string& address,
                                  Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  by_user_.record(username, now);
  if (!address.empty()) by_address_.record(address, now);
}

void LoginThrottle::recordSuccess(const std::string& username) {
  std::lock_guard<std::mutex> lock(mutex_);
  by_user_.forget(username);
}

std::size_t LoginThrottle::trackedCount() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return by_user_.size() + by_address_.size();
}

}  // namespace catalog::identity
