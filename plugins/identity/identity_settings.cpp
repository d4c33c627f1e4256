#include "identity_settings.hpp"

#include <stdexcept>

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/settings.hpp"
#include "domain/password_policy.hpp"

namespace catalog::identity {
namespace {

int readInt(const IdentitySettings::Lookup& lookup, const char* key, int fallback, int min,
            int max) {
  return sdk::settingInt(lookup(key), std::string("identity.") + key, fallback, min, max);
}

std::string readName(const IdentitySettings::Lookup& lookup, const char* key,
                     const std::string& fallback) {
  return sdk::settingText(lookup(key), std::string("identity.") + key, fallback);
}

// "name:ROLE:password"; the password is everything after the second ':'.
SeedUser parseSeedUser(const std::string& entry, std::size_t position) {
  const std::string where = "identity.seedUsers entry " + std::to_string(position);
  const std::size_t first = entry.find(':');
  const std::size_t second = first == std::string::npos ? first : entry.find(':', first + 1);
  if (second == std::string::npos) {
    throw std::invalid_argument(where + " must be username:ROLE:password");
  }
  SeedUser user{entry.substr(0, first), Role::User, entry.substr(second + 1)};
  try {
    requireValidUsername(user.username);
    user.role = requireRole(entry.substr(first + 1, second - first - 1));
    requireAcceptablePassword(user.password);
  } catch (const sdk::ValidationError& e) {
    throw std::invalid_argument(where + ": " + e.what());
  }
  return user;
}

std::vector<SeedUser> readSeedUsers(const IdentitySettings::Lookup& lookup) {
  std::vector<SeedUser> users;
  for (const std::string& entry : sdk::settingList(lookup("seedUsers")))
    users.push_back(parseSeedUser(entry, users.size() + 1));
  return users;
}

}  // namespace

IdentitySettings IdentitySettings::read(const Lookup& lookup) {
  IdentitySettings s;
  s.access_token_lifetime =
      std::chrono::seconds(readInt(lookup, "accessTokenSeconds", 3600, 60, 86400));
  s.refresh_token_lifetime =
      std::chrono::seconds(readInt(lookup, "refreshTokenSeconds", 7 * 24 * 3600, 60, 31536000));
  s.issuer = readName(lookup, "issuer", s.issuer);
  s.audience = readName(lookup, "audience", s.audience);
  if (auto pem = lookup("signingKey"); pem && !sdk::trimmed(*pem).empty()) s.signing_key_pem = *pem;
  if (auto file = lookup("signingKeyFile"); file && !sdk::trimmed(*file).empty()) {
    s.signing_key_file = sdk::trimmed(*file);
  }
  if (s.signing_key_pem && s.signing_key_file) {
    throw std::invalid_argument(
        "identity.signingKey and identity.signingKeyFile are both set; configure one key");
  }
  s.login.max_failures_per_user = readInt(lookup, "login.maxFailuresPerUser", 5, 1, 1000000);
  s.login.max_failures_per_address = readInt(lookup, "login.maxFailuresPerAddress", 20, 1, 1000000);
  s.login.window = std::chrono::seconds(readInt(lookup, "login.windowSeconds", 300, 1, 86400));
  s.seed_users = readSeedUsers(lookup);
  return s;
}

}  // namespace catalog::identity
