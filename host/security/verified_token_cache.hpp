#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "security/verified_token.hpp"

namespace catalog::host {

/// Tokens already verified, so a client sending the same token again costs a lookup instead of
/// an RSA verification. A hit is exact (the same bytes verify the same way); only what depends
/// on time is checked again, and an entry made with an older set of keys is ignored, so a key
/// that was withdrawn stops counting at the next fetch. Bounded; thread-safe.
class VerifiedTokenCache {
 public:
  explicit VerifiedTokenCache(std::size_t capacity = 10000) : capacity_(capacity) {}

  /// The cached result, when `token` verified under key generation `generation` and has not
  /// expired at `now` (seconds since the epoch, skew already applied by the caller).
  std::optional<VerifiedToken> find(std::string_view token, std::uint64_t generation,
                                    std::int64_t now) const;
  void add(std::string_view token, const VerifiedToken& verified, std::int64_t expires,
           std::uint64_t generation, std::int64_t now);

 private:
  struct Entry {
    VerifiedToken verified;
    std::int64_t expires;
    std::uint64_t generation;
  };

  const std::size_t capacity_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace catalog::host
