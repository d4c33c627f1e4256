#include "security/key_ring.hpp"

#include "observability/log.hpp"

namespace catalog::host {
namespace {

// While no key was ever obtained, every protected request waits on one; retry sooner than the
// unknown-kid throttle, but not on every request.
constexpr std::chrono::seconds kRetryWhileEmpty{1};

}  // namespace

KeyRing::KeyRing(std::string source, Fetch fetch, Poco::Logger& logger,
                 std::chrono::seconds max_age, std::chrono::seconds min_refetch)
    : source_(std::move(source)),
      fetch_(std::move(fetch)),
      max_age_(max_age),
      min_refetch_(min_refetch),
      logger_(logger) {}

std::shared_ptr<const KeyRing::Keys> KeyRing::fetchKeys() {
  auto keys = std::make_shared<Keys>();
  for (PublicKey& key : parsePublicKeys(fetch_()))
    keys->keys.push_back(std::make_shared<const PublicKey>(std::move(key)));
  keys->generation = ++generations_;
  return keys;
}

void KeyRing::load() {
  std::lock_guard<std::mutex> fetching(fetch_mutex_);
  std::shared_ptr<const Keys> keys;
  try {
    keys = fetchKeys();
  } catch (const MalformedKeys& e) {
    throw MalformedKeys(source_ + ": " + e.what());
  } catch (const std::exception& e) {
    throw KeysUnavailable(source_ + ": " + e.what());
  }
  std::lock_guard<std::mutex> lock(mutex_);
  keys_ = std::move(keys);
  fetched_at_ = attempted_at_ = Clock::now();
}

std::shared_ptr<const KeyRing::Keys> KeyRing::refresh(Clock::time_point seen) {
  std::lock_guard<std::mutex> fetching(fetch_mutex_);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (attempted_at_ != seen) return keys_;  // another thread just tried
  }
  std::shared_ptr<const Keys> keys;
  try {
    keys = fetchKeys();
  } catch (const std::exception& e) {
    // Once a minute is enough to tell an operator; every protected request may land here.
    const std::string warning = "cannot fetch token signing keys from " + source_ + ": " + e.what();
    if (warning != last_warning_ || Clock::now() - warned_at_ >= std::chrono::minutes(1)) {
      log(logger_, Poco::Message::PRIO_WARNING, "", warning);
      last_warning_ = warning;
      warned_at_ = Clock::now();
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  attempted_at_ = Clock::now();
  if (keys) {
    keys_ = std::move(keys);
    fetched_at_ = attempted_at_;
  }
  return keys_;
}

KeyRing::Found KeyRing::lookup(const Keys& keys, const std::string& kid) {
  for (const auto& key : keys.keys) {
    if (key->kid.empty() || key->kid == kid) return {key, keys.generation};
  }
  return {nullptr, keys.generation};
}

KeyRing::Found KeyRing::find(const std::string& kid) {
  std::shared_ptr<const Keys> keys;
  Clock::time_point fetched;
  Clock::time_point attempted;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    keys = keys_;
    fetched = fetched_at_;
    attempted = attempted_at_;
  }
  const Clock::time_point now = Clock::now();
  if (!keys) {
    if (attempted != Clock::time_point{} && now - attempted < kRetryWhileEmpty)
      throw KeysUnavailable("no token signing key from " + source_ + " yet");
    keys = refresh(attempted);
    if (!keys) throw KeysUnavailable("cannot fetch token signing keys from " + source_);
  } else if (now - fetched >= max_age_ && now - attempted >= kRetryWhileEmpty) {
    keys = refresh(attempted);
  }
  if (Found found = lookup(*keys, kid); found.key) return found;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    attempted = attempted_at_;
  }
  if (now - attempted < min_refetch_) return {nullptr, keys->generation};
  keys = refresh(attempted);
  return lookup(*keys, kid);
}

}  // namespace catalog::host
