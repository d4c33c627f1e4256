#include "bench_client.hpp"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace catalog::bench {

Client::Client(int port, std::string token)
    : session_("127.0.0.1", static_cast<Poco::UInt16>(port)), token_(std::move(token)) {
  session_.setKeepAlive(true);
}

Answer Client::call(const std::string& method, const std::string& path, const Json& body) {
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  request.set("Authorization", "Bearer " + token_);
  const std::string text = body.is_null() ? "" : body.dump();
  if (!text.empty()) request.setContentType("application/json");
  request.setContentLength(static_cast<std::streamsize>(text.size()));
  session_.sendRequest(request) << text;
  Poco::Net::HTTPResponse response;
  std::string received;
  Poco::StreamCopier::copyToString(session_.receiveResponse(response), received);
  return {response.getStatus(), Json::parse(received, nullptr, false)};
}

Json Client::created(const std::string& path, const Json& body) {
  const Answer answer = call("POST", path, body);
  if (answer.status != 201) throw std::runtime_error(path + " answered " + answer.body.dump());
  return answer.body;
}

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

void printLatencyHeader() {
  std::printf("%-46s %6s %9s %9s %9s %9s\n", "latency (ms)", "n", "p50", "p95", "p99", "max");
}

void printLatencies(const std::string& label, const std::vector<double>& ms) {
  std::printf("%-46s %6zu %9.2f %9.2f %9.2f %9.2f\n", label.c_str(), ms.size(), percentile(ms, 0.5),
              percentile(ms, 0.95), percentile(ms, 0.99), percentile(ms, 1.0));
}

double since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string option(int argc, char** argv, const std::string& name, const std::string& fallback) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--" + name + "=", 0) == 0) return arg.substr(name.size() + 3);
  }
  return fallback;
}

}  // namespace catalog::bench
