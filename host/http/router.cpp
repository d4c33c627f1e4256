#include "http/router.hpp"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <algorithm>
#include <stdexcept>

#include "loader/loaded_plugin.hpp"

namespace catalog::host {
namespace {

bool isCapture(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 1;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    segments.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

// Captures of the pattern that match `segments`, or false; literal segments must be equal.
bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& segments,
             std::vector<std::pair<std::string, std::string>>* params) {
  if (pattern.size() != segments.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (isCapture(pattern[i])) {
      if (segments[i].empty()) return false;
    } else if (pattern[i] != segments[i]) {
      return false;
    }
  }
  if (params == nullptr) return true;
  params->clear();
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (!isCapture(pattern[i])) continue;
    std::string decoded;
    try {
      Poco::URI::decode(segments[i], decoded);
    } catch (const Poco::SyntaxException&) {
      throw std::invalid_argument("Malformed percent-encoding in path segment '" + segments[i] +
                                  "'");
    }
    params->emplace_back(pattern[i].substr(1, pattern[i].size() - 2), std::move(decoded));
  }
  return true;
}

std::size_t literalCount(const std::vector<std::string>& pattern) {
  return static_cast<std::size_t>(std::count_if(
      pattern.begin(), pattern.end(), [](const std::string& s) { return !isCapture(s); }));
}

bool sameShape(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (isCapture(a[i]) != isCapture(b[i])) return false;
    if (!isCapture(a[i]) && a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

void Router::add(Route route) {
  if (route.pattern.empty() || route.pattern.front() != '/' || route.handler == nullptr) {
    throw std::invalid_argument("route '" + route.method + " " + route.pattern +
                                "' needs an absolute pattern and a handler");
  }
  std::vector<std::string> segments = split(route.pattern);
  for (const Compiled& existing : compiled_) {
    const Route& other = routes_[existing.route];
    if (other.method == route.method && sameShape(existing.segments, segments)) {
      throw std::invalid_argument("route " + route.method + " " + route.pattern + " clashes with " +
                                  other.pattern + " already registered");
    }
  }
  routes_.push_back(std::move(route));
  compiled_.push_back({std::move(segments), routes_.size() - 1});
}

Router::Match Router::match(std::string_view method, std::string_view path,
                            const LoadedPlugin* only) const {
  Match result;
  if (path.empty() || path.front() != '/') return result;
  const std::vector<std::string> segments = split(path);
  const Compiled* best = nullptr;
  for (const Compiled& candidate : compiled_) {
    const Route& route = routes_[candidate.route];
    if (only != nullptr && route.plugin != only) continue;
    if (!matches(candidate.segments, segments, nullptr)) continue;
    if (route.method != method) {
      result.allowed.push_back(route.method);
      continue;
    }
    // The most specific pattern wins: /offerings/search before /offerings/{id}.
    if (best == nullptr || literalCount(candidate.segments) > literalCount(best->segments)) {
      best = &candidate;
    }
  }
  if (best == nullptr) {
    result.outcome = result.allowed.empty() ? Outcome::NotFound : Outcome::MethodNotAllowed;
    return result;
  }
  result.outcome = Outcome::Found;
  result.route = &routes_[best->route];
  matches(best->segments, segments, &result.params);
  return result;
}

void Router::setIngress(Route front) {
  if (ingress_) {
    throw std::invalid_argument("the front door is taken by plugin " + ingress_->plugin->name() +
                                ": one gateway per host");
  }
  ingress_ = std::move(front);
}

}  // namespace catalog::host
