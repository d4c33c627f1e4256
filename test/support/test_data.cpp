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

}  // namespace catalog::test
