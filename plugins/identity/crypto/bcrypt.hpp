#pragma once

#include <string>
#include <string_view>

namespace catalog::identity {

/// The bcrypt cost factor (SRS §3.2.6): 2^12 rounds, about a quarter of a second per hash.
constexpr int kBcryptCost = 12;

/// A bcrypt hash of `password` with a fresh random salt, "$2b$12$" and 53 more characters,
/// computed by the system's libxcrypt. Thread-safe (reentrant crypt_rn with its own state).
/// Throws std::invalid_argument when bcrypt can't see all of the password (see isHashable) and
/// std::runtime_error when libcrypt fails.
std::string hashPassword(std::string_view password);

/// Whether `password` is the one `hash` was made from, compared in constant time. False — after
/// the same work as a real check — when the password can't be hashed whole or `hash` is not a
/// bcrypt hash. Thread-safe.
bool verifyPassword(std::string_view password, std::string_view hash);

/// Does the work of one verification against a fixed hash and discards the result, so a login
/// for a username that doesn't exist takes as long as one that does.
void verifyAgainstDummy(std::string_view password);

}  // namespace catalog::identity
