#include "crypto/random_bytes.hpp"

#include <openssl/rand.h>

#include <stdexcept>

namespace catalog::identity {

std::string randomBytes(std::size_t count) {
  std::string bytes(count, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1) {
    throw std::runtime_error("the random number generator failed");
  }
  return bytes;
}

}  // namespace catalog::identity
