#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace catalog::host {

/// Decodes unpadded base64url (RFC 7515 §2), as JOSE uses it; nullopt for any other character
/// or an impossible length, so a malformed token or key is refused rather than half-read.
std::optional<std::string> decodeBase64Url(std::string_view text);

}  // namespace catalog::host
