#include "storage/refresh_token_repository.hpp"

namespace catalog::identity {

void RefreshTokenRepository::insert(const StoredRefreshToken& token) {
  tx_.execute(
      "INSERT INTO refresh_tokens (token_hash, family_id, user_id, created_at, expires_at,"
      " used_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {token.token_hash, token.family_id, token.user_id, token.created_at, token.expires_at,
       token.used_at, token.revoked_at});
}

std::optional<StoredRefreshToken> RefreshTokenRepository::find(const std::string& token_hash) {
  const sdk::Rows rows = tx_.query(
      "SELECT token_hash, family_id, user_id, created_at, expires_at, used_at, revoked_at"
      " FROM refresh_tokens WHERE token_hash = ?",
      {token_hash});
  if (rows.empty()) return std::nullopt;
  const sdk::Row& row = rows[0];
  return StoredRefreshToken{row.text("token_hash"),        row.text("family_id"),
                            row.text("user_id"),           row.text("created_at"),
                            row.text("expires_at"),        row.optionalText("used_at"),
                            row.optionalText("revoked_at")};
}

bool RefreshTokenRepository::markUsed(const std::string& token_hash, const std::string& now) {
  return tx_.execute(
             "UPDATE refresh_tokens SET used_at = ?"
             " WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL",
             {now, token_hash}) == 1;
}

void RefreshTokenRepository::revokeFamily(const std::string& family_id, const std::string& now) {
  tx_.execute("UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
              {now, family_id});
}

void RefreshTokenRepository::revokeAllOf(const std::string& user_id, const std::string& now) {
  tx_.execute("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
              {now, user_id});
}

void RefreshTokenRepository::removeAllOf(const std::string& user_id) {
  tx_.execute("DELETE FROM refresh_tokens WHERE user_id = ?", {user_id});
}

void RefreshTokenRepository::removeExpired(const std::string& now) {
  tx_.execute("DELETE FROM refresh_tokens WHERE expires_at < ?", {now});
}

}  // namespace catalog::identity
