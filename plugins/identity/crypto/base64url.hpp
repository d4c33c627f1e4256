#pragma once

#include <string>
#include <string_view>

namespace catalog::identity {

/// RFC 4648 §5 base64url without padding, as JOSE (JWT, JWK) writes binary values.
std::string base64url(std::string_view bytes);

}  // namespace catalog::identity
