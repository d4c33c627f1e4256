#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "catalog/sdk/json.hpp"

namespace catalog::test {

/// The spans of one trace, as a Zipkin collector received them, read as a tree.
class TraceTree {
 public:
  explicit TraceTree(std::vector<sdk::Json> spans);

  /// Why the spans are not one tree hanging under `caller` (the span id a test sent as the
  /// parent of its request): other trace ids, a repeated span id, a root other than the one
  /// span whose parent is `caller`, a parent that is not in the trace. Empty when they are.
  std::string problem(const std::string& caller) const;
  /// The spans named `name`.
  std::vector<sdk::Json> named(const std::string& name) const;
  /// Whether `ancestor` is `span`'s parent, or its parent's, and so on.
  bool descends(const sdk::Json& span, const sdk::Json& ancestor) const;
  std::set<std::string> names() const;
  /// The services (localEndpoint.serviceName) that made spans.
  std::set<std::string> services() const;
  /// The tree, one span a line, indented under its parent, for failure messages.
  std::string describe() const;

 private:
  std::vector<sdk::Json> spans_;
  std::map<std::string, const sdk::Json*> by_id_;
};

}  // namespace catalog::test
