#include "identity_client.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/Crypto/RSAKey.h>
#include <Poco/JWT/Signer.h>
#include <Poco/URI.h>
#include <cppunit/extensions/HelperMacros.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <vector>

namespace catalog::test {
namespace {

std::string fromBase64url(const std::string& text) {
  std::istringstream in(text);
  Poco::Base64Decoder decoder(in, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
  return std::string(std::istreambuf_iterator<char>(decoder), {});
}

std::string formEncode(const std::string& text) {
  std::string encoded;
  Poco::URI::encode(text, "!#$&'()*+,/:;=?@[]", encoded);
  return encoded;
}

}  // namespace

HttpResult login(int port, const std::string& username, const std::string& password) {
  return httpRequest(port, "POST", "/api/v1/auth/login",
                     sdk::Json{{"username", username}, {"password", password}}.dump());
}

HttpResult postForm(int port, const std::string& path,
                    const std::map<std::string, std::string>& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    body += (body.empty() ? "" : "&") + formEncode(name) + "=" + formEncode(value);
  }
  return httpRequest(port, "POST", path, body,
                     {{"Content-Type", "application/x-www-form-urlencoded"}});
}

HttpResult refresh(int port, const std::string& refresh_token) {
  return httpRequest(port, "POST", "/api/v1/auth/refresh",
                     sdk::Json{{"refresh_token", refresh_token}}.dump());
}

std::string accessTokenOf(const HttpResult& login_result) {
  CPPUNIT_ASSERT_EQUAL_MESSAGE(login_result.text, 200, login_result.status);
  return login_result.json.value("access_token", "");
}

std::map<std::string, std::string> bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

DecodedJwt decodeJwt(const std::string& token) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t dot; (dot = token.find('.', start)) != std::string::npos; start = dot + 1) {
    parts.push_back(token.substr(start, dot - start));
  }
  parts.push_back(token.substr(start));
  DecodedJwt jwt;
  jwt.parts = static_cast<int>(parts.size());
  jwt.header = sdk::Json::parse(fromBase64url(parts[0]), nullptr, false);
  if (parts.size() > 1) jwt.payload = sdk::Json::parse(fromBase64url(parts[1]), nullptr, false);
  return jwt;
}

bool verifiesWith(const std::string& token, const std::string& pem) {
  std::istringstream public_key(pem);
  Poco::SharedPtr<Poco::Crypto::RSAKey> key(new Poco::Crypto::RSAKey(&public_key));
  Poco::JWT::Signer signer(key);
  signer.setAlgorithms({Poco::JWT::Signer::ALGO_RS256});
  Poco::JWT::Token verified;
  return signer.tryVerify(token, verified);
}

std::string fileContent(const std::string& path) {
  std::ifstream in(path);
  CPPUNIT_ASSERT_MESSAGE("cannot read " + path, in.good());
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

mode_t fileMode(const std::string& path) {
  struct stat info {};
  CPPUNIT_ASSERT_MESSAGE("cannot stat " + path, ::stat(path.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

bool fileExists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

}  // namespace catalog::test
