// publication-latency: how long an offering takes from POST /publish to PUBLISHED in a running
// catalogd, over many sagas, beside the round trip of GET /health/live on the same connection
// as the baseline (what any request costs here). bench/publication starts catalogd and runs it.
//
// Usage: publication-latency --port=N --token=JWT [--sagas=200]
// For each saga it creates a price and a draft offering (one specification shared by all; a
// saga releases its prices only after PUBLISHED, when the next saga starts, so each offering
// needs its own), then, one saga at a time: POST /publish, poll GET /api/v1/offerings/{id}
// every millisecond until PUBLISHED. Prints p50/p95/p99/max of both, in milliseconds. Exits 1
// if a publication fails or takes longer than 10 s.

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Answer {
  int status;
  Json body;
};

class Client {
 public:
  Client(int port, std::string token) : session_("127.0.0.1", port), token_(std::move(token)) {
    session_.setKeepAlive(true);
  }

  Answer call(const std::string& method, const std::string& path, const Json& body = Json()) {
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

  Json created(const std::string& path, const Json& body) {
    const Answer answer = call("POST", path, body);
    if (answer.status != 201) throw std::runtime_error(path + " answered " + answer.body.dump());
    return answer.body;
  }

 private:
  Poco::Net::HTTPClientSession session_;
  std::string token_;
};

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

void print(const char* label, const std::vector<double>& ms) {
  std::printf("%-42s %6zu %9.2f %9.2f %9.2f %9.2f\n", label, ms.size(), percentile(ms, 0.5),
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

}  // namespace

int main(int argc, char** argv) {
  try {
    const int port = std::stoi(option(argc, argv, "port", "8000"));
    const int sagas = std::stoi(option(argc, argv, "sagas", "200"));
    Client client(port, option(argc, argv, "token", ""));

    const std::string run =
        std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
    const Json speed = client.created(
        "/api/v1/characteristics",
        {{"name", "Bench speed " + run}, {"value", "100"}, {"unit_of_measure", "Mbps"}});
    const Json specification =
        client.created("/api/v1/specifications",
                       {{"name", "Bench spec " + run}, {"characteristic_ids", {speed["id"]}}});
    std::vector<std::string> offerings;
    for (int i = 0; i < sagas; ++i) {
      const std::string n = run + " " + std::to_string(i);
      const Json price = client.created("/api/v1/prices", {{"name", "Bench price " + n},
                                                           {"value", "9.99"},
                                                           {"unit", "per month"},
                                                           {"currency", "EUR"}});
      offerings.push_back(
          client.created("/api/v1/offerings", {{"name", "Bench offering " + n},
                                               {"specification_ids", {specification["id"]}},
                                               {"pricing_ids", {price["id"]}},
                                               {"sales_channels", {"online"}}})["id"]);
    }

    std::vector<double> baseline;
    for (int i = 0; i < sagas; ++i) {
      const auto start = Clock::now();
      client.call("GET", "/health/live");
      baseline.push_back(since(start));
    }

    std::vector<double> latencies;
    for (const std::string& id : offerings) {
      const auto start = Clock::now();
      const Answer accepted =
          client.call("POST", "/api/v1/offerings/" + id + "/publish", Json::object());
      if (accepted.status != 202)
        throw std::runtime_error("publish answered " + accepted.body.dump());
      while (true) {
        const std::string status =
            client.call("GET", "/api/v1/offerings/" + id).body.value("lifecycle_status", "");
        if (status == "PUBLISHED") break;
        if (status == "DRAFT") throw std::runtime_error("publication of " + id + " failed");
        if (since(start) > 10000)
          throw std::runtime_error("publication of " + id + " took over 10 s");
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      latencies.push_back(since(start));
    }

    std::printf("%-42s %6s %9s %9s %9s %9s\n", "latency (ms)", "n", "p50", "p95", "p99", "max");
    print("baseline: GET /health/live round trip", baseline);
    print("publish -> PUBLISHED (saga of 4 steps)", latencies);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "publication-latency: " << e.what() << "\n";
    return 1;
  }
}
