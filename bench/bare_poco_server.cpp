// bare-poco-server: the fastest Poco endpoint catalogd could be. A Poco::Net::HTTPServer with
// catalogd's server parameters (host/catalog_host.cpp) whose one handler drains the body and
// answers a fixed characteristic-sized JSON document. bench/run measures it beside catalogd, so
// the ratio between the two is the cost of the host, the plugin and the database, not of Poco.
//
// Usage: bare-poco-server [--port=N]   (default 8080; 127.0.0.1 only; stops on SIGINT/SIGTERM)

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/NumberParser.h>
#include <Poco/StreamCopier.h>
#include <Poco/ThreadPool.h>

#include <csignal>
#include <iostream>
#include <istream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

// The same server parameters as CatalogHost::start() with the default catalog.http.threads.
constexpr int kMinThreads = 2;
constexpr int kMaxThreads = 64;
constexpr int kMaxQueued = 1024;
constexpr int kListenBacklog = 256;
constexpr int kKeepAliveSeconds = 10;
constexpr int kDefaultPort = 8080;

// A characteristic as GET /api/v1/characteristics/{id} returns it (about 190 bytes).
constexpr std::string_view kCharacteristic =
    R"({"created_at":"2024-05-01T12:00:00.000Z","id":"0b6f7c1e-5d7a-4a8e-9c1e-2f3b4a5c6d7e",)"
    R"("name":"Bench 1 1","unit_of_measure":"Mbps","updated_at":"2024-05-01T12:00:00.000Z",)"
    R"("value":"100","version":1})";

class FixedJsonHandler : public Poco::Net::HTTPRequestHandler {
 public:
  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    // Read the body as catalogd does, so a POST leaves the connection reusable.
    Poco::StreamCopier::copyToString(request.stream(), body_);
    const bool is_post = request.getMethod() == Poco::Net::HTTPRequest::HTTP_POST;
    response.setStatusAndReason(is_post ? HTTPResponse::HTTP_CREATED : HTTPResponse::HTTP_OK);
    response.setContentType("application/json");
    response.setContentLength(static_cast<std::streamsize>(kCharacteristic.size()));
    response.sendBuffer(kCharacteristic.data(), kCharacteristic.size());
  }

 private:
  std::string body_;
};

class FixedJsonHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
    return new FixedJsonHandler;
  }
};

int portOf(int argc, char** argv) {
  constexpr std::string_view kPortOption = "--port=";
  int port = kDefaultPort;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.substr(0, kPortOption.size()) != kPortOption ||
        !Poco::NumberParser::tryParse(std::string(arg.substr(kPortOption.size())), port) ||
        port < 1 || port > 65535) {
      throw std::invalid_argument("usage: bare-poco-server [--port=N], not '" + std::string(arg) +
                                  "'");
    }
  }
  return port;
}

// Blocks SIGINT and SIGTERM in this thread before any other starts, so every thread inherits the
// mask and the signal is only ever taken by waitForTermination().
sigset_t blockTerminationSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

void waitForTermination(const sigset_t& signals) {
  int signal = 0;
  sigwait(&signals, &signal);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const int port = portOf(argc, argv);
    const sigset_t signals = blockTerminationSignals();

    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(kMaxThreads);
    params->setMaxQueued(kMaxQueued);
    params->setKeepAlive(true);
    params->setMaxKeepAliveRequests(0);
    params->setKeepAliveTimeout(Poco::Timespan(kKeepAliveSeconds, 0));
    params->setServerName("bare-poco-server");
    Poco::Net::ServerSocket socket;
    socket.bind(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)), true);
    socket.listen(kListenBacklog);
    Poco::ThreadPool threads(kMinThreads, kMaxThreads);
    Poco::Net::HTTPServer server(new FixedJsonHandlerFactory, threads, socket, params);
    server.start();
    std::cout << "bare-poco-server listening on 127.0.0.1:" << port << std::endl;

    waitForTermination(signals);
    server.stopAll(false);
    threads.joinAll();
    return 0;
  } catch (const Poco::Exception& e) {
    std::cerr << "bare-poco-server: " << e.displayText() << std::endl;
  } catch (const std::exception& e) {
    std::cerr << "bare-poco-server: " << e.what() << std::endl;
  }
  return 1;
}
