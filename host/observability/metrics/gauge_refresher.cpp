#include "observability/metrics/gauge_refresher.hpp"

#include <set>

#include "observability/log.hpp"

namespace catalog::host {

GaugeRefresher::~GaugeRefresher() { stop(); }

void GaugeRefresher::add(std::function<void()> collector) {
  const std::lock_guard lock(collectors_mutex_);
  collectors_.push_back(std::move(collector));
}

std::vector<std::string> GaugeRefresher::refresh() {
  const std::lock_guard lock(collectors_mutex_);
  std::vector<std::string> failures;
  for (const auto& collect : collectors_) {
    try {
      collect();
    } catch (const std::exception& e) {
      failures.emplace_back(e.what());
    }
  }
  return failures;
}

void GaugeRefresher::start() {
  const std::lock_guard lock(state_mutex_);
  if (running_) return;
  running_ = true;
  thread_ = std::thread([this] { run(); });
}

void GaugeRefresher::stop() {
  {
    const std::lock_guard lock(state_mutex_);
    if (!running_) return;
    running_ = false;
  }
  wake_.notify_all();
  thread_.join();
}

void GaugeRefresher::run() {
  // A failure is logged when it starts, not every few seconds while it lasts.
  std::set<std::string> known;
  std::unique_lock lock(state_mutex_);
  while (running_) {
    lock.unlock();
    const std::vector<std::string> failures = refresh();
    for (const std::string& failure : failures) {
      if (known.count(failure) == 0)
        log(logger_, Poco::Message::PRIO_WARNING, "", "a metric could not be read: " + failure);
    }
    known = std::set<std::string>(failures.begin(), failures.end());
    lock.lock();
    wake_.wait_for(lock, kInterval, [this] { return !running_; });
  }
}

}  // namespace catalog::host
