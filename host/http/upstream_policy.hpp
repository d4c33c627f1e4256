#pragma once

#include <chrono>

namespace catalog::host {

/// How this host calls contexts loaded elsewhere (SRS §4.6): per attempt a connect and a read
/// timeout; idempotent methods retried on network errors and 5xx answers, `attempts` times in
/// all, waiting `backoff` (doubled each time, with jitter) in between; a failed instance skipped
/// for `instance_rest` while the context has others.
struct UpstreamPolicy {
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds read_timeout{4000};
  int attempts = 3;
  std::chrono::milliseconds backoff{1000};
  std::chrono::milliseconds instance_rest{5000};
};

}  // namespace catalog::host
