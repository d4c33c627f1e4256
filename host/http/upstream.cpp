#include "http/upstream.hpp"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <random>
#include <sstream>
#include <thread>

#include "catalog/sdk/host.hpp"
#include "catalog/sdk/services.hpp"
#include "observability/tracing/http_client_span.hpp"

namespace catalog::host {
namespace {

// Idle connections kept per instance; more concurrent calls open more, closed after use.
constexpr std::size_t kMaxIdlePerInstance = 32;
// Below the 10 s catalogd keeps an idle connection open, so a pooled connection is not reused
// just as the server closes it (Poco reconnects a session idle for longer).
constexpr std::chrono::seconds kClientKeepAlive{5};

// Equal jitter: half the doubled delay, plus up to the other half at random, so that clients
// that failed together don't retry together.
std::chrono::milliseconds backoffBefore(int attempt, std::chrono::milliseconds first) {
  thread_local std::mt19937 random{std::random_device{}()};
  const auto full = first * (1LL << (attempt - 2));
  std::uniform_int_distribution<long long> half(0, full.count() / 2);
  return std::chrono::milliseconds(full.count() / 2 + half(random));
}

}  // namespace

bool isIdempotent(const std::string& method) noexcept {
  return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" ||
         method == "OPTIONS";
}

Upstream::Upstream(std::string service, const std::vector<std::string>& instances,
                   const UpstreamPolicy& policy)
    : service_(std::move(service)), policy_(policy) {
  for (const std::string& url : instances) {
    auto instance = std::make_unique<Instance>();
    instance->base = Poco::URI(url);
    instances_.push_back(std::move(instance));
  }
}

std::unique_ptr<catalog_response> Upstream::send(const catalog_request& request) {
  const std::string method = sdk::fromAbi(request.method);
  const int attempts = isIdempotent(method) ? policy_.attempts : 1;
  std::unique_ptr<catalog_response> answer;
  std::string failure;
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    if (attempt > 1) std::this_thread::sleep_for(backoffBefore(attempt, policy_.backoff));
    Instance& instance = pick();
    try {
      answer = exchange(instance, request);
      if (answer->status < 500) return answer;
      failure.clear();
    } catch (const Poco::Exception& e) {
      rest(instance);
      failure = instance.base.toString() + ": " + e.displayText();
    }
  }
  if (answer && failure.empty()) return answer;  // the last 5xx, passed on as it came
  throw ServiceUnavailable(service_ + " at " + failure);
}

// Round-robin over the instances not resting after a failure; all of them when all are.
Upstream::Instance& Upstream::pick() {
  const auto now = Clock::now();
  const std::size_t count = instances_.size();
  const std::size_t start = next_++;
  for (std::size_t i = 0; i < count; ++i) {
    Instance& candidate = *instances_[(start + i) % count];
    const std::lock_guard<std::mutex> lock(candidate.mutex);
    if (candidate.resting_until <= now) return candidate;
  }
  return *instances_[start % count];
}

Upstream::Session Upstream::takeSession(Instance& instance) {
  while (true) {
    Session session;
    {
      const std::lock_guard<std::mutex> lock(instance.mutex);
      if (instance.idle.empty()) break;
      session = std::move(instance.idle.back());
      instance.idle.pop_back();
    }
    // An idle connection has nothing to read unless its peer closed it (a restart, its idle
    // timeout): then a request sent on it would be lost, and a POST is not retried.
    if (!session->socket().poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ)) return session;
  }
  auto session = std::make_unique<Poco::Net::HTTPClientSession>(instance.base.getHost(),
                                                                instance.base.getPort());
  session->setKeepAlive(true);
  session->setKeepAliveTimeout(Poco::Timespan(kClientKeepAlive.count(), 0));
  const auto micros = [](std::chrono::milliseconds ms) {
    return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(ms.count()) * 1000);
  };
  session->setTimeout(micros(policy_.connect_timeout), micros(policy_.read_timeout),
                      micros(policy_.read_timeout));
  return session;
}

void Upstream::giveBack(Instance& instance, Session session) {
  const std::lock_guard<std::mutex> lock(instance.mutex);
  if (instance.idle.size() < kMaxIdlePerInstance) instance.idle.push_back(std::move(session));
}

void Upstream::rest(Instance& instance) {
  const std::lock_guard<std::mutex> lock(instance.mutex);
  instance.resting_until = Clock::now() + policy_.instance_rest;
  instance.idle.clear();  // their peer is likely gone too
}

std::unique_ptr<catalog_response> Upstream::exchange(Instance& instance,
                                                     const catalog_request& request) {
  Poco::URI uri(instance.base);
  uri.setPath(uri.getPath() + sdk::fromAbi(request.path));
  for (std::size_t i = 0; i < request.query_count; ++i)
    uri.addQueryParameter(sdk::fromAbi(request.query[i].name),
                          sdk::fromAbi(request.query[i].value));
  Poco::Net::HTTPRequest http(sdk::fromAbi(request.method), uri.getPathAndQuery(),
                              Poco::Net::HTTPMessage::HTTP_1_1);
  for (std::size_t i = 0; i < request.header_count; ++i) {
    const std::string name = sdk::fromAbi(request.headers[i].name);
    if (!sdk::isHopByHopHeader(name) && !isTraceHeader(name))
      http.add(name, sdk::fromAbi(request.headers[i].value));
  }
  Span span = httpClientSpan(http, service_);
  span.tag("peer.address", instance.base.getHost() + ":" + std::to_string(instance.base.getPort()));
  http.set("X-Correlation-ID", sdk::fromAbi(request.correlation_id));
  if (request.principal.token.size > 0)
    http.set("Authorization", "Bearer " + sdk::fromAbi(request.principal.token));
  http.setContentLength(static_cast<std::streamsize>(request.body.size));

  Session session = takeSession(instance);
  session->sendRequest(http).write(request.body.data,
                                   static_cast<std::streamsize>(request.body.size));
  Poco::Net::HTTPResponse http_response;
  std::istream& body = session->receiveResponse(http_response);
  auto response = std::make_unique<catalog_response>();
  response->status = static_cast<int>(http_response.getStatus());
  for (const auto& [name, value] : http_response)
    if (!sdk::isHopByHopHeader(name)) response->headers.emplace_back(name, value);
  std::ostringstream text;
  Poco::StreamCopier::copyStream(body, text);
  response->body = text.str();
  if (http_response.getKeepAlive()) giveBack(instance, std::move(session));
  answeredWith(span, response->status);
  return response;
}

}  // namespace catalog::host
