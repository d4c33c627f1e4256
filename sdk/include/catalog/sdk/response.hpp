#pragma once

/// @file
/// The value an HTTP handler returns.

#include <string>
#include <utility>
#include <vector>

#include "catalog/sdk/json.hpp"

namespace catalog::sdk {

/// An HTTP response: status, headers and a JSON body (or none, for 204).
class Response {
 public:
  /// 200 with `body`.
  static Response ok(Json body) { return Response(200, std::move(body)); }
  /// 201 with `body`.
  static Response created(Json body) { return Response(201, std::move(body)); }
  /// 202 with `body`.
  static Response accepted(Json body) { return Response(202, std::move(body)); }
  /// 204 without a body.
  static Response noContent() { return Response(204, Json()); }

  Response(int status, Json body) : status_(status), body_(std::move(body)) {}

  /// Adds a header; returns *this for chaining.
  Response& header(std::string name, std::string value) {
    headers_.emplace_back(std::move(name), std::move(value));
    return *this;
  }

  int status() const noexcept { return status_; }
  const Json& body() const noexcept { return body_; }
  const std::vector<std::pair<std::string, std::string>>& headers() const noexcept {
    return headers_;
  }

 private:
  int status_;
  Json body_;
  std::vector<std::pair<std::string, std::string>> headers_;
};

}  // namespace catalog::sdk
