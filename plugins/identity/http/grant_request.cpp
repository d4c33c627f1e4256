#include "http/grant_request.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/HTMLForm.h>
#include <strings.h>

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/fields.hpp"

namespace catalog::identity {
namespace {

constexpr std::string_view kFormType = "application/x-www-form-urlencoded";

bool isForm(const sdk::Request& request) {
  const auto type = request.header("Content-Type");
  // The media type may be followed by parameters, e.g. "; charset=UTF-8".
  return type && type->size() >= kFormType.size() &&
         strncasecmp(type->data(), kFormType.data(), kFormType.size()) == 0 &&
         (type->size() == kFormType.size() || (*type)[kFormType.size()] == ';' ||
          (*type)[kFormType.size()] == ' ');
}

sdk::Json formParameters(std::string_view body) {
  Poco::Net::HTMLForm form;
  try {
    form.read(std::string(body));
  } catch (const Poco::Exception&) {
    throw sdk::ValidationError("Request body is not a valid form");
  }
  sdk::Json parameters = sdk::Json::object();
  // RFC 6749 §3.2: parameters must not be repeated; the first one counts when they are.
  for (const auto& [name, value] : form) {
    if (!parameters.contains(name)) parameters[name] = value;
  }
  return parameters;
}

}  // namespace

GrantRequest GrantRequest::from(const sdk::Request& request) {
  if (isForm(request)) return GrantRequest(formParameters(request.rawBody()));
  return GrantRequest(request.bodyObject());
}

std::string GrantRequest::require(std::string_view name) const {
  return sdk::requireString(parameters_, name);
}

void GrantRequest::requireGrantType(std::string_view expected) const {
  const auto grant_type = sdk::optionalString(parameters_, "grant_type");
  if (grant_type && *grant_type != expected) {
    throw sdk::ValidationError("grant_type must be " + std::string(expected),
                               {{"field", "grant_type"}, {"allowed", {expected}}});
  }
}

}  // namespace catalog::identity
