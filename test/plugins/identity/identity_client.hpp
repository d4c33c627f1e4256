#pragma once

#include <sys/types.h>

#include <map>
#include <string>

#include "catalog/sdk/json.hpp"
#include "support/http_client.hpp"

namespace catalog::test {

/// POST /api/v1/auth/login with a JSON body.
HttpResult login(int port, const std::string& username, const std::string& password);
/// POST `path` with an application/x-www-form-urlencoded body of `fields`.
HttpResult postForm(int port, const std::string& path,
                    const std::map<std::string, std::string>& fields);
/// POST /api/v1/auth/refresh with a JSON body.
HttpResult refresh(int port, const std::string& refresh_token);
/// The access token of a successful login; fails the test otherwise.
std::string accessTokenOf(const HttpResult& login_result);
/// {"Authorization": "Bearer <token>"}.
std::map<std::string, std::string> bearer(const std::string& token);

/// The decoded parts of a compact JWS.
struct DecodedJwt {
  int parts = 0;
  sdk::Json header;
  sdk::Json payload;
};
DecodedJwt decodeJwt(const std::string& token);
/// Whether `token` carries a valid RS256 signature by the public key in `pem`.
bool verifiesWith(const std::string& token, const std::string& pem);

/// The file's content; fails the test when it can't be read.
std::string fileContent(const std::string& path);
/// The file's permission bits.
mode_t fileMode(const std::string& path);
bool fileExists(const std::string& path);

}  // namespace catalog::test
