#include "support/http_client.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <sstream>

namespace catalog::test {

HttpResult httpRequest(int port, const std::string& method, const std::string& path,
                       const std::string& body, const std::map<std::string, std::string>& headers) {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  session.setTimeout(Poco::Timespan(10, 0));
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : headers) request.set(name, value);
  if (!body.empty() && !request.has("Content-Type")) request.setContentType("application/json");
  request.setContentLength(static_cast<std::streamsize>(body.size()));
  session.sendRequest(request) << body;

  Poco::Net::HTTPResponse response;
  std::istream& stream = session.receiveResponse(response);
  HttpResult result;
  result.status = static_cast<int>(response.getStatus());
  for (const auto& [name, value] : response) result.headers[Poco::toLower(name)] = value;
  std::ostringstream text;
  Poco::StreamCopier::copyStream(stream, text);
  result.text = text.str();
  result.json = sdk::Json::parse(result.text, nullptr, false);
  if (result.json.is_discarded()) result.json = sdk::Json();
  return result;
}

}  // namespace catalog::test
