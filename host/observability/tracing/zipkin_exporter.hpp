#pragma once

#include <Poco/Logger.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/URI.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "observability/tracing/span_record.hpp"

namespace catalog::host {

class MetricFamily;

/// Where spans are posted, from a configured collector URL: http://host:port gets Zipkin's
/// /api/v2/spans. Throws std::invalid_argument saying what is wrong with any other than an
/// http:// URL without credentials.
Poco::URI zipkinSpansUrl(const std::string& url);

/// Sends finished spans to a Zipkin v2 collector from a thread of its own, in batches, so that
/// a slow or absent collector never slows a request: the queue is bounded, and a span that
/// doesn't fit is dropped and counted, as is a batch the collector refuses or can't be sent.
class ZipkinExporter {
 public:
  static constexpr std::size_t kBatchSpans = 500;
  static constexpr std::chrono::milliseconds kFlushInterval{1000};
  static constexpr std::chrono::milliseconds kConnectTimeout{1000};
  static constexpr std::chrono::milliseconds kAnswerTimeout{3000};

  /// `url`: see zipkinSpansUrl, which throws for a bad one.
  ZipkinExporter(const std::string& url, std::size_t capacity, MetricFamily& exported,
                 MetricFamily& dropped, Poco::Logger& logger);
  ~ZipkinExporter();
  ZipkinExporter(const ZipkinExporter&) = delete;
  ZipkinExporter& operator=(const ZipkinExporter&) = delete;

  void start();
  /// Sends what is queued, then stops; after a batch the collector did not take, the rest is
  /// dropped (and counted), so stopping takes a few seconds at most.
  void stop();
  const std::string& url() const noexcept { return url_text_; }
  void offer(SpanRecord&& span);

 private:
  void run();
  /// Whether the collector took the batch; a batch it did not take is dropped and counted.
  bool send(const std::vector<SpanRecord>& batch);

  Poco::URI url_;
  std::string url_text_;
  std::size_t capacity_;
  MetricFamily& exported_;
  MetricFamily& dropped_;
  Poco::Logger& logger_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<SpanRecord> queue_;
  bool running_ = false;
  std::thread thread_;
  std::optional<std::chrono::steady_clock::time_point> last_warning_;
  std::unique_ptr<Poco::Net::HTTPClientSession> session_;  // the exporter thread's only
};

}  // namespace catalog::host
