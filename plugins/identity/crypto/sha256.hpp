#pragma once

#include <string>
#include <string_view>

namespace catalog::identity {

/// The SHA-256 digest of `data`: 32 raw bytes.
std::string sha256(std::string_view data);

}  // namespace catalog::identity
