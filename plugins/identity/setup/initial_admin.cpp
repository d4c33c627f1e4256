#include "setup/initial_admin.hpp"

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <stdexcept>

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/ids.hpp"
#include "catalog/sdk/transaction.hpp"
#include "crypto/base64url.hpp"
#include "crypto/bcrypt.hpp"
#include "crypto/private_file.hpp"
#include "crypto/random_bytes.hpp"
#include "domain/password_policy.hpp"
#include "storage/user_repository.hpp"

namespace catalog::identity {
namespace {

using sdk::Transaction;

constexpr const char* kAdminUsername = "admin";
// 144 random bits, 24 base64url characters.
constexpr std::size_t kGeneratedPasswordBytes = 18;

enum class Outcome { Created, AdminExists, UsernameTaken };

bool adminExists() {
  Transaction tx(Transaction::Mode::ReadOnly, {});
  return UserRepository(tx).countWithRole(Role::Admin) > 0;
}

// Checks and inserts in one write transaction; `before_commit` runs once the insert succeeded.
Outcome createAdmin(const User& admin, const std::function<void()>& before_commit) {
  Transaction tx(Transaction::Mode::ReadWrite, {});
  UserRepository users(tx);
  if (users.countWithRole(Role::Admin) > 0) return Outcome::AdminExists;
  try {
    users.insert(admin);
  } catch (const sdk::ConflictError&) {
    return Outcome::UsernameTaken;
  }
  before_commit();
  tx.commit();
  return Outcome::Created;
}

std::string passwordFromEnvironment(const char* value) {
  try {
    requireAcceptablePassword(value, kAdminPasswordVariable);
  } catch (const sdk::ValidationError& e) {
    throw std::invalid_argument(e.what());
  }
  return value;
}

}  // namespace

void ensureAnAdmin(const std::string& data_dir, const sdk::Logger& log) {
  const char* given = std::getenv(kAdminPasswordVariable);
  if (adminExists()) {
    if (given != nullptr && *given != '\0') {
      log.info(std::string(kAdminPasswordVariable) +
               " is ignored: an ADMIN exists already (change passwords through the API)");
    }
    return;
  }
  const bool generated = given == nullptr || *given == '\0';
  const std::string password =
      generated ? base64url(randomBytes(kGeneratedPasswordBytes)) : passwordFromEnvironment(given);
  const User admin{sdk::newUuid(), kAdminUsername, Role::Admin, hashPassword(password),
                   sdk::utcNow()};
  const std::string file = data_dir + "/" + kInitialAdminPasswordFileName;

  bool written = false;
  const Outcome outcome = [&] {
    try {
      return createAdmin(admin, [&] {
        if (!generated) return;
        writePrivateFile(file, password + "\n", IfExists::Replace);
        written = true;
      });
    } catch (...) {
      if (written) std::remove(file.c_str());  // the admin it was for doesn't exist
      throw;
    }
  }();

  switch (outcome) {
    case Outcome::AdminExists:
      return;
    case Outcome::UsernameTaken:
      if (adminExists()) return;  // another instance created it meanwhile
      throw std::runtime_error(
          "no ADMIN exists and the username 'admin' belongs to a non-admin; create an ADMIN "
          "through identity.seedUsers or delete that user");
    case Outcome::Created:
      break;
  }
  if (generated) {
    log.warning("created the user 'admin' (ADMIN) with a generated password, written to " + file +
                " (readable only by this user); log in, change it and delete the file");
  } else {
    log.info(std::string("created the user 'admin' (ADMIN) with the password from ") +
             kAdminPasswordVariable);
  }
}

}  // namespace catalog::identity
