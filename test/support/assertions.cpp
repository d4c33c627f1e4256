#include "support/assertions.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include "catalog/sdk/errors.hpp"

namespace catalog::test {

void assertError(const HttpResult& result, int status, const std::string& code) {
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, status, result.status);
  const sdk::Json& error = result.json["error"];
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, code, error.value("code", ""));
  CPPUNIT_ASSERT(!error.value("message", "").empty());
  CPPUNIT_ASSERT(error["details"].is_object());
  CPPUNIT_ASSERT_EQUAL(result.headers.at("x-correlation-id"), error.value("correlation_id", ""));
}

std::string rejectedField(const std::function<void()>& action) {
  try {
    action();
  } catch (const sdk::ValidationError& e) {
    return e.details().value("field", "?");
  }
  return "";
}

nlohmann::json unordered(const sdk::Json& json) { return nlohmann::json::parse(json.dump()); }

}  // namespace catalog::test
