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

/// POSTs `body` to `collection` and returns what was created (asserting 201).
using Create = std::function<sdk::Json(const std::string& collection, const sdk::Json& body)>;

/// A characteristic of 100 Mbps (named `characteristic`, or "<name> Speed") → a specification
/// → a price of 50.00 USD a month → a draft offering `name` listing them, sold online; returns
/// the draft.
sdk::Json draftOffering(const Create& create, const std::string& name,
                        const std::string& characteristic = "");

}  // namespace catalog::test
