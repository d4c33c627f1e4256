#pragma once

#include <Poco/Logger.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace catalog::host {

/// Runs the collectors — functions that set gauges from what is kept elsewhere: the plugins'
/// databases, the engine, /proc — on a thread of its own every few seconds, so that a scrape
/// only formats what they last read and never waits on a database that hangs.
class GaugeRefresher {
 public:
  static constexpr std::chrono::seconds kInterval{5};

  explicit GaugeRefresher(Poco::Logger& logger) : logger_(logger) {}
  ~GaugeRefresher();
  GaugeRefresher(const GaugeRefresher&) = delete;
  GaugeRefresher& operator=(const GaugeRefresher&) = delete;

  /// Adds a collector; it runs on the next refresh.
  void add(std::function<void()> collector);
  /// Runs every collector once, now; returns why those that threw did (the others still ran).
  std::vector<std::string> refresh();
  /// Refreshes at once, then every kInterval until stop(); a collector's failure is logged.
  void start();
  /// Returns once no collector runs any more.
  void stop();

 private:
  void run();

  Poco::Logger& logger_;
  std::mutex collectors_mutex_;  // also keeps refreshes one at a time
  std::vector<std::function<void()>> collectors_;
  std::mutex state_mutex_;
  std::condition_variable wake_;
  bool running_ = false;
  std::thread thread_;
};

}  // namespace catalog::host
