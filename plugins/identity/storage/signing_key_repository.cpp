#include "storage/signing_key_repository.hpp"

namespace catalog::identity {

void SigningKeyRepository::makeCurrent(const std::string& kid, const std::string& public_key_pem,
                                       const std::string& now) {
  if (tx_.execute("UPDATE signing_keys SET retired_at = NULL WHERE kid = ?", {kid}) == 1) return;
  tx_.execute(
      "INSERT INTO signing_keys (kid, public_key_pem, created_at, retired_at)"
      " VALUES (?, ?, ?, NULL)",
      {kid, public_key_pem, now});
}

void SigningKeyRepository::retireAllBut(const std::string& kid, const std::string& now) {
  tx_.execute("UPDATE signing_keys SET retired_at = ? WHERE kid <> ? AND retired_at IS NULL",
              {now, kid});
}

std::vector<PublishedKey> SigningKeyRepository::publishedSince(const std::string& retired_after) {
  const sdk::Rows rows = tx_.query(
      "SELECT kid, public_key_pem FROM signing_keys WHERE retired_at IS NULL OR retired_at > ?"
      " ORDER BY CASE WHEN retired_at IS NULL THEN 0 ELSE 1 END, retired_at DESC, kid",
      {retired_after});
  std::vector<PublishedKey> keys;
  keys.reserve(rows.size());
  for (const sdk::Row& row : rows) keys.push_back({row.text("kid"), row.text("public_key_pem")});
  return keys;
}

}  // namespace catalog::identity
