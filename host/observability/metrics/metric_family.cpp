#include "observability/metrics/metric_family.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <regex>
#include <stdexcept>

namespace catalog::host {
namespace {

const std::regex kName("[a-zA-Z_:][a-zA-Z0-9_:]*");
const std::regex kLabel("[a-zA-Z_][a-zA-Z0-9_]*");

// Prometheus reads Go's float syntax: +Inf, -Inf, NaN, and plain or exponent notation.
std::string number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  // The shortest form that reads back as the same double: 0.005, not 0.0050000000000000001.
  char text[32];
  for (int precision = 15; precision <= 17; ++precision) {
    std::snprintf(text, sizeof(text), "%.*g", precision, value);
    if (std::strtod(text, nullptr) == value) break;
  }
  return text;
}

// Label values escape backslash, double quote and line feed; help text the first and last.
std::string escaped(const std::string& text, bool quote) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && quote) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
  return out;
}

std::string labelText(const std::vector<std::string>& names, const std::vector<std::string>& values,
                      const std::string& extra = {}) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    text += (text.empty() ? "" : ",") + names[i] + "=\"" + escaped(values[i], true) + "\"";
  }
  if (!extra.empty()) text += (text.empty() ? "" : ",") + extra;
  return text.empty() ? text : "{" + text + "}";
}

const char* typeName(MetricType type) {
  switch (type) {
    case MetricType::Counter:
      return "counter";
    case MetricType::Gauge:
      return "gauge";
    case MetricType::Histogram:
      return "histogram";
  }
  return "untyped";
}

}  // namespace

const std::vector<double> kDefaultBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                             0.5,   1,    2.5,   5,    10};

MetricFamily::MetricFamily(MetricSpec spec) : spec_(std::move(spec)) {
  if (!std::regex_match(spec_.name, kName))
    throw std::invalid_argument("metric name '" + spec_.name + "' is not a Prometheus name");
  for (const std::string& label : spec_.labels) {
    if (!std::regex_match(label, kLabel) || label.rfind("__", 0) == 0 || label == "le")
      throw std::invalid_argument("metric " + spec_.name + ": bad label name '" + label + "'");
  }
  if (spec_.type == MetricType::Counter &&
      (spec_.name.size() < 6 || spec_.name.compare(spec_.name.size() - 6, 6, "_total") != 0))
    throw std::invalid_argument("counter " + spec_.name + " must end in _total");
  if (spec_.type == MetricType::Histogram) {
    if (spec_.buckets.empty()) spec_.buckets = kDefaultBuckets;
    // The +Inf bucket is always there; one given explicitly would be exposed twice.
    if (!std::all_of(spec_.buckets.begin(), spec_.buckets.end(),
                     [](double bound) { return std::isfinite(bound); }) ||
        !std::is_sorted(spec_.buckets.begin(), spec_.buckets.end()) ||
        std::adjacent_find(spec_.buckets.begin(), spec_.buckets.end()) != spec_.buckets.end())
      throw std::invalid_argument("histogram " + spec_.name +
                                  ": buckets must be finite and increase");
  } else {
    spec_.buckets.clear();
  }
}

MetricFamily::Series* MetricFamily::series(const std::vector<std::string>& labels) {
  if (labels.size() != spec_.labels.size()) return nullptr;
  const auto found = series_.find(labels);
  if (found != series_.end()) return &found->second;
  if (series_.size() >= kMaxSeries) {
    ++dropped_;
    return nullptr;
  }
  Series& fresh = series_[labels];
  fresh.counts.assign(spec_.buckets.size(), 0);
  return &fresh;
}

void MetricFamily::add(const std::vector<std::string>& labels, double amount) {
  if (spec_.type == MetricType::Histogram || (spec_.type == MetricType::Counter && !(amount >= 0)))
    return;
  const std::lock_guard lock(mutex_);
  if (Series* s = series(labels)) s->value += amount;
}

void MetricFamily::set(const std::vector<std::string>& labels, double value) {
  if (spec_.type != MetricType::Gauge) return;
  const std::lock_guard lock(mutex_);
  if (Series* s = series(labels)) s->value = value;
}

void MetricFamily::observe(const std::vector<std::string>& labels, double value) {
  if (spec_.type != MetricType::Histogram || std::isnan(value)) return;
  const std::lock_guard lock(mutex_);
  Series* s = series(labels);
  if (s == nullptr) return;
  const auto bucket = std::lower_bound(spec_.buckets.begin(), spec_.buckets.end(), value);
  if (bucket != spec_.buckets.end()) ++s->counts[bucket - spec_.buckets.begin()];
  s->sum += value;
  ++s->count;
}

void MetricFamily::record(const std::vector<std::string>& labels, double value) {
  switch (spec_.type) {
    case MetricType::Counter:
      add(labels, value);
      break;
    case MetricType::Gauge:
      set(labels, value);
      break;
    case MetricType::Histogram:
      observe(labels, value);
      break;
  }
}

void MetricFamily::replace(const std::map<std::vector<std::string>, double>& values) {
  if (spec_.type != MetricType::Gauge) return;
  const std::lock_guard lock(mutex_);
  series_.clear();
  for (const auto& [labels, value] : values) {
    if (Series* s = series(labels)) s->value = value;
  }
}

std::uint64_t MetricFamily::droppedSeries() const {
  const std::lock_guard lock(mutex_);
  return dropped_;
}

void MetricFamily::writeText(std::string& out) const {
  out += "# HELP " + spec_.name + " " + escaped(spec_.help, false) + "\n";
  out += "# TYPE " + spec_.name + " " + typeName(spec_.type) + "\n";
  const std::lock_guard lock(mutex_);
  for (const auto& [labels, s] : series_) {
    if (spec_.type != MetricType::Histogram) {
      out += spec_.name + labelText(spec_.labels, labels) + " " + number(s.value) + "\n";
      continue;
    }
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < spec_.buckets.size(); ++i) {
      cumulative += s.counts[i];
      out += spec_.name + "_bucket" +
             labelText(spec_.labels, labels, "le=\"" + number(spec_.buckets[i]) + "\"") + " " +
             std::to_string(cumulative) + "\n";
    }
    out += spec_.name + "_bucket" + labelText(spec_.labels, labels, "le=\"+Inf\"") + " " +
           std::to_string(s.count) + "\n";
    out += spec_.name + "_sum" + labelText(spec_.labels, labels) + " " + number(s.sum) + "\n";
    out += spec_.name + "_count" + labelText(spec_.labels, labels) + " " + std::to_string(s.count) +
           "\n";
  }
}

}  // namespace catalog::host
