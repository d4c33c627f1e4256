#pragma once

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/URI.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "catalog/abi.h"
#include "http/response.hpp"
#include "http/upstream_policy.hpp"

namespace catalog::host {

/// A remote context (or engine) could not be reached.
class ServiceUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One context loaded in other hosts: its instances (base URLs), taken round-robin with a
/// failed one skipped for a while, each with a pool of keep-alive connections; requests are
/// retried per UpstreamPolicy. Thread-safe.
class Upstream {
 public:
  /// `instances` are base URLs such as http://pricing:8000; none may be empty.
  Upstream(std::string service, const std::vector<std::string>& instances,
           const UpstreamPolicy& policy);

  /// Sends `request` (its headers, the correlation id as X-Correlation-ID and the principal's
  /// token as the bearer) and returns the answer, whatever its status. Throws
  /// ServiceUnavailable when no attempt got an answer.
  std::unique_ptr<catalog_response> send(const catalog_request& request);

 private:
  using Clock = std::chrono::steady_clock;
  using Session = std::unique_ptr<Poco::Net::HTTPClientSession>;

  struct Instance {
    Poco::URI base;
    std::mutex mutex;  // guards the two below
    std::vector<Session> idle;
    Clock::time_point resting_until{};
  };

  Instance& pick();
  Session takeSession(Instance& instance);
  void giveBack(Instance& instance, Session session);
  void rest(Instance& instance);
  std::unique_ptr<catalog_response> exchange(Instance& instance, const catalog_request& request);

  std::string service_;
  const UpstreamPolicy& policy_;
  std::vector<std::unique_ptr<Instance>> instances_;
  std::atomic<std::size_t> next_{0};
};

/// Whether a method may be sent twice with the effect of once (RFC 9110 §9.2.2).
bool isIdempotent(const std::string& method) noexcept;

}  // namespace catalog::host
