#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/sdk/transaction.hpp"
#include "domain/user.hpp"

namespace catalog::identity {

/// Users in the plugin's database, within a caller's transaction. Usernames match regardless
/// of case.
class UserRepository {
 public:
  explicit UserRepository(sdk::Transaction& tx) : tx_(tx) {}

  std::optional<User> find(const std::string& id);
  std::optional<User> findByUsername(const std::string& username);
  /// Throws sdk::ConflictError when the username is taken (the unique index).
  void insert(const User& user);
  /// False when there is no such user.
  bool updatePasswordHash(const std::string& id, const std::string& password_hash);
  /// Deletes the user unless it is the last ADMIN; false when nothing was deleted.
  bool removeUnlessLastAdmin(const std::string& id);
  std::int64_t count();
  std::int64_t countWithRole(Role role);
  /// A page, by username.
  std::vector<User> list(std::int64_t offset, std::int64_t limit);

 private:
  sdk::Transaction& tx_;
};

}  // namespace catalog::identity
