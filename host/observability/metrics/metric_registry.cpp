#include "observability/metrics/metric_registry.hpp"

#include <algorithm>
#include <stdexcept>

namespace catalog::host {

MetricFamily& MetricRegistry::add(MetricSpec spec) {
  auto family = std::make_unique<MetricFamily>(std::move(spec));
  const std::lock_guard lock(families_mutex_);
  for (const auto& existing : families_) {
    if (existing->spec().name == family->spec().name)
      throw std::invalid_argument("metric " + family->spec().name + " is already registered");
  }
  families_.push_back(std::move(family));
  return *families_.back();
}

void MetricRegistry::addCollector(std::function<void()> collector) {
  const std::lock_guard lock(collect_mutex_);
  collectors_.push_back(std::move(collector));
}

std::string MetricRegistry::exposition() {
  {
    const std::lock_guard lock(collect_mutex_);
    for (const auto& collect : collectors_) {
      try {
        collect();
      } catch (...) {
        // A scrape still answers with everything else.
      }
    }
  }
  std::vector<const MetricFamily*> families;
  {
    const std::lock_guard lock(families_mutex_);
    for (const auto& family : families_) families.push_back(family.get());
  }
  std::sort(families.begin(), families.end(), [](const MetricFamily* a, const MetricFamily* b) {
    return a->spec().name < b->spec().name;
  });
  std::string text;
  std::string dropped;
  for (const MetricFamily* family : families) {
    family->writeText(text);
    if (const auto count = family->droppedSeries(); count > 0) {
      dropped += "catalog_metric_series_dropped_total{metric=\"" + family->spec().name + "\"} " +
                 std::to_string(count) + "\n";
    }
  }
  if (!dropped.empty()) {
    text +=
        "# HELP catalog_metric_series_dropped_total Label sets refused because a metric had "
        "too many.\n# TYPE catalog_metric_series_dropped_total counter\n" +
        dropped;
  }
  return text;
}

}  // namespace catalog::host
