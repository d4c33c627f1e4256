#pragma once

#include <chrono>
#include <functional>
#include <thread>

namespace catalog::test {

/// Polls `condition` every 20 ms until it holds or `timeout` passes; returns whether it held.
/// For eventually consistent effects (event delivery), never for fixed sleeps.
inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}

}  // namespace catalog::test
