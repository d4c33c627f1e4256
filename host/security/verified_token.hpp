#pragma once

#include <string>

namespace catalog::host {

/// Who a verified access token says the caller is.
struct VerifiedToken {
  std::string subject;
  std::string username;
  std::string role;
};

}  // namespace catalog::host
