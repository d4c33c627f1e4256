#include "setup/seed_users.hpp"

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/ids.hpp"
#include "catalog/sdk/transaction.hpp"
#include "crypto/bcrypt.hpp"
#include "storage/user_repository.hpp"

namespace catalog::identity {
namespace {

using sdk::Transaction;

bool exists(const std::string& username) {
  Transaction tx(Transaction::Mode::ReadOnly, {});
  return UserRepository(tx).findByUsername(username).has_value();
}

// False when the username was taken meanwhile (another instance seeding too).
bool insert(const User& user) {
  Transaction tx(Transaction::Mode::ReadWrite, {});
  try {
    UserRepository(tx).insert(user);
  } catch (const sdk::ConflictError&) {
    return false;
  }
  tx.commit();
  return true;
}

}  // namespace

void seedUsers(const std::vector<SeedUser>& users, const sdk::Logger& log) {
  for (const SeedUser& seed : users) {
    if (exists(seed.username)) continue;
    const User user{sdk::newUuid(), seed.username, seed.role, hashPassword(seed.password),
                    sdk::utcNow()};
    if (insert(user)) {
      log.info("seeded the user '" + user.username + "' (" + toString(user.role) +
               ") from identity.seedUsers");
    }
  }
}

}  // namespace catalog::identity
