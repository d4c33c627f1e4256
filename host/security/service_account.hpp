#pragma once

#include <chrono>
#include <mutex>
#include <string>

#include "config/settings.hpp"

namespace catalog::host {

class ServiceDispatcher;

/// The host signed in as its configured service account, for calls it makes on nobody's
/// behalf (a worker fetching tasks from a remote engine). Signs in through the identity
/// context — in process or at its URL — and again before the token expires. Thread-safe.
class ServiceAccount {
 public:
  ServiceAccount(ServiceAccountSettings settings, ServiceDispatcher& services)
      : settings_(std::move(settings)), services_(services) {}

  bool configured() const noexcept { return !settings_.username.empty(); }
  const std::string& username() const noexcept { return settings_.username; }
  /// A valid access token, or "" when no account is configured. Throws ServiceUnavailable when
  /// identity can't be reached, std::runtime_error when it refuses the credentials.
  std::string token();
  /// Forgets the token, so the next call signs in again (after a 401: keys rotated, role
  /// changed).
  void forget();

 private:
  ServiceAccountSettings settings_;
  ServiceDispatcher& services_;
  std::mutex mutex_;
  std::string token_;
  std::chrono::steady_clock::time_point renew_at_;
};

}  // namespace catalog::host
