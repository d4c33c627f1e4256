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

#include <chrono>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "bench_client.hpp"

using namespace catalog::bench;

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

    printLatencyHeader();
    printLatencies("baseline: GET /health/live round trip", baseline);
    printLatencies("publish -> PUBLISHED (saga of 4 steps)", latencies);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "publication-latency: " << e.what() << "\n";
    return 1;
  }
}
