// What the bench tools share: a keep-alive JSON client of catalogd that signs every request with
// the bench's token, percentiles, and --name=value options.
#pragma once

#include <Poco/Net/HTTPClientSession.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace catalog::bench {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Answer {
  int status;
  Json body;  // discarded when the body is not JSON
};

/// One keep-alive connection to catalogd on 127.0.0.1; not thread-safe (one per thread).
class Client {
 public:
  Client(int port, std::string token);

  Answer call(const std::string& method, const std::string& path, const Json& body = Json());
  /// POSTs body and returns the created entity; throws unless the answer is 201.
  Json created(const std::string& path, const Json& body);

 private:
  Poco::Net::HTTPClientSession session_;
  std::string token_;
};

/// The p-quantile (0..1) of values, nearest rank; values must not be empty.
double percentile(std::vector<double> values, double p);

/// The header of printLatencies' table: label, n, p50, p95, p99, max.
void printLatencyHeader();
/// One row: the label, how many values and their p50/p95/p99/max, in milliseconds.
void printLatencies(const std::string& label, const std::vector<double>& ms);

/// Milliseconds since start.
double since(Clock::time_point start);

/// The value of --name=value among the arguments, or fallback.
std::string option(int argc, char** argv, const std::string& name, const std::string& fallback);

}  // namespace catalog::bench
