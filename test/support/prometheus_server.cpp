#include "support/prometheus_server.hpp"

#include <Poco/URI.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "support/eventually.hpp"
#include "support/files.hpp"
#include "support/free_port.hpp"
#include "support/http_client.hpp"

namespace catalog::test {

PrometheusServer::PrometheusServer(int target_port) : port_(freePort()) {
  std::ofstream(dir_.file("prometheus.yml"))
      << "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
         "scrape_configs:\n  - job_name: catalog\n    static_configs:\n"
         "      - targets: ['127.0.0.1:"
      << target_port << "']\n";
  const std::string command = "exec prometheus --config.file=" + dir_.file("prometheus.yml") +
                              " --storage.tsdb.path=" + dir_.file("data") +
                              " --web.listen-address=127.0.0.1:" + std::to_string(port_) +
                              " --log.level=warn > " + dir_.file("prometheus.log") + " 2>&1";
  process_ = std::make_unique<Poco::ProcessHandle>(
      Poco::Process::launch("/bin/sh", {"-c", command}, dir_.path()));
  const bool ready = eventually(
      [this] {
        try {
          return httpRequest(port_, "GET", "/-/ready").status == 200;
        } catch (const std::exception&) {
          return false;  // not listening yet
        }
      },
      std::chrono::seconds(30));
  if (!ready) throw std::runtime_error("Prometheus did not become ready:\n" + logs());
}

PrometheusServer::~PrometheusServer() {
  Poco::Process::requestTermination(process_->id());
  process_->wait();
}

sdk::Json PrometheusServer::query(const std::string& expression) const {
  std::string encoded;
  Poco::URI::encode(expression, "&=+%#?", encoded);
  const HttpResult answer = httpRequest(port_, "GET", "/api/v1/query?query=" + encoded);
  if (answer.status != 200 || answer.json.value("status", "") != "success")
    throw std::runtime_error("Prometheus refused " + expression + ": " + answer.text);
  return answer.json["data"]["result"];
}

std::optional<double> PrometheusServer::value(const std::string& expression) const {
  const sdk::Json result = query(expression);
  if (result.size() != 1) return std::nullopt;
  return std::stod(result[0]["value"][1].get<std::string>());
}

std::string PrometheusServer::logs() const { return readFile(dir_.file("prometheus.log")); }

}  // namespace catalog::test
