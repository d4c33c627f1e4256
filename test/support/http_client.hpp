#pragma once

#include <chrono>
#include <map>
#include <string>

#include "catalog/sdk/json.hpp"

namespace catalog::test {

/// An HTTP answer: status, headers (lower-case names) and the body, parsed when it is JSON.
struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;
  std::string text;
  sdk::Json json;  ///< null when the body is empty or not JSON
};

/// One request to 127.0.0.1:`port`. `body` is sent as application/json when not empty.
HttpResult httpRequest(int port, const std::string& method, const std::string& path,
                       const std::string& body = {},
                       const std::map<std::string, std::string>& headers = {});

/// Sends `bytes` as they are to 127.0.0.1:`port` and returns everything that comes back until
/// the server closes the connection or stays silent for `quiet`. For what a well-behaved
/// client can't send: lying headers, smuggled requests.
std::string rawHttpExchange(int port, const std::string& bytes,
                            std::chrono::milliseconds quiet = std::chrono::milliseconds(500));

}  // namespace catalog::test
