#pragma once

#include <string>
#include <vector>

#include "catalog/sdk/transaction.hpp"

namespace catalog::identity {

/// A public key verifiers may meet in a token.
struct PublishedKey {
  std::string kid;
  std::string public_key_pem;
};

/// The signing_keys table, within a caller's transaction.
class SigningKeyRepository {
 public:
  explicit SigningKeyRepository(sdk::Transaction& tx) : tx_(tx) {}

  /// Records `kid` as unretired: inserted when new, un-retired when it was retired.
  void makeCurrent(const std::string& kid, const std::string& public_key_pem,
                   const std::string& now);
  /// Retires every unretired key but `kid` as of `now`.
  void retireAllBut(const std::string& kid, const std::string& now);
  /// Unretired keys first, then keys retired after `retired_after`, most recent first.
  std::vector<PublishedKey> publishedSince(const std::string& retired_after);

 private:
  sdk::Transaction& tx_;
};

}  // namespace catalog::identity
