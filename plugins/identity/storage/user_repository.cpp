#include "storage/user_repository.hpp"

#include <stdexcept>

namespace catalog::identity {
namespace {

constexpr const char* kColumns = "id, username, role, password_hash, created_at";

User fromRow(const sdk::Row& row) {
  const auto role = parseRole(row.text("role"));
  if (!role) throw std::runtime_error("stored user has unknown role " + row.text("role"));
  return {row.text("id"), row.text("username"), *role, row.text("password_hash"),
          row.text("created_at")};
}

std::optional<User> first(const sdk::Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return fromRow(rows[0]);
}

}  // namespace

std::optional<User> UserRepository::find(const std::string& id) {
  return first(tx_.query(std::string("SELECT ") + kColumns + " FROM users WHERE id = ?", {id}));
}

std::optional<User> UserRepository::findByUsername(const std::string& username) {
  return first(
      tx_.query(std::string("SELECT ") + kColumns + " FROM users WHERE lower(username) = lower(?)",
                {username}));
}

void UserRepository::insert(const User& user) {
  tx_.execute(std::string("INSERT INTO users (") + kColumns + ") VALUES (?, ?, ?, ?, ?)",
              {user.id, user.username, toString(user.role), user.password_hash, user.created_at});
}

bool UserRepository::updatePasswordHash(const std::string& id, const std::string& password_hash) {
  return tx_.execute("UPDATE users SET password_hash = ? WHERE id = ?", {password_hash, id}) == 1;
}

// One statement, so the count and the deletion see the same rows. On PostgreSQL two concurrent
// deletions of the last two admins could still both pass; start() then creates a new admin.
bool UserRepository::removeUnlessLastAdmin(const std::string& id) {
  return tx_.execute(
             "DELETE FROM users WHERE id = ? AND (role <> 'ADMIN' OR"
             " (SELECT COUNT(*) FROM users WHERE role = 'ADMIN') > 1)",
             {id}) == 1;
}

std::int64_t UserRepository::count() {
  return tx_.query("SELECT COUNT(*) AS n FROM users")[0].int64("n");
}

std::int64_t UserRepository::countWithRole(Role role) {
  return tx_.query("SELECT COUNT(*) AS n FROM users WHERE role = ?", {toString(role)})[0].int64(
      "n");
}

std::vector<User> UserRepository::list(std::int64_t offset, std::int64_t limit) {
  const sdk::Rows rows = tx_.query(std::string("SELECT ") + kColumns +
                                       " FROM users ORDER BY lower(username), id LIMIT ? OFFSET ?",
                                   {limit, offset});
  std::vector<User> users;
  users.reserve(rows.size());
  for (const sdk::Row& row : rows) users.push_back(fromRow(row));
  return users;
}

}  // namespace catalog::identity
