#include "security/token_verifier.hpp"

#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>

#include <ctime>

#include "catalog/sdk/json.hpp"
#include "security/base64url.hpp"

namespace catalog::host {
namespace {

using sdk::Json;

// Far above any token identity issues; bounds the work a hostile header can cause.
constexpr std::size_t kMaxTokenBytes = 8192;

Json decodePart(std::string_view part, const char* what) {
  const std::optional<std::string> text = decodeBase64Url(part);
  Json json = text ? Json::parse(*text, nullptr, false) : Json();
  if (json.is_discarded() || !json.is_object())
    throw TokenRejected(std::string("malformed token ") + what);
  return json;
}

std::int64_t numericDate(const Json& claims, const char* name, bool required) {
  const auto it = claims.find(name);
  if (it == claims.end()) {
    if (required) throw TokenRejected(std::string("token has no ") + name + " claim");
    return 0;
  }
  if (!it->is_number()) throw TokenRejected(std::string("token ") + name + " is not a number");
  return it->is_number_integer() ? it->get<std::int64_t>()
                                 : static_cast<std::int64_t>(it->get<double>());
}

std::string stringClaim(const Json& claims, const char* name) {
  const auto it = claims.find(name);
  if (it == claims.end() || !it->is_string() || it->get<std::string>().empty())
    throw TokenRejected(std::string("token has no ") + name + " claim");
  return it->get<std::string>();
}

bool hasAudience(const Json& claims, const std::string& audience) {
  const auto it = claims.find("aud");
  if (it == claims.end()) return false;
  if (it->is_string()) return it->get<std::string>() == audience;
  if (!it->is_array()) return false;
  for (const Json& entry : *it) {
    if (entry.is_string() && entry.get<std::string>() == audience) return true;
  }
  return false;
}

}  // namespace

TokenVerifier::TokenVerifier(KeyRing& keys, Expectations expectations)
    : keys_(keys), expect_(std::move(expectations)) {}

VerifiedToken TokenVerifier::verify(std::string_view token) const {
  if (token.size() > kMaxTokenBytes) throw TokenRejected("token too long");
  const std::size_t first = token.find('.');
  const std::size_t last = token.rfind('.');
  if (first == std::string_view::npos || first == last || token.find('.', first + 1) != last)
    throw TokenRejected("malformed token");
  const Json header = decodePart(token.substr(0, first), "header");
  if (header.value("alg", Json()) != "RS256") throw TokenRejected("token algorithm is not RS256");
  if (header.contains("crit")) throw TokenRejected("token has critical header extensions");
  if (last + 1 == token.size()) throw TokenRejected("token is not signed");
  const Json kid = header.value("kid", Json(""));
  if (!kid.is_string()) throw TokenRejected("malformed token kid");

  // The key is looked up even for a token verified before: the lookup is what notices an old
  // key set and fetches a new one, which then makes earlier verifications count no more.
  const KeyRing::Found key = keys_.find(kid.get<std::string>());
  if (!key.key) throw TokenRejected("token signed with an unknown key");
  const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
  const std::int64_t skew = expect_.clock_skew.count();
  if (auto cached = verified_.find(token, key.generation, now - skew)) return *cached;

  Poco::JWT::Signer signer(key.key->key);
  signer.setAlgorithms({Poco::JWT::Signer::ALGO_RS256});
  Poco::JWT::Token verified;
  try {
    if (!signer.tryVerify(std::string(token), verified))
      throw TokenRejected("token signature is invalid");
  } catch (const Poco::Exception&) {
    throw TokenRejected("token signature is invalid");
  }

  const Json claims = decodePart(token.substr(first + 1, last - first - 1), "payload");
  const std::int64_t expires = numericDate(claims, "exp", true);
  if (expires <= now - skew) throw TokenRejected("token has expired");
  if (numericDate(claims, "nbf", false) > now + skew) throw TokenRejected("token is not valid yet");
  if (numericDate(claims, "iat", false) > now + skew)
    throw TokenRejected("token is issued in the future");
  if (claims.value("iss", Json()) != expect_.issuer) throw TokenRejected("token issuer is wrong");
  if (!hasAudience(claims, expect_.audience)) throw TokenRejected("token audience is wrong");

  const auto username = claims.find("username");
  VerifiedToken result{stringClaim(claims, "sub"),
                       username != claims.end() && username->is_string()
                           ? username->get<std::string>()
                           : std::string(),
                       stringClaim(claims, "role")};
  if (result.role != "ADMIN" && result.role != "USER") throw TokenRejected("token role is unknown");
  verified_.add(token, result, expires, key.generation, now - skew);
  return result;
}

}  // namespace catalog::host
