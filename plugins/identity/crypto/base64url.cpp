#include "crypto/base64url.hpp"

#include <Poco/Base64Encoder.h>

#include <sstream>

namespace catalog::identity {

std::string base64url(std::string_view bytes) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
  encoder.rdbuf()->setLineLength(0);
  encoder.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  encoder.close();
  return out.str();
}

}  // namespace catalog::identity
