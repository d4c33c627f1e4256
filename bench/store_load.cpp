// store-load: fills a running catalogd's store with published offerings for bench/store, then
// measures how long an offering takes from its OfferingPublished to being visible in the store.
//
// Usage: store-load --port=N --token=JWT --ids-file=PATH [--offerings=10000] [--threads=8]
//                   [--lag-samples=200]
// It expects a catalogd without them. The catalog: 12 characteristics (Speed 100 Mbps, Download
// Speed 1 Gbps, Color Black, …), 24 specifications of two of them each, and per offering its own
// price (a saga holds its prices while it runs, so concurrent sagas must not share one) with values
// from 5 to 505 in USD, EUR or TRY, names and descriptions from a few words ("Fibre Pro 17"), and
// one to two sales channels. --threads clients publish concurrently, each offering through the real
// saga; the ids of the published offerings go to --ids-file, one per line, for the wrk scenarios.
//
// The lag is then measured over --lag-samples publications, one at a time, with the store full:
// POST /publish, GET /api/v1/store/offerings/{id} every 0.2 ms until 200, and the time of that
// answer minus the offering's published_at, which the offering's confirm-publication sets in the
// transaction that emits OfferingPublished. published_at has whole milliseconds, so each lag is
// overstated by less than 1 ms. Exits 1 if any publication fails or takes over 10 s.

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bench_client.hpp"

namespace {

using namespace catalog::bench;

constexpr std::array<std::array<const char*, 3>, 12> kCharacteristics = {{
    {"Speed", "100", "Mbps"},
    {"Download Speed", "1", "Gbps"},
    {"Upload Speed", "200", "Mbps"},
    {"Data Allowance", "50", "GB"},
    {"Storage", "1", "TB"},
    {"Processor", "3", "GHz"},
    {"Power", "65", "Watt"},
    {"Range", "100", "Meter"},
    {"Availability", "99.9", "Percent"},
    {"Contract", "12", "Months"},
    {"Color", "Black", "None"},
    {"Support", "24", "Hours"},
}};
constexpr int kSpecifications = 24;
constexpr std::array<const char*, 6> kKinds = {"Fibre",     "Mobile",   "Cable",
                                               "Satellite", "Business", "Home"};
constexpr std::array<const char*, 6> kTiers = {"Basic", "Plus", "Pro", "Max", "Family", "Office"};
constexpr std::array<const char*, 3> kCurrencies = {"USD", "EUR", "TRY"};
constexpr auto kPublicationTimeout = std::chrono::seconds(10);

// The names of specifications, prices and offerings carry the run's tag, as names are unique;
// the characteristics keep theirs, which the searches name (Speed:>50Mbps), so a second run on
// the same catalogd stops at its first characteristic (409).
std::string runTag() {
  return std::to_string(std::chrono::system_clock::now().time_since_epoch().count() % 1000000007);
}

std::vector<std::string> createSpecifications(Client& client, const std::string& run) {
  std::vector<std::string> characteristics;
  for (const auto& [name, value, unit] : kCharacteristics)
    characteristics.push_back(
        client.created("/api/v1/characteristics",
                       {{"name", name}, {"value", value}, {"unit_of_measure", unit}})["id"]);
  std::vector<std::string> specifications;
  for (int s = 0; s < kSpecifications; ++s) {
    Json ids = {characteristics[s % 12]};
    if ((s * 5 + 3) % 12 != s % 12) ids.push_back(characteristics[(s * 5 + 3) % 12]);
    specifications.push_back(client.created(
        "/api/v1/specifications", {{"name", "Bench spec " + std::to_string(s) + " " + run},
                                   {"characteristic_ids", ids}})["id"]);
  }
  return specifications;
}

// A draft offering, number n of the run, with a price of its own; returns its id.
std::string createDraft(Client& client, const std::vector<std::string>& specifications,
                        const std::string& run, int n) {
  const std::string kind = kKinds[n % kKinds.size()];
  const std::string tier = kTiers[(n / kKinds.size()) % kTiers.size()];
  const int cents = 500 + (n * 3701) % 50000;
  char value[16];
  std::snprintf(value, sizeof value, "%d.%02d", cents / 100, cents % 100);
  const Json price =
      client.created("/api/v1/prices", {{"name", "Bench price " + std::to_string(n) + " " + run},
                                        {"value", value},
                                        {"unit", "per month"},
                                        {"currency", kCurrencies[n % kCurrencies.size()]}});
  static const std::array<Json, 4> channels = {Json{"online"}, Json{"retail"},
                                               Json{"online", "retail"}, Json{"online", "partner"}};
  return client.created("/api/v1/offerings",
                        {{"name", kind + " " + tier + " " + std::to_string(n)},
                         {"description", "The " + tier + " " + kind + " plan, run " + run},
                         {"specification_ids", {specifications[n % kSpecifications]}},
                         {"pricing_ids", {price["id"]}},
                         {"sales_channels", channels[n % channels.size()]}})["id"];
}

void publish(Client& client, const std::string& id) {
  const Answer accepted =
      client.call("POST", "/api/v1/offerings/" + id + "/publish", Json::object());
  if (accepted.status != 202) throw std::runtime_error("publish answered " + accepted.body.dump());
}

// Polls every `period` until `done` answers true; throws after kPublicationTimeout.
template <typename Done>
void await(const std::string& what, std::chrono::microseconds period, Done done) {
  const auto start = Clock::now();
  while (!done()) {
    if (Clock::now() - start > kPublicationTimeout)
      throw std::runtime_error(what + " took over 10 s");
    std::this_thread::sleep_for(period);
  }
}

void awaitPublished(Client& client, const std::string& id) {
  await("publication of " + id, std::chrono::milliseconds(2), [&] {
    const std::string status =
        client.call("GET", "/api/v1/offerings/" + id).body.value("lifecycle_status", "");
    if (status == "DRAFT") throw std::runtime_error("publication of " + id + " failed");
    return status == "PUBLISHED";
  });
}

// Publishes offerings 0..count-1 from `threads` clients at once; returns their ids.
std::vector<std::string> load(int port, const std::string& token,
                              const std::vector<std::string>& specifications,
                              const std::string& run, int count, int threads) {
  std::vector<std::string> ids(static_cast<std::size_t>(count));
  std::atomic<int> next{0};
  std::atomic<bool> failed{false};
  std::mutex error_mutex;
  std::string error;
  std::vector<std::thread> clients;
  for (int t = 0; t < threads; ++t) {
    clients.emplace_back([&] {
      try {
        Client client(port, token);
        for (int n = next++; n < count && !failed; n = next++) {
          const std::string id = createDraft(client, specifications, run, n);
          publish(client, id);
          awaitPublished(client, id);
          ids[static_cast<std::size_t>(n)] = id;
          if ((n + 1) % 1000 == 0) std::cout << "  " << n + 1 << " published" << std::endl;
        }
      } catch (const std::exception& e) {
        failed = true;
        const std::lock_guard<std::mutex> lock(error_mutex);
        error = e.what();
      }
    });
  }
  for (std::thread& client : clients) client.join();
  if (failed) throw std::runtime_error(error);
  return ids;
}

std::int64_t storeTotal(Client& client) {
  return client.call("GET", "/api/v1/store/offerings?page_size=1").body.value("total", -1);
}

std::int64_t epochMicroseconds(const std::string& iso) {
  int zone = 0;
  return Poco::DateTimeParser::parse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, iso, zone)
      .timestamp()
      .epochMicroseconds();
}

