#include "tokens/token_grants.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "catalog/sdk/ids.hpp"
#include "catalog/sdk/transaction.hpp"
#include "crypto/base64url.hpp"
#include "crypto/bcrypt.hpp"
#include "crypto/random_bytes.hpp"
#include "crypto/sha256.hpp"
#include "storage/refresh_token_repository.hpp"
#include "storage/user_repository.hpp"

namespace catalog::identity {
namespace {

using sdk::Transaction;

// One message for an unknown user and a wrong password, so a client can't tell them apart.
constexpr const char* kBadCredentials = "Invalid username or password";
constexpr const char* kBadRefreshToken = "Invalid or expired refresh token";
constexpr std::size_t kRefreshTokenBytes = 32;
// Longer than any valid username: keeps an attacker's megabyte usernames out of the throttle.
constexpr std::size_t kThrottleKeyLength = 65;

std::string throttleKey(const std::string& username) {
  std::string key = username.substr(0, kThrottleKeyLength);
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return key;
}

std::string hashOf(const std::string& refresh_token) { return base64url(sha256(refresh_token)); }

// A new refresh token of `family_id`, stored by its hash only; returns the token.
std::string addRefreshToken(RefreshTokenRepository& tokens, const std::string& user_id,
                            const std::string& family_id, std::chrono::seconds lifetime) {
  std::string token = base64url(randomBytes(kRefreshTokenBytes));
  tokens.insert({hashOf(token), family_id, user_id, sdk::utcNow(),
                 sdk::utcAfter(std::chrono::duration_cast<std::chrono::milliseconds>(lifetime)),
                 std::nullopt, std::nullopt});
  return token;
}

std::optional<User> findUser(const std::string& username, const std::string& correlation_id) {
  Transaction tx(Transaction::Mode::ReadOnly, correlation_id);
  return UserRepository(tx).findByUsername(username);
}

}  // namespace

LoginThrottled::LoginThrottled(std::chrono::seconds retry_after)
    : sdk::Error(429, "TOO_MANY_REQUESTS",
                 "Too many failed logins; try again in " + std::to_string(retry_after.count()) +
                     " seconds",
                 {{"retry_after_seconds", retry_after.count()}}),
      retry_after_(retry_after) {}

TokenPair TokenGrants::passwordGrant(const std::string& username, const std::string& password,
                                     const sdk::Request& request) {
  const std::string key = throttleKey(username);
  const std::string& address = request.clientAddress();
  if (const auto wait = throttle_.retryAfter(key, address, LoginThrottle::Clock::now())) {
    request.log().warning("login refused: too many failed logins for this username or from " +
                          address);
    login_failures_.add({"throttled"});
    throw LoginThrottled(*wait);
  }

  // bcrypt runs outside any transaction: a quarter second must not hold the database.
  const std::optional<User> user = findUser(username, request.correlationId());
  const bool valid =
      user ? verifyPassword(password, user->password_hash) : (verifyAgainstDummy(password), false);
  if (!valid) {
    throttle_.recordFailure(key, address, LoginThrottle::Clock::now());
    login_failures_.add({"invalid_credentials"});
    request.log().info("failed login from " + address);
    throw sdk::UnauthorizedError(kBadCredentials);
  }
  throttle_.recordSuccess(key);

  Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
  RefreshTokenRepository tokens(tx);
  tokens.removeExpired(sdk::utcNow());
  std::string refresh_token =
      addRefreshToken(tokens, user->id, sdk::newUuid(), refresh_token_lifetime_);
  tx.commit();
  request.log().info("user " + user->id + " logged in");
  return {issuer_.issue(*user), std::move(refresh_token), issuer_.lifetime()};
}

TokenPair TokenGrants::refreshGrant(const std::string& refresh_token, const sdk::Request& request) {
  const std::string token_hash = hashOf(refresh_token);
  const std::string now = sdk::utcNow();
  Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
  RefreshTokenRepository tokens(tx);
  const std::optional<StoredRefreshToken> stored = tokens.find(token_hash);
  if (!stored || stored->revoked_at || stored->expires_at <= now) {
    throw sdk::UnauthorizedError(kBadRefreshToken);
  }
  if (stored->used_at || !tokens.markUsed(token_hash, now)) {
    tokens.revokeFamily(stored->family_id, now);
    tx.commit();
    request.log().warning("a used refresh token of user " + stored->user_id +
                          " was presented again; revoked its family " + stored->family_id);
    throw sdk::UnauthorizedError(kBadRefreshToken);
  }
  // Read again: the role may have changed, the user may be gone.
  const std::optional<User> user = UserRepository(tx).find(stored->user_id);
  if (!user) {
    tokens.revokeFamily(stored->family_id, now);
    tx.commit();
    throw sdk::UnauthorizedError(kBadRefreshToken);
  }
  std::string successor =
      addRefreshToken(tokens, user->id, stored->family_id, refresh_token_lifetime_);
  tx.commit();
  return {issuer_.issue(*user), std::move(successor), issuer_.lifetime()};
}

}  // namespace catalog::identity
