#include "crypto/bcrypt.hpp"

#include <crypt.h>
#include <openssl/crypto.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "domain/password_policy.hpp"

namespace catalog::identity {
namespace {

// bcrypt of a password nobody knows; only its salt and cost matter, which make verifying
// against it cost what verifying against a stored cost-12 hash costs.
constexpr std::string_view kDummyHash =
    "$2b$12$x7RdO722dDFlxr.sX7AwNO4ceS9R84IC8RE5me6vfk5z04hzsR4aO";

bool isBcryptHash(std::string_view hash) {
  return hash.size() == kDummyHash.size() &&
         (hash.rfind("$2b$", 0) == 0 || hash.rfind("$2a$", 0) == 0 || hash.rfind("$2y$", 0) == 0);
}

// crypt_rn with its state on the heap: struct crypt_data is ~32 KiB, and the non-reentrant
// crypt() shares one static buffer between the handler threads. Returns "" on failure.
std::string cryptWithSetting(const std::string& password, const std::string& setting) {
  auto state = std::make_unique<crypt_data>();
  const char* result =
      crypt_rn(password.c_str(), setting.c_str(), state.get(), static_cast<int>(sizeof(*state)));
  std::string hash = result == nullptr || result[0] == '*' ? std::string() : std::string(result);
  OPENSSL_cleanse(state.get(), sizeof(*state));
  return hash;
}

}  // namespace

std::string hashPassword(std::string_view password) {
  if (!isHashable(password)) {
    throw std::invalid_argument("password is longer than 72 bytes or contains NUL");
  }
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  if (crypt_gensalt_rn("$2b$", kBcryptCost, nullptr, 0, setting, sizeof(setting)) == nullptr) {
    throw std::runtime_error("crypt_gensalt_rn failed to make a bcrypt salt");
  }
  std::string hash = cryptWithSetting(std::string(password), setting);
  if (hash.empty()) throw std::runtime_error("crypt_rn failed to hash a password with bcrypt");
  return hash;
}

bool verifyPassword(std::string_view password, std::string_view hash) {
  if (!isHashable(password) || !isBcryptHash(hash)) {
    verifyAgainstDummy(password.substr(0, kMaxPasswordBytes));
    return false;
  }
  const std::string computed = cryptWithSetting(std::string(password), std::string(hash));
  return computed.size() == hash.size() &&
         CRYPTO_memcmp(computed.data(), hash.data(), hash.size()) == 0;
}

void verifyAgainstDummy(std::string_view password) {
  // A NUL would only end the C string early; the work done is the same.
  cryptWithSetting(std::string(password), std::string(kDummyHash));
}

}  // namespace catalog::identity
