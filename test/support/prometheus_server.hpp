#pragma once

#include <Poco/Process.h>

#include <memory>
#include <optional>
#include <string>

#include "catalog/sdk/json.hpp"
#include "support/temp_dir.hpp"

namespace catalog::test {

/// A real Prometheus (Debian's `prometheus`) for one test: scraping /metrics of catalogd on
/// `target_port` every second under job "catalog", with its data in a temporary directory and
/// its API on a free loopback port; stopped on destruction. Throws std::runtime_error with its
/// log when it does not become ready.
class PrometheusServer {
 public:
  explicit PrometheusServer(int target_port);
  ~PrometheusServer();
  PrometheusServer(const PrometheusServer&) = delete;
  PrometheusServer& operator=(const PrometheusServer&) = delete;

  /// The result of an instant query (GET /api/v1/query): the `data.result` array of vectors.
  /// Throws std::runtime_error when Prometheus refuses the query.
  sdk::Json query(const std::string& expression) const;
  /// The value of a query answering one sample; nullopt while it answers none.
  std::optional<double> value(const std::string& expression) const;
  std::string logs() const;

 private:
  TempDir dir_;
  int port_ = 0;
  std::unique_ptr<Poco::ProcessHandle> process_;
};

}  // namespace catalog::test
