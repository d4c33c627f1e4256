#include "support/test_data.hpp"

#include <atomic>
#include <exception>
#include <thread>

namespace catalog::test {

std::string uniqueName(const std::string& base) {
  static std::atomic<int> counter{0};
  return base + " " + std::to_string(++counter);
}

std::vector<HttpResult> atOnce(const std::vector<std::function<HttpResult()>>& requests) {
  std::vector<HttpResult> results(requests.size());
  std::atomic<std::size_t> ready{0};
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (ready < requests.size()) std::this_thread::yield();
      try {
        results[i] = requests[i]();
      } catch (const std::exception& e) {  // a thread must not throw: report it as the answer
        results[i].text = e.what();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  return results;
}

sdk::Json draftOffering(const Create& create, const std::string& name,
                        const std::string& characteristic) {
  const sdk::Json speed =
      create("/api/v1/characteristics",
             {{"name", characteristic.empty() ? name + " Speed" : characteristic},
              {"value", "100"},
              {"unit_of_measure", "Mbps"}});
  const sdk::Json specification = create(
      "/api/v1/specifications", {{"name", name + " Spec"}, {"characteristic_ids", {speed["id"]}}});
  const sdk::Json price = create(
      "/api/v1/prices",
      {{"name", name + " Fee"}, {"value", "50.00"}, {"unit", "per month"}, {"currency", "USD"}});
  return create("/api/v1/offerings", {{"name", name},
                                      {"specification_ids", {specification["id"]}},
                                      {"pricing_ids", {price["id"]}},
                                      {"sales_channels", {"online"}}});
}

}  // namespace catalog::test
