#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "catalog/sdk/transaction.hpp"

namespace catalog::identity {

/// A refresh token as stored: its hash, never the token.
struct StoredRefreshToken {
  std::string token_hash;
  std::string family_id;
  std::string user_id;
  std::string created_at;
  std::string expires_at;
  std::optional<std::string> used_at;
  std::optional<std::string> revoked_at;
};

/// The refresh_tokens table, within a caller's transaction.
class RefreshTokenRepository {
 public:
  explicit RefreshTokenRepository(sdk::Transaction& tx) : tx_(tx) {}

  void insert(const StoredRefreshToken& token);
  std::optional<StoredRefreshToken> find(const std::string& token_hash);
  /// Marks the token used unless it already is or is revoked; false then. The condition is in
  /// the statement, so of two concurrent redemptions only one succeeds.
  bool markUsed(const std::string& token_hash, const std::string& now);
  /// Revokes every token of the family that isn't yet.
  void revokeFamily(const std::string& family_id, const std::string& now);
  /// Revokes every token of the user that isn't yet.
  void revokeAllOf(const std::string& user_id, const std::string& now);
  /// Forgets the user's tokens (the user is being deleted).
  void removeAllOf(const std::string& user_id);
  /// Forgets tokens that expired before `now`: they can't be redeemed, so a reuse can no longer
  /// do harm.
  void removeExpired(const std::string& now);

 private:
  sdk::Transaction& tx_;
};

}  // namespace catalog::identity
