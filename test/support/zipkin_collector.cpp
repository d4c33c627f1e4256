#include "support/zipkin_collector.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

namespace catalog::test {

class ZipkinCollector::Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(ZipkinCollector& collector) : collector_(collector) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    std::string body;
    Poco::StreamCopier::copyToString(request.stream(), body);
    const sdk::Json spans = sdk::Json::parse(body, nullptr, false);
    auto status = Poco::Net::HTTPResponse::HTTP_ACCEPTED;
    {
      const std::lock_guard lock(collector_.mutex_);
      ++collector_.batches_;
      if (request.getMethod() != "POST" || request.getURI() != "/api/v2/spans") {
        status = Poco::Net::HTTPResponse::HTTP_NOT_FOUND;
      } else if (!spans.is_array() || request.getContentType() != "application/json") {
        status = Poco::Net::HTTPResponse::HTTP_BAD_REQUEST;
      } else if (collector_.refusing_) {
        status = Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE;
      } else {
        for (const sdk::Json& span : spans) collector_.spans_.push_back(span);
      }
    }
    response.setStatus(status);
    response.setContentLength(0);
    response.send();
  }

 private:
  ZipkinCollector& collector_;
};

class ZipkinCollector::Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(ZipkinCollector& collector) : collector_(collector) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Handler(collector_);
  }

 private:
  ZipkinCollector& collector_;
};

ZipkinCollector::ZipkinCollector() {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(*this), socket,
                                                    new Poco::Net::HTTPServerParams);
  server_->start();
}

ZipkinCollector::~ZipkinCollector() { server_->stopAll(true); }

std::string ZipkinCollector::url() const {
  return "http://127.0.0.1:" + std::to_string(server_->port());
}

std::vector<sdk::Json> ZipkinCollector::spans() const {
  const std::lock_guard lock(mutex_);
  return spans_;
}

std::vector<sdk::Json> ZipkinCollector::trace(const std::string& trace_id) const {
  std::vector<sdk::Json> found;
  for (const sdk::Json& span : spans())
    if (span.value("traceId", "") == trace_id) found.push_back(span);
  return found;
}

int ZipkinCollector::batches() const {
  const std::lock_guard lock(mutex_);
  return batches_;
}

void ZipkinCollector::refuse(bool refusing) {
  const std::lock_guard lock(mutex_);
  refusing_ = refusing;
}

}  // namespace catalog::test
