#include "observability/tracing/zipkin_exporter.hpp"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <sstream>
#include <stdexcept>

#include "observability/log.hpp"
#include "observability/metrics/metric_family.hpp"

namespace catalog::host {
namespace {

// A collector that fails is mentioned at most this often, not once per batch.
constexpr std::chrono::minutes kWarningInterval{1};

}  // namespace

Poco::URI zipkinSpansUrl(const std::string& url) {
  Poco::URI parsed;
  try {
    parsed = Poco::URI(url);
  } catch (const Poco::Exception&) {
    parsed.clear();
  }
  // The URL is not repeated: it might hold a password.
  if (parsed.getScheme() != "http" || parsed.getHost().empty() || !parsed.getUserInfo().empty())
    throw std::invalid_argument("must be an http://host:port[/path] URL, without credentials");
  if (parsed.getPath().empty() || parsed.getPath() == "/") parsed.setPath("/api/v2/spans");
  return parsed;
}

ZipkinExporter::ZipkinExporter(const std::string& url, std::size_t capacity,
                               MetricFamily& exported, MetricFamily& dropped,
                               Poco::Logger& logger)
    : url_(zipkinSpansUrl(url)),
      url_text_(url_.toString()),
      capacity_(capacity),
      exported_(exported),
      dropped_(dropped),
      logger_(logger) {}

ZipkinExporter::~ZipkinExporter() { stop(); }

void ZipkinExporter::start() {
  const std::lock_guard lock(mutex_);
  if (running_) return;
  running_ = true;
  thread_ = std::thread([this] { run(); });
}

void ZipkinExporter::stop() {
  {
    const std::lock_guard lock(mutex_);
    if (!running_) return;
    running_ = false;
  }
  wake_.notify_all();
  thread_.join();
}

void ZipkinExporter::offer(SpanRecord&& span) {
  {
    const std::lock_guard lock(mutex_);
    if (queue_.size() < capacity_) {
      queue_.push_back(std::move(span));
      if (queue_.size() >= kBatchSpans) wake_.notify_one();
      return;
    }
  }
  dropped_.add({"queue_full"});
}

void ZipkinExporter::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait_for(lock, kFlushInterval,
                   [this] { return !running_ || queue_.size() >= kBatchSpans; });
    while (!queue_.empty()) {
      const std::size_t count = std::min(queue_.size(), kBatchSpans);
      std::vector<SpanRecord> batch(std::make_move_iterator(queue_.begin()),
                                    std::make_move_iterator(queue_.begin() + count));
      queue_.erase(queue_.begin(), queue_.begin() + count);
      lock.unlock();
      const bool sent = send(batch);
      lock.lock();
      if (!sent && !running_) {
        // Stopping: one failed batch says the collector is away or hanging, and waiting out a
        // timeout per batch would hold the host's shutdown past its orchestrator's patience.
        dropped_.add({"export_failed"}, static_cast<double>(queue_.size()));
        queue_.clear();
      }
      if (queue_.size() < kBatchSpans && running_) break;  // the rest waits for the interval
    }
    if (!running_) return;
  }
}

bool ZipkinExporter::send(const std::vector<SpanRecord>& batch) {
  std::string failure;
  try {
    const std::string body = zipkinJson(batch);
    // One connection, kept alive between batches (Poco reconnects one the collector closed).
    if (!session_) {
      session_ = std::make_unique<Poco::Net::HTTPClientSession>(url_.getHost(), url_.getPort());
      session_->setKeepAlive(true);
      session_->setTimeout(Poco::Timespan(kConnectTimeout.count() * 1000),
                           Poco::Timespan(kAnswerTimeout.count() * 1000),
                           Poco::Timespan(kAnswerTimeout.count() * 1000));
    }
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, url_.getPathAndQuery(),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    request.setKeepAlive(true);
    session_->sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& answer = session_->receiveResponse(response);
    std::ostringstream text;
    Poco::StreamCopier::copyStream(answer, text);
    if (!response.getKeepAlive()) session_.reset();
    if (response.getStatus() / 100 == 2) {
      exported_.add({}, static_cast<double>(batch.size()));
      return true;
    }
    failure = "answered " + std::to_string(response.getStatus()) + ": " + text.str().substr(0, 200);
  } catch (const Poco::Exception& e) {
    session_.reset();
    failure = e.displayText();
  } catch (const std::exception& e) {  // no memory for the batch: the thread must go on
    session_.reset();
    failure = e.what();
  }
  dropped_.add({"export_failed"}, static_cast<double>(batch.size()));
  const auto now = std::chrono::steady_clock::now();
  if (!last_warning_ || now - *last_warning_ >= kWarningInterval) {
    last_warning_ = now;
    log(logger_, Poco::Message::PRIO_WARNING, "",
        "Zipkin collector " + url_text_ + " " + failure + "; " + std::to_string(batch.size()) +
            " span(s) dropped (see catalog_trace_spans_dropped_total)");
  }
  return false;
}

}  // namespace catalog::host
