#pragma once

#include <cstddef>
#include <string_view>

namespace catalog::identity {

/// The shortest password accepted, in characters.
constexpr std::size_t kMinPasswordCharacters = 8;
/// The longest password accepted, in bytes: bcrypt ignores everything after the 72nd byte, so a
/// longer password would silently be a shorter one.
constexpr std::size_t kMaxPasswordBytes = 72;

/// True when bcrypt sees all of `password`: at most 72 bytes and no NUL (crypt stops there).
bool isHashable(std::string_view password) noexcept;

/// Throws sdk::ValidationError naming `field` when `password` is shorter than 8 characters,
/// longer than 72 bytes or contains a NUL character. Never echoes the password.
void requireAcceptablePassword(std::string_view password, std::string_view field = "password");

}  // namespace catalog::identity
