#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "catalog/sdk/json.hpp"

namespace catalog::identity {

/// What a user may do (SRS §4.4.2): ADMIN changes the catalog, USER reads it.
enum class Role { Admin, User };

/// "ADMIN" or "USER", as on the wire and in access tokens.
std::string toString(Role role);
/// The role named exactly `text` (upper case), or nullopt.
std::optional<Role> parseRole(std::string_view text);
/// The role named `text`; throws sdk::ValidationError naming the field "role" otherwise.
Role requireRole(std::string_view text);

/// Throws sdk::ValidationError naming the field "username" unless `username` is 3 to 64
/// letters, digits, '.', '_', '-' or '@' (ASCII, so it reads the same in every log and URL).
void requireValidUsername(std::string_view username);

/// Someone who can log in (SRS §3.2.6). The password exists only as its bcrypt hash.
struct User {
  std::string id;
  std::string username;
  Role role = Role::User;
  std::string password_hash;
  std::string created_at;
};

/// The user as clients see it: id, username, role, created_at — never the hash.
sdk::Json toJson(const User& user);

}  // namespace catalog::identity
