#include "security/verified_token_cache.hpp"

#include <mutex>

namespace catalog::host {

std::optional<VerifiedToken> VerifiedTokenCache::find(std::string_view token,
                                                      std::uint64_t generation,
                                                      std::int64_t now) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  const auto it = entries_.find(std::string(token));
  if (it == entries_.end() || it->second.generation != generation || it->second.expires <= now)
    return std::nullopt;
  return it->second.verified;
}

void VerifiedTokenCache::add(std::string_view token, const VerifiedToken& verified,
                             std::int64_t expires, std::uint64_t generation, std::int64_t now) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  if (entries_.size() >= capacity_) {
    // Full: drop what can no longer hit; if that frees nothing, start over rather than track
    // recency on every hit.
    for (auto it = entries_.begin(); it != entries_.end();) {
      const bool dead = it->second.generation != generation || it->second.expires <= now;
      it = dead ? entries_.erase(it) : std::next(it);
    }
    if (entries_.size() >= capacity_) entries_.clear();
  }
  entries_.insert_or_assign(std::string(token), Entry{verified, expires, generation});
}

}  // namespace catalog::host
