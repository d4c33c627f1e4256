#pragma once

#include <map>
#include <string>

#include "catalog/sdk/json.hpp"
#include "support/catalogd_process.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"

namespace catalog::test {

/// The all-in-one catalogd as shipped (the build tree's etc/catalog/catalog.properties), with
/// its data in a directory of its own, `env` added to its environment, and the admin signed in
/// through identity (password `admin_password`).
class AllInOneHost {
 public:
  explicit AllInOneHost(const std::string& admin_password,
                        std::map<std::string, std::string> env = {});

  int port() const { return catalogd_.port(); }
  std::string logs() const { return catalogd_.logs(); }
  /// The admin's tokens from signing in.
  const std::string& token() const { return token_; }
  const std::string& refreshToken() const { return refresh_token_; }

  /// A request as the admin; `headers` are added.
  HttpResult call(const std::string& method, const std::string& path,
                  const sdk::Json& body = sdk::Json(),
                  std::map<std::string, std::string> headers = {}) const;
  /// POSTs `body` to `path`, asserts 201 and returns what was created.
  sdk::Json created(const std::string& path, const sdk::Json& body) const;

 private:
  TempDir dir_;
  CatalogdProcess catalogd_;
  std::string token_;
  std::string refresh_token_;
};

}  // namespace catalog::test
