#pragma once

#include <string>
#include <utility>
#include <vector>

/// An HTTP response being built by a handler, or the answer of a service call.
struct catalog_response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};
