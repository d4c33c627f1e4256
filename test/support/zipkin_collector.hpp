#pragma once

#include <Poco/Net/HTTPServer.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "catalog/sdk/json.hpp"

namespace catalog::test {

/// A Zipkin v2 collector for tests: an HTTP server on a free loopback port that accepts
/// POST /api/v2/spans with a JSON array of spans, as Zipkin does, and keeps them. It can be
/// told to refuse batches, as a collector that is failing would.
class ZipkinCollector {
 public:
  ZipkinCollector();
  ~ZipkinCollector();
  ZipkinCollector(const ZipkinCollector&) = delete;
  ZipkinCollector& operator=(const ZipkinCollector&) = delete;

  /// Its base URL, http://127.0.0.1:<port>, as ZIPKIN_URL takes it.
  std::string url() const;
  /// Every span received so far.
  std::vector<sdk::Json> spans() const;
  /// The spans of one trace.
  std::vector<sdk::Json> trace(const std::string& trace_id) const;
  /// How many POSTs arrived, accepted or not.
  int batches() const;
  /// Answers 503 to every batch from now on (and keeps none), or accepts them again.
  void refuse(bool refusing);

 private:
  class Handler;
  class Factory;

  mutable std::mutex mutex_;
  std::vector<sdk::Json> spans_;
  int batches_ = 0;
  bool refusing_ = false;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace catalog::test
