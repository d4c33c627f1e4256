#pragma once

#include <functional>
#include <string>
#include <vector>

#include "support/http_client.hpp"

namespace catalog::test {

/// `base` and a number no other call in this process got: suites share one database per host,
/// and names must be unique.
std::string uniqueName(const std::string& base);

/// Runs every request on a thread of its own, released together, and returns the answers in
/// the order of `requests`; an exception a request throws becomes its answer's text.
std::vector<HttpResult> atOnce(const std::vector<std::function<HttpResult()>>& requests);

}  // namespace catalog::test
