#include "catalog/sdk/request.hpp"

#include <strings.h>

#include <stdexcept>

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/host.hpp"

namespace catalog::sdk {
namespace {

std::optional<std::string> find(const catalog_pair* pairs, std::size_t count, std::string_view name,
                                bool ignore_case) {
  for (std::size_t i = 0; i < count; ++i) {
    const catalog_str& key = pairs[i].name;
    const bool same = key.size == name.size() &&
                      (ignore_case ? strncasecmp(key.data, name.data(), name.size()) == 0
                                   : std::string_view(key.data, key.size) == name);
    if (same) return fromAbi(pairs[i].value);
  }
  return std::nullopt;
}

}  // namespace

Request::Request(const catalog_request& raw)
    : raw_(raw),
      method_(fromAbi(raw.method)),
      path_(fromAbi(raw.path)),
      correlation_id_(fromAbi(raw.correlation_id)),
      principal_{fromAbi(raw.principal.subject), fromAbi(raw.principal.username),
                 fromAbi(raw.principal.role), fromAbi(raw.principal.token)},
      client_address_(fromAbi(raw.client_address)) {}

std::string Request::param(std::string_view name) const {
  auto value = find(raw_.path_params, raw_.path_param_count, name, false);
  if (!value) throw std::logic_error("route has no path parameter " + std::string(name));
  return *value;
}

std::optional<std::string> Request::query(std::string_view name) const {
  return find(raw_.query, raw_.query_count, name, false);
}

std::vector<std::string> Request::queryAll(std::string_view name) const {
  std::vector<std::string> values;
  for (std::size_t i = 0; i < raw_.query_count; ++i) {
    if (fromAbi(raw_.query[i].name) == name) values.push_back(fromAbi(raw_.query[i].value));
  }
  return values;
}

namespace {

std::vector<std::pair<std::string, std::string>> pairsOf(const catalog_pair* pairs,
                                                         std::size_t count) {
  std::vector<std::pair<std::string, std::string>> all;
  for (std::size_t i = 0; i < count; ++i)
    all.emplace_back(fromAbi(pairs[i].name), fromAbi(pairs[i].value));
  return all;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> Request::queryParameters() const {
  return pairsOf(raw_.query, raw_.query_count);
}

std::vector<std::pair<std::string, std::string>> Request::headers() const {
  return pairsOf(raw_.headers, raw_.header_count);
}

std::optional<std::string> Request::header(std::string_view name) const {
  return find(raw_.headers, raw_.header_count, name, true);
}

std::string_view Request::rawBody() const noexcept {
  return raw_.body.data == nullptr ? std::string_view()
                                   : std::string_view(raw_.body.data, raw_.body.size);
}

const Json& Request::body() const {
  if (!body_) {
    const std::string_view text = rawBody();
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      body_ = Json();
    } else {
      try {
        body_ = Json::parse(text);
      } catch (const Json::exception& e) {  // syntax, invalid UTF-8, numbers out of range
        throw ValidationError("Request body is not valid JSON", {{"parse_error", e.what()}});
      }
    }
  }
  return *body_;
}

const Json& Request::bodyObject() const {
  const Json& json = body();
  if (!json.is_object()) throw ValidationError("Request body must be a JSON object");
  return json;
}

}  // namespace catalog::sdk
