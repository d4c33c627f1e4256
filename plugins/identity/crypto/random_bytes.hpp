#pragma once

#include <cstddef>
#include <string>

namespace catalog::identity {

/// `count` bytes from OpenSSL's CSPRNG (RAND_bytes). Throws std::runtime_error when it can't
/// deliver, rather than return anything weaker.
std::string randomBytes(std::size_t count);

}  // namespace catalog::identity
