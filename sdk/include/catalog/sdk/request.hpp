#pragma once

/// @file
/// The request an HTTP handler receives.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/abi.h"
#include "catalog/sdk/json.hpp"
#include "catalog/sdk/log.hpp"

namespace catalog::sdk {

/// Who made a request, as verified by the host. Anonymous when subject is empty.
struct Principal {
  std::string subject;
  std::string username;
  std::string role;
  std::string token;

  bool authenticated() const noexcept { return !subject.empty(); }
};

/// An incoming HTTP request. Valid only during the handler call; not thread-safe.
class Request {
 public:
  explicit Request(const catalog_request& raw);

  const std::string& method() const noexcept { return method_; }
  const std::string& path() const noexcept { return path_; }
  const std::string& correlationId() const noexcept { return correlation_id_; }
  const Principal& principal() const noexcept { return principal_; }
  /// The client's IP address as the host saw it; empty on service calls.
  const std::string& clientAddress() const noexcept { return client_address_; }

  /// A path parameter captured by `{name}` in the route pattern; throws if the route has none.
  std::string param(std::string_view name) const;
  /// A query parameter, or nullopt when absent.
  std::optional<std::string> query(std::string_view name) const;
  /// Every value of a repeated query parameter (`?id=a&id=b`), in order; empty when absent.
  std::vector<std::string> queryAll(std::string_view name) const;
  /// Every query parameter as name → value pairs, in order (decoded).
  std::vector<std::pair<std::string, std::string>> queryParameters() const;
  /// Every header as name → value pairs, in order.
  std::vector<std::pair<std::string, std::string>> headers() const;
  /// A header (case-insensitive name), or nullopt when absent.
  std::optional<std::string> header(std::string_view name) const;
  /// The raw body.
  std::string_view rawBody() const noexcept;
  /// The body parsed as JSON; null when empty. Throws ValidationError when malformed.
  const Json& body() const;
  /// The body as a JSON object; throws ValidationError when it is anything else.
  const Json& bodyObject() const;

  /// A logger stamped with this request's correlation id.
  Logger log() const { return Logger(correlation_id_); }

 private:
  const catalog_request& raw_;
  std::string method_;
  std::string path_;
  std::string correlation_id_;
  Principal principal_;
  std::string client_address_;
  mutable std::optional<Json> body_;
};

}  // namespace catalog::sdk
