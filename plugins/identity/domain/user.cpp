#include "domain/user.hpp"

#include <cctype>

#include "catalog/sdk/errors.hpp"

namespace catalog::identity {
namespace {

constexpr std::size_t kMinUsernameLength = 3;
constexpr std::size_t kMaxUsernameLength = 64;

bool isUsernameCharacter(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' ||
         c == '@';
}

}  // namespace

std::string toString(Role role) { return role == Role::Admin ? "ADMIN" : "USER"; }

std::optional<Role> parseRole(std::string_view text) {
  if (text == "ADMIN") return Role::Admin;
  if (text == "USER") return Role::User;
  return std::nullopt;
}

Role requireRole(std::string_view text) {
  const auto role = parseRole(text);
  if (!role) {
    throw sdk::ValidationError("role must be ADMIN or USER",
                               {{"field", "role"}, {"allowed", {"ADMIN", "USER"}}});
  }
  return *role;
}

void requireValidUsername(std::string_view username) {
  if (username.size() < kMinUsernameLength || username.size() > kMaxUsernameLength) {
    throw sdk::ValidationError("username must be 3 to 64 characters long", {{"field", "username"}});
  }
  for (const char c : username) {
    if (!isUsernameCharacter(c)) {
      throw sdk::ValidationError("username may contain only letters, digits, '.', '_', '-' and '@'",
                                 {{"field", "username"}});
    }
  }
}

sdk::Json toJson(const User& user) {
  return {{"id", user.id},
          {"username", user.username},
          {"role", toString(user.role)},
          {"created_at", user.created_at}};
}

}  // namespace catalog::identity
