#include "domain/password_policy.hpp"

#include <algorithm>
#include <string>

#include "catalog/sdk/errors.hpp"

namespace catalog::identity {
namespace {

// UTF-8 characters: every byte that is not a continuation byte starts one.
std::size_t characterCount(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

}  // namespace

bool isHashable(std::string_view password) noexcept {
  return password.size() <= kMaxPasswordBytes && password.find('\0') == std::string_view::npos;
}

void requireAcceptablePassword(std::string_view password, std::string_view field) {
  const sdk::Json details = {{"field", field}};
  if (password.find('\0') != std::string_view::npos) {
    throw sdk::ValidationError(std::string(field) + " must not contain NUL characters", details);
  }
  if (password.size() > kMaxPasswordBytes) {
    throw sdk::ValidationError(std::string(field) + " must be at most " +
                                   std::to_string(kMaxPasswordBytes) + " bytes long",
                               details);
  }
  if (characterCount(password) < kMinPasswordCharacters) {
    throw sdk::ValidationError(std::string(field) + " must be at least " +
                                   std::to_string(kMinPasswordCharacters) + " characters long",
                               details);
  }
}

}  // namespace catalog::identity
