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

MetricFamily& MetricRegistry::counter(std::string name, std::string help,
                                      std::vector<std::string> labels) {
  return add({std::move(name), std::move(help), MetricType::Counter, std::move(labels), {}});
}

MetricFamily& MetricRegistry::gauge(std::string name, std::string help,
                                    std::vector<std::string> labels) {
  return add({std::move(name), std::move(help), MetricType::Gauge, std::move(labels), {}});
}

MetricFamily& MetricRegistry::histogram(std::string name, std::string help,
                                        std::vector<std::string> labels,
                                        std::vector<double> buckets) {
  return add({std::move(name), std::move(help), MetricType::Histogram, std::move(labels),
              std::move(buckets)});
}

std::string MetricRegistry::exposition() {
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
