#pragma once

#include <Poco/Logger.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "security/public_keys.hpp"

namespace catalog::host {

/// No key could be obtained to verify a token; the request should be retried later (503),
/// not refused as unauthorized.
class KeysUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The keys that may sign access tokens, fetched from one source (a file, a URL, or the identity
/// context) and cached. They are fetched again when older than `max_age`, and when a token names
/// an unknown kid — the signer may have rotated — but then at most once per `min_refetch`, so
/// tokens with made-up kids can't turn into a flood of fetches. A failed fetch keeps the keys
/// already known. Thread-safe.
class KeyRing {
 public:
  /// Returns the source's text (PEM or JWKS); throws std::exception when it can't.
  using Fetch = std::function<std::string()>;

  KeyRing(std::string source, Fetch fetch, Poco::Logger& logger,
          std::chrono::seconds max_age = std::chrono::minutes(5),
          std::chrono::seconds min_refetch = std::chrono::seconds(1));

  struct Found {
    std::shared_ptr<const PublicKey> key;  ///< null when the source does not have the kid
    std::uint64_t generation = 0;          ///< which fetch it came from; grows with each fetch
  };

  /// The key for `kid`. Throws KeysUnavailable when no key was ever obtained and the source
  /// can't be reached now.
  Found find(const std::string& kid);
  /// Fetches now; throws KeysUnavailable or MalformedKeys. For a fail-fast check at start.
  void load();
  /// Where the keys come from, for messages.
  const std::string& source() const noexcept { return source_; }

 private:
  struct Keys {
    std::vector<std::shared_ptr<const PublicKey>> keys;
    std::uint64_t generation;
  };
  using Clock = std::chrono::steady_clock;

  static Found lookup(const Keys& keys, const std::string& kid);
  // Fetches unless another thread tried since `seen`; returns the keys either way (null when
  // none were ever obtained).
  std::shared_ptr<const Keys> refresh(Clock::time_point seen);
  std::shared_ptr<const Keys> fetchKeys();

  const std::string source_;
  const Fetch fetch_;
  const std::chrono::seconds max_age_;
  const std::chrono::seconds min_refetch_;
  Poco::Logger& logger_;

  std::mutex fetch_mutex_;    // one fetch at a time
  mutable std::mutex mutex_;  // guards the three below
  std::shared_ptr<const Keys> keys_;
  Clock::time_point fetched_at_{};
  Clock::time_point attempted_at_{};
  // Guarded by fetch_mutex_:
  std::uint64_t generations_ = 0;
  std::string last_warning_;
  Clock::time_point warned_at_{};
};

}  // namespace catalog::host
