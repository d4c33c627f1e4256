#include "support/http_client.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StreamSocket.h>
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

std::string rawHttpExchange(int port, const std::string& bytes, std::chrono::milliseconds quiet) {
  Poco::Net::StreamSocket socket(
      Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
  socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
  socket.setReceiveTimeout(
      Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(quiet.count()) * 1000));
  std::string answer;
  char buffer[4096];
  try {
    for (int n; (n = socket.receiveBytes(buffer, sizeof(buffer))) > 0;) {
      answer.append(buffer, static_cast<std::size_t>(n));
    }
  } catch (const Poco::TimeoutException&) {
    // silent for `quiet`: all that was coming has come
  }
  return answer;
}

}  // namespace catalog::test
