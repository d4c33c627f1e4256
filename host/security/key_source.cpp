#include "security/key_source.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "catalog/sdk/host.hpp"
#include "catalog/sdk/ids.hpp"
#include "config/settings.hpp"
#include "http/service_dispatcher.hpp"

namespace catalog::host {
namespace {

constexpr const char* kJwksPath = "/.well-known/jwks.json";

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string httpGet(const std::string& url) {
  const Poco::URI uri(url);
  Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
  session.setTimeout(Poco::Timespan(2, 0), Poco::Timespan(4, 0), Poco::Timespan(4, 0));
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, uri.getPathAndQuery(),
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::istream& body = session.receiveResponse(response);
  std::ostringstream text;
  Poco::StreamCopier::copyStream(body, text);
  if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK)
    throw std::runtime_error("HTTP " + std::to_string(response.getStatus()));
  return text.str();
}

std::string fromIdentity(ServiceDispatcher& services) {
  catalog_request request{};
  request.struct_size = sizeof(request);
  request.method = sdk::toAbi("GET");
  request.path = sdk::toAbi(kJwksPath);
  const std::string correlation_id = sdk::newUuid();
  request.correlation_id = sdk::toAbi(correlation_id);
  const auto response = services.call("identity", request);
  if (response->status != 200)
    throw std::runtime_error("identity answered " + std::to_string(response->status));
  return response->body;
}

}  // namespace

KeySource chooseKeySource(const SecuritySettings& settings, ServiceDispatcher& services) {
  if (!settings.public_key_file.empty()) {
    const std::string path = settings.public_key_file;
    return {"public key file " + path, [path] { return readFile(path); }, KeySource::Kind::File};
  }
  if (!settings.jwks_file.empty()) {
    const std::string path = settings.jwks_file;
    return {"JWKS file " + path, [path] { return readFile(path); }, KeySource::Kind::File};
  }
  if (!settings.jwks_url.empty()) {
    const std::string url = settings.jwks_url;
    return {"JWKS URL " + url, [url] { return httpGet(url); }, KeySource::Kind::Url};
  }
  return {std::string("the identity context's ") + kJwksPath,
          [&services] { return fromIdentity(services); }, KeySource::Kind::Identity};
}

}  // namespace catalog::host