std::int64_t nowEpochMicroseconds() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const int port = std::stoi(option(argc, argv, "port", "8000"));
    const std::string token = option(argc, argv, "token", "");
    const int offerings = std::stoi(option(argc, argv, "offerings", "10000"));
    const int threads = std::stoi(option(argc, argv, "threads", "8"));
    const int samples = std::stoi(option(argc, argv, "lag-samples", "200"));
    const std::string ids_file = option(argc, argv, "ids-file", "");
    if (ids_file.empty()) throw std::runtime_error("--ids-file=PATH is required");

    Client client(port, token);
    const std::string run = runTag();
    const std::vector<std::string> specifications = createSpecifications(client, run);
    const std::int64_t before = storeTotal(client);

    std::cout << "== publishing " << offerings << " offerings from " << threads << " clients"
              << std::endl;
    const auto start = Clock::now();
    const std::vector<std::string> ids = load(port, token, specifications, run, offerings, threads);
    await("the store's catch-up", std::chrono::milliseconds(10),
          [&] { return storeTotal(client) >= before + offerings; });
    const double seconds = since(start) / 1000;
    std::printf("published and visible: %d offerings in %.1f s (%.0f per second)\n", offerings,
                seconds, offerings / seconds);
    std::ofstream out(ids_file);
    for (const std::string& id : ids) out << id << "\n";

    std::cout << "== " << samples << " publications one at a time, with the store full"
              << std::endl;
    std::vector<std::string> drafts;
    for (int i = 0; i < samples; ++i)
      drafts.push_back(createDraft(client, specifications, run, offerings + i));
    std::vector<double> lags, totals;
    for (const std::string& id : drafts) {
      const auto published = Clock::now();
      publish(client, id);
      await("the store entry of " + id, std::chrono::microseconds(200),
            [&] { return client.call("GET", "/api/v1/store/offerings/" + id).status == 200; });
      const std::int64_t visible_at = nowEpochMicroseconds();
      totals.push_back(since(published));
      const Json offering = client.call("GET", "/api/v1/offerings/" + id).body;
      lags.push_back(
          static_cast<double>(visible_at - epochMicroseconds(offering.value("published_at", ""))) /
          1000);
    }
    printLatencyHeader();
    printLatencies("OfferingPublished -> visible in the store", lags);
    printLatencies("POST /publish -> visible in the store", totals);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "store-load: " << e.what() << "\n";
    return 1;
  }
}
