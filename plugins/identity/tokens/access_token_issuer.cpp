#include "tokens/access_token_issuer.hpp"

#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>

#include <stdexcept>

#include "catalog/sdk/ids.hpp"

namespace catalog::identity {

void AccessTokenIssuer::use(std::shared_ptr<const RsaKeyPair> key) {
  std::lock_guard<std::mutex> lock(mutex_);
  key_ = std::move(key);
}

std::shared_ptr<const RsaKeyPair> AccessTokenIssuer::currentKey() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return key_;
}

std::string AccessTokenIssuer::issue(const User& user) const {
  // A copy of the pointer: a rotation meanwhile doesn't pull the key from under this signature.
  const std::shared_ptr<const RsaKeyPair> key = currentKey();
  if (!key) throw std::logic_error("no signing key in use yet");

  // Whole seconds: Poco's Token::setIssuedAt would write fractional NumericDates, which some
  // verifiers refuse.
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  Poco::JWT::Token token;
  token.setType("JWT");
  token.header().set("kid", key->kid());
  token.setSubject(user.id);
  token.payload().set("username", user.username);
  token.payload().set("role", toString(user.role));
  token.payload().set(Poco::JWT::Token::CLAIM_ISSUED_AT, static_cast<Poco::Int64>(now));
  token.payload().set(Poco::JWT::Token::CLAIM_EXPIRATION,
                      static_cast<Poco::Int64>(now + options_.lifetime.count()));
  token.setIssuer(options_.issuer);
  token.setAudience(options_.audience);
  token.setId(sdk::newUuid());
  return Poco::JWT::Signer(key->signingKey()).sign(token, Poco::JWT::Signer::ALGO_RS256);
}

}  // namespace catalog::identity
