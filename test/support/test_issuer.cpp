#include "support/test_issuer.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/Crypto/RSAKey.h>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>
#include <Poco/SHA2Engine.h>
#include <Poco/Timestamp.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "catalog/sdk/json.hpp"
#include "support/files.hpp"
#include "support/temp_dir.hpp"

namespace catalog::test {
namespace {

using Poco::Crypto::RSAKey;
using sdk::Json;

std::string base64url(const std::string& bytes) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
  encoder.rdbuf()->setLineLength(0);
  encoder << bytes;
  encoder.close();
  return out.str();
}

std::string base64urlDecode(const std::string& text) {
  std::istringstream in(text);
  Poco::Base64Decoder decoder(in, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
  return std::string(std::istreambuf_iterator<char>(decoder), {});
}

std::string bytes(const std::vector<unsigned char>& data) { return {data.begin(), data.end()}; }

// RFC 7638: SHA-256 over the required members in lexicographic order, no whitespace.
std::string thumbprint(const RSAKey& key) {
  const std::string canonical = Json{{"e", base64url(bytes(key.encryptionExponent()))},
                                     {"kty", "RSA"},
                                     {"n", base64url(bytes(key.modulus()))}}
                                    .dump();
  Poco::SHA2Engine sha256(Poco::SHA2Engine::SHA_256);
  sha256.update(canonical);
  return base64url(bytes(sha256.digest()));
}

Poco::Timestamp secondsFromNow(std::chrono::seconds offset) {
  Poco::Timestamp now;
  return now + offset.count() * Poco::Timestamp::resolution();
}

Poco::JWT::Token tokenOf(const TestIssuer::Claims& claims, const std::string& kid) {
  Poco::JWT::Token token;
  token.setType("JWT");
  token.header().set("kid", kid);
  token.setSubject(claims.subject);
  token.payload().set("username", claims.username);
  token.payload().set("role", claims.role);
  token.setIssuer(claims.issuer);
  token.setAudience(claims.audience);
  const Poco::Timestamp issued = secondsFromNow(-claims.issued_ago);
  token.setIssuedAt(issued);
  token.setExpiration(issued + claims.lifetime.count() * Poco::Timestamp::resolution());
  if (claims.not_before_in.count() != 0) token.setNotBefore(secondsFromNow(claims.not_before_in));
  return token;
}

std::string sign(Poco::JWT::Token token, const std::string& private_key_file) {
  Poco::JWT::Signer signer(Poco::SharedPtr<RSAKey>(new RSAKey("", private_key_file)));
  return signer.sign(token, Poco::JWT::Signer::ALGO_RS256);
}

void writeKeyPair(const std::string& public_file, const std::string& private_file) {
  RSAKey key(RSAKey::KL_2048, RSAKey::EXP_LARGE);
  key.save(public_file, private_file);
  ::chmod(private_file.c_str(), 0600);
}

}  // namespace

const TestIssuer& TestIssuer::instance() {
  static const TestIssuer issuer;
  return issuer;
}

TestIssuer::TestIssuer() {
  static TempDir dir;
  directory_ = dir.path();
  public_key_file_ = dir.file("issuer-public.pem");
  private_key_file_ = dir.file("issuer-private.pem");
  stranger_key_file_ = dir.file("stranger-private.pem");
  writeKeyPair(public_key_file_, private_key_file_);
  writeKeyPair(dir.file("stranger-public.pem"), stranger_key_file_);
  kid_ = thumbprint(RSAKey(public_key_file_));
}

std::string TestIssuer::token(const Claims& claims) const {
  return sign(tokenOf(claims, kid_), private_key_file_);
}

std::string TestIssuer::token(const std::string& role) const {
  Claims claims;
  claims.role = role;
  claims.username = role == "ADMIN" ? "test-admin" : "test-user";
  return token(claims);
}

std::map<std::string, std::string> TestIssuer::bearer(const std::string& role) const {
  return {{"Authorization", "Bearer " + token(role)}};
}

std::string TestIssuer::tokenSignedByStranger(const Claims& claims) const {
  return sign(tokenOf(claims, kid_), stranger_key_file_);
}

std::string TestIssuer::unsignedToken(const Claims& claims) const {
  const std::string valid = token(claims);
  const std::string payload =
      valid.substr(valid.find('.') + 1, valid.rfind('.') - valid.find('.') - 1);
  return base64url(R"({"alg":"none","typ":"JWT","kid":")" + kid_ + R"("})") + "." + payload + ".";
}

std::string TestIssuer::hs256WithPublicKey(const Claims& claims) const {
  Poco::JWT::Token token = tokenOf(claims, kid_);
  Poco::JWT::Signer signer(readFile(public_key_file_));
  return signer.sign(token, Poco::JWT::Signer::ALGO_HS256);
}

std::string TestIssuer::tampered(const Claims& claims) const {
  Claims weaker = claims;
  weaker.role = "USER";
  const std::string valid = token(weaker);
  const std::size_t first = valid.find('.');
  const std::size_t last = valid.rfind('.');
  Json payload = Json::parse(base64urlDecode(valid.substr(first + 1, last - first - 1)));
  payload["role"] = "ADMIN";
  return valid.substr(0, first) + "." + base64url(payload.dump()) + valid.substr(last);
}

std::string TestIssuer::jwks() const {
  const RSAKey key(public_key_file_);
  return Json{{"keys",
               {{{"kty", "RSA"},
                 {"use", "sig"},
                 {"alg", "RS256"},
                 {"kid", kid_},
                 {"n", base64url(bytes(key.modulus()))},
                 {"e", base64url(bytes(key.encryptionExponent()))}}}}}
      .dump();
}

std::string TestIssuer::tokenWithUnknownKid(const Claims& claims) const {
  return sign(tokenOf(claims, "unknown-" + kid_), private_key_file_);
}

std::map<std::string, std::string> TestIssuer::hostEnv() const {
  return {{"CATALOG_SECURITY_PUBLIC_KEY_FILE", public_key_file_}};
}

std::map<std::string, std::string> TestIssuer::identityEnv() const {
  return {{"CATALOG_IDENTITY_SIGNINGKEYFILE", private_key_file_}};
}

}  // namespace catalog::test
