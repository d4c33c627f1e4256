#pragma once

/// @file
/// The value an HTTP handler returns.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "catalog/sdk/json.hpp"

namespace catalog::sdk {

/// An HTTP response: status, headers and a JSON body (or none, for 204), or a body of another
/// media type made with text().
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
  /// 200 with a body that is not JSON, e.g. a PEM key as "application/x-pem-file".
  static Response text(std::string body, std::string content_type) {
    Response response(200, Json());
    response.text_ = std::move(body);
    response.content_type_ = std::move(content_type);
    return response;
  }

  /// `status` with `body` sent as it is, under the Content-Type given (none when empty), e.g.
  /// a file, or another service's answer a gateway passes on.
  static Response bytes(int status, std::string body, std::string content_type) {
    Response response(status, Json());
    response.text_ = std::move(body);
    response.content_type_ = std::move(content_type);
    return response;
  }

  Response(int status, Json body) : status_(status), body_(std::move(body)) {}

  /// Adds a header; returns *this for chaining.
  Response& header(std::string name, std::string value) {
    headers_.emplace_back(std::move(name), std::move(value));
    return *this;
  }

  int status() const noexcept { return status_; }
  const Json& body() const noexcept { return body_; }
  /// The body when made with text() or bytes(), else nullopt.
  const std::optional<std::string>& text() const noexcept { return text_; }
  /// "application/json", or the media type given to text() or bytes().
  const std::string& contentType() const noexcept { return content_type_; }
  const std::vector<std::pair<std::string, std::string>>& headers() const noexcept {
    return headers_;
  }

 private:
  int status_;
  Json body_;
  std::optional<std::string> text_;
  std::string content_type_ = "application/json";
  std::vector<std::pair<std::string, std::string>> headers_;
};

}  // namespace catalog::sdk
