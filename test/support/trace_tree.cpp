#include "support/trace_tree.hpp"

namespace catalog::test {
namespace {

std::string parentOf(const sdk::Json& span) { return span.value("parentId", ""); }

std::string line(const sdk::Json& span) {
  return span.value("name", "?") + " [" + span["localEndpoint"].value("serviceName", "?") + " " +
         span.value("kind", "") + "] " + span.value("id", "");
}

}  // namespace

TraceTree::TraceTree(std::vector<sdk::Json> spans) : spans_(std::move(spans)) {
  for (const sdk::Json& span : spans_) by_id_[span.value("id", "")] = &span;
}

std::string TraceTree::problem(const std::string& caller) const {
  if (spans_.empty()) return "no spans";
  const std::string trace = spans_.front().value("traceId", "");
  int roots = 0;
  for (const sdk::Json& span : spans_) {
    if (span.value("traceId", "") != trace) return "two trace ids: " + span.dump();
    if (by_id_.at(span.value("id", "")) != &span) return "span id twice: " + span.dump();
    const std::string parent = parentOf(span);
    if (parent == caller) {
      ++roots;
    } else if (by_id_.count(parent) == 0) {
      return "parent " + parent + " of " + line(span) + " is not in the trace";
    }
  }
  return roots == 1 ? std::string() : std::to_string(roots) + " spans hang under the caller";
}

std::vector<sdk::Json> TraceTree::named(const std::string& name) const {
  std::vector<sdk::Json> found;
  for (const sdk::Json& span : spans_)
    if (span.value("name", "") == name) found.push_back(span);
  return found;
}

bool TraceTree::descends(const sdk::Json& span, const sdk::Json& ancestor) const {
  const std::string target = ancestor.value("id", "");
  std::string parent = parentOf(span);
  for (std::size_t hops = 0; hops <= spans_.size(); ++hops) {
    if (parent == target) return true;
    const auto found = by_id_.find(parent);
    if (found == by_id_.end()) return false;
    parent = parentOf(*found->second);
  }
  return false;
}

std::set<std::string> TraceTree::names() const {
  std::set<std::string> names;
  for (const sdk::Json& span : spans_) names.insert(span.value("name", ""));
  return names;
}

std::set<std::string> TraceTree::services() const {
  std::set<std::string> services;
  for (const sdk::Json& span : spans_)
    services.insert(span["localEndpoint"].value("serviceName", ""));
  return services;
}

std::string TraceTree::describe() const {
  std::map<std::string, std::vector<const sdk::Json*>> children;
  for (const sdk::Json& span : spans_) children[parentOf(span)].push_back(&span);
  std::string text;
  const auto walk = [&](const auto& self, const std::string& parent, int depth) -> void {
    const auto found = children.find(parent);
    if (found == children.end() || depth > 64) return;
    for (const sdk::Json* span : found->second) {
      text += std::string(static_cast<std::size_t>(depth) * 2, ' ') + line(*span) + "\n";
      self(self, span->value("id", ""), depth + 1);
    }
  };
  std::set<std::string> outside;  // parents not in the trace: the caller's span, or none
  for (const sdk::Json& span : spans_)
    if (by_id_.count(parentOf(span)) == 0) outside.insert(parentOf(span));
  for (const std::string& parent : outside) walk(walk, parent, 0);
  return text;
}

}  // namespace catalog::test
