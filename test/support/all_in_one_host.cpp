#include "support/all_in_one_host.hpp"

#include <cppunit/TestAssert.h>

namespace catalog::test {

AllInOneHost::AllInOneHost(const std::string& admin_password,
                           std::map<std::string, std::string> env)
    : catalogd_([&] {
        env["CATALOG_ADMIN_PASSWORD"] = admin_password;
        return CatalogdProcess::Options{
            {"--config=" + std::string(CATALOG_BINARY_DIR) + "/etc/catalog/catalog.properties",
             "--data-dir=" + dir_.file("var")},
            env,
            dir_.file("catalogd.log")};
      }()) {
  const HttpResult login =
      httpRequest(port(), "POST", "/api/v1/auth/login",
                  sdk::Json{{"username", "admin"}, {"password", admin_password}}.dump(),
                  {{"Content-Type", "application/json"}});
  CPPUNIT_ASSERT_EQUAL_MESSAGE(login.text, 200, login.status);
  token_ = login.json.at("access_token");
  refresh_token_ = login.json.at("refresh_token");
}

HttpResult AllInOneHost::call(const std::string& method, const std::string& path,
                              const sdk::Json& body,
                              std::map<std::string, std::string> headers) const {
  headers["Authorization"] = "Bearer " + token_;
  headers.emplace("Content-Type", "application/json");
  return httpRequest(port(), method, path, body.is_null() ? "" : body.dump(), headers);
}

sdk::Json AllInOneHost::created(const std::string& path, const sdk::Json& body) const {
  const HttpResult result = call("POST", path, body);
  CPPUNIT_ASSERT_EQUAL_MESSAGE(path + ": " + result.text, 201, result.status);
  return result.json;
}

}  // namespace catalog::test
