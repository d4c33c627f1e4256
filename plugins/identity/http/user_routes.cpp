#include "http/user_routes.hpp"

#include <algorithm>
#include <cctype>

#include "catalog/sdk/fields.hpp"
#include "catalog/sdk/ids.hpp"
#include "catalog/sdk/pagination.hpp"
#include "crypto/bcrypt.hpp"
#include "domain/password_policy.hpp"
#include "storage/refresh_token_repository.hpp"
#include "storage/user_repository.hpp"

namespace catalog::identity {
namespace {

using sdk::Request;
using sdk::Response;
using sdk::Transaction;

constexpr const char* kCollection = "/api/v1/auth/users";
constexpr const char* kItem = "/api/v1/auth/users/{id}";
constexpr const char* kPassword = "/api/v1/auth/users/{id}/password";

[[noreturn]] void notFound(const std::string& id) {
  throw sdk::NotFoundError("User " + id + " not found", {{"id", id}});
}

[[noreturn]] void usernameTaken(const std::string& username) {
  throw sdk::ConflictError("A user named '" + username + "' already exists",
                           {{"field", "username"}});
}

// Ids are stored in lower case; SQLite's text comparison would miss an upper-case one.
std::string normalizedId(std::string id) {
  if (!sdk::isUuid(id)) notFound(id);
  std::transform(id.begin(), id.end(), id.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return id;
}

User existing(UserRepository& users, const std::string& id) {
  auto user = users.find(id);
  if (!user) notFound(id);
  return *user;
}

Response create(const Request& request) {
  const sdk::Json& body = request.bodyObject();
  User user;
  user.username = sdk::requireString(body, "username");
  requireValidUsername(user.username);
  user.role = requireRole(sdk::requireString(body, "role"));
  const std::string password = sdk::requireString(body, "password");
  requireAcceptablePassword(password);
  {
    Transaction tx(Transaction::Mode::ReadOnly, request.correlationId());
    if (UserRepository(tx).findByUsername(user.username)) usernameTaken(user.username);
  }
  // Hashed outside the write transaction: a quarter second must not hold the database.
  user.password_hash = hashPassword(password);
  user.id = sdk::newUuid();
  user.created_at = sdk::utcNow();

  Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
  try {
    UserRepository(tx).insert(user);
  } catch (const sdk::ConflictError&) {
    usernameTaken(user.username);  // created concurrently; the unique index has answered
  }
  tx.commit();
  request.log().info("user " + user.id + " (" + toString(user.role) + ") created by " +
                     request.principal().username);
  return Response::created(toJson(user))
      .header("Location", std::string(kCollection) + "/" + user.id);
}

Response list(const Request& request) {
  const sdk::PageRequest page = sdk::PageRequest::from(request);
  Transaction tx(Transaction::Mode::ReadOnly, request.correlationId());
  UserRepository users(tx);
  const std::int64_t total = users.count();
  return Response::ok(page.body(total, users.list(page.offset(), page.page_size),
                                [](const User& user) { return toJson(user); }));
}

Response get(const Request& request) {
  const std::string id = normalizedId(request.param("id"));
  Transaction tx(Transaction::Mode::ReadOnly, request.correlationId());
  UserRepository users(tx);
  return Response::ok(toJson(existing(users, id)));
}

Response changePassword(const Request& request) {
  const std::string id = normalizedId(request.param("id"));
  const std::string password = sdk::requireString(request.bodyObject(), "password");
  requireAcceptablePassword(password);
  const std::string hash = hashPassword(password);

  Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
  UserRepository users(tx);
  if (!users.updatePasswordHash(id, hash)) notFound(id);
  // Sessions made with the old password end; access tokens already out live until they expire.
  RefreshTokenRepository(tx).revokeAllOf(id, sdk::utcNow());
  tx.commit();
  request.log().info("password of user " + id + " changed by " + request.principal().username);
  return Response::noContent();
}

Response remove(const Request& request) {
  const std::string id = normalizedId(request.param("id"));
  Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
  UserRepository users(tx);
  existing(users, id);
  if (!users.removeUnlessLastAdmin(id)) {
    throw sdk::ConflictError("The last ADMIN can't be deleted; create another ADMIN first",
                             {{"id", id}, {"role", "ADMIN"}});
  }
  RefreshTokenRepository(tx).removeAllOf(id);
  tx.commit();
  request.log().info("user " + id + " deleted by " + request.principal().username);
  return Response::noContent();
}

}  // namespace

void addUserRoutes(sdk::Plugin& plugin) {
  const sdk::Access admin = sdk::Access::role("ADMIN");
  plugin.post(kCollection, admin, create);
  plugin.get(kCollection, admin, list);
  plugin.get(kItem, admin, get);
  plugin.put(kPassword, admin, changePassword);
  plugin.del(kItem, admin, remove);
}

}  // namespace catalog::identity
