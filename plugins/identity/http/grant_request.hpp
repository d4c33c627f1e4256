#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "catalog/sdk/json.hpp"
#include "catalog/sdk/request.hpp"

namespace catalog::identity {

/// The parameters of a token request (RFC 6749 §4.3.2, §6), from a JSON object or, as OAuth2
/// clients send them, an application/x-www-form-urlencoded body — whichever the Content-Type
/// says.
class GrantRequest {
 public:
  /// Throws sdk::ValidationError when the body is neither a JSON object nor a form.
  static GrantRequest from(const sdk::Request& request);

  /// The parameter; throws sdk::ValidationError naming it when absent or not a string.
  std::string require(std::string_view name) const;
  /// Throws sdk::ValidationError unless grant_type is absent or equals `expected`.
  void requireGrantType(std::string_view expected) const;

 private:
  explicit GrantRequest(sdk::Json parameters) : parameters_(std::move(parameters)) {}

  sdk::Json parameters_;
};

}  // namespace catalog::identity
