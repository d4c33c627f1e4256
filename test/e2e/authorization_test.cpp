// Every route of the all-in-one host (the plugins etc/catalog.properties lists), whatever plugins
// it grows, against every kind of credential: the host must apply each route's declared policy
// before its handler runs. Routes are enumerated from the running host, not listed here.
#include <Poco/AutoPtr.h>
#include <Poco/Logger.h>
#include <Poco/Util/PropertyFileConfiguration.h>
#include <cppunit/extensions/HelperMacros.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "catalog/sdk/ids.hpp"
#include "catalog_host.hpp"
#include "support/free_port.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {
namespace {

using host::CatalogHost;
using host::Route;
using Claims = TestIssuer::Claims;

// What a credential is, as far as a policy cares.
enum class Credential { None, Invalid, User, Admin };

struct Variant {
  std::string name;
  std::string token;  // empty: no Authorization header
  Credential credential;
};

std::vector<Variant> variants() {
  const TestIssuer& issuer = TestIssuer::instance();
  Claims expired;
  expired.issued_ago = std::chrono::hours(2);
  Claims early;
  early.not_before_in = std::chrono::hours(1);
  Claims other_issuer;
  other_issuer.issuer = "https://elsewhere.example";
  Claims other_audience;
  other_audience.audience = "another-api";
  return {
      {"no token", "", Credential::None},
      {"expired", issuer.token(expired), Credential::Invalid},
      {"not yet valid", issuer.token(early), Credential::Invalid},
      {"tampered", issuer.tampered({}), Credential::Invalid},
      {"alg none", issuer.unsignedToken({}), Credential::Invalid},
      {"HS256 with the public key", issuer.hs256WithPublicKey({}), Credential::Invalid},
      {"signed by a stranger", issuer.tokenSignedByStranger({}), Credential::Invalid},
      {"unknown kid", issuer.tokenWithUnknownKid({}), Credential::Invalid},
      {"wrong issuer", issuer.token(other_issuer), Credential::Invalid},
      {"wrong audience", issuer.token(other_audience), Credential::Invalid},
      {"USER", issuer.token("USER"), Credential::User},
      {"ADMIN", issuer.token("ADMIN"), Credential::Admin},
  };
}

// The status class a policy demands for a credential: 0 when the handler must run.
int expectedRefusal(const Route& route, Credential credential) {
  if (route.access == CATALOG_ACCESS_PUBLIC) return 0;
  if (credential == Credential::None || credential == Credential::Invalid) return 401;
  if (route.access == CATALOG_ACCESS_ROLE && route.role == "ADMIN" &&
      credential == Credential::User)
    return 403;
  return 0;
}

// A concrete path for a pattern: every capture becomes a fresh id.
std::string pathFor(const std::string& pattern) {
  std::string path;
  std::size_t at = 0;
  while (at < pattern.size()) {
    const std::size_t open = pattern.find('{', at);
    if (open == std::string::npos) {
      path += pattern.substr(at);
      break;
    }
    path += pattern.substr(at, open - at) + sdk::newUuid();
    at = pattern.find('}', open) + 1;
  }
  return path;
}

std::string describe(const Route& route) {
  const std::string policy = route.access == CATALOG_ACCESS_PUBLIC          ? "public"
                             : route.access == CATALOG_ACCESS_AUTHENTICATED ? "authenticated"
                                                                            : "role " + route.role;
  return route.method + " " + route.pattern + " (" + policy + ")";
}

// A host in this process, so its router can be read, configured by the shipped all-in-one file
// plus `overrides`.
class InProcessHost {
 public:
  explicit InProcessHost(std::map<std::string, std::string> overrides)
      : file_(new Poco::Util::PropertyFileConfiguration(std::string(CATALOG_BINARY_DIR) +
                                                        "/etc/catalog/catalog.properties")) {
    overrides.emplace("catalog.port", std::to_string(freePort()));
    overrides.emplace("catalog.dataDir", dir_.file("var"));
    host_ = std::make_unique<CatalogHost>(
        host::Settings::load(*file_, overrides,
                             std::string(CATALOG_BINARY_DIR) + "/lib/catalog/plugins"),
        Poco::Logger::get("authorization-test"));
    host_->load();
    host_->start();
  }
  ~InProcessHost() { host_->stop(); }

  CatalogHost& host() { return *host_; }

 private:
  TempDir dir_;
  Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> file_;
  std::unique_ptr<CatalogHost> host_;
};

}  // namespace

class AuthorizationTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(AuthorizationTest);
  CPPUNIT_TEST(testEveryRouteAppliesItsPolicyToEveryCredential);
  CPPUNIT_TEST(testServiceCallsInProcessAreCheckedAgainstTheCallersToken);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testEveryRouteAppliesItsPolicyToEveryCredential() {
    // The all-in-one host as shipped, every request through its gateway, identity signing with
    // the test issuer's key so the test can also make the tokens identity would never issue.
    // Hundreds of requests a second from one address: the gateway's rate limit (tested on its
    // own) is off.
    InProcessHost all_in_one({{"identity.signingKeyFile", TestIssuer::instance().privateKeyFile()},
                              {"gateway.rateLimit.requestsPerSecond", "0"}});
    const std::vector<Route>& routes = all_in_one.host().router().routes();
    // The table must not pass by being empty: every plugin serves routes, and identity's
    // login and characteristic's admin writes are among them.
    std::set<std::string> serving;
    for (const Route& route : routes) serving.insert(route.plugin->name());
    for (const auto& plugin : all_in_one.host().plugins())
      CPPUNIT_ASSERT_MESSAGE(plugin->name() + " serves no route",
                             serving.count(plugin->name()) == 1);
    CPPUNIT_ASSERT(serving.count("identity") == 1 && serving.count("characteristic") == 1);

    const int port = all_in_one.host().port();
    std::size_t checked = 0;
    for (const Route& route : routes) {
      for (const Variant& variant : variants()) {
        std::map<std::string, std::string> headers;
        if (!variant.token.empty()) headers["Authorization"] = "Bearer " + variant.token;
        const bool has_body = route.method == "POST" || route.method == "PUT";
        const HttpResult result =
            httpRequest(port, route.method, pathFor(route.pattern), has_body ? "{}" : "", headers);
        const std::string where = describe(route) + " with " + variant.name + ": " +
                                  std::to_string(result.status) + " " + result.text;
        const int refusal = expectedRefusal(route, variant.credential);
        if (refusal == 0) {
          CPPUNIT_ASSERT_MESSAGE(
              where, result.status != 401 && result.status != 403 && result.status != 503);
        } else {
          CPPUNIT_ASSERT_EQUAL_MESSAGE(where, refusal, result.status);
          CPPUNIT_ASSERT_EQUAL_MESSAGE(where,
                                       std::string(refusal == 401 ? "UNAUTHORIZED" : "FORBIDDEN"),
                                       result.json["error"].value("code", ""));
          CPPUNIT_ASSERT_MESSAGE(where,
                                 result.headers.count("www-authenticate") == 1 &&
                                     result.headers.at("www-authenticate").rfind("Bearer", 0) == 0);
        }
        ++checked;
      }
    }
    CPPUNIT_ASSERT_EQUAL(routes.size() * variants().size(), checked);
  }

  void testServiceCallsInProcessAreCheckedAgainstTheCallersToken() {
    // The probe's public route calls characteristic's protected list in process, forwarding
    // whatever principal its own request had.
    InProcessHost host(
        {{"catalog.plugins", "characteristic,probe"},
         {"catalog.pluginPath", CATALOG_FIXTURE_DIR},
         {"catalog.security.publicKeyFile", TestIssuer::instance().publicKeyFile()}});
    const auto statusThroughProbe = [&](const std::map<std::string, std::string>& headers) {
      const HttpResult result =
          httpRequest(host.host().port(), "GET",
                      "/probe/call/characteristic?path=/api/v1/characteristics", "", headers);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 200, result.status);
      return result.json.value("status", 0);
    };
    const TestIssuer& issuer = TestIssuer::instance();
    CPPUNIT_ASSERT_EQUAL(401, statusThroughProbe({}));
    CPPUNIT_ASSERT_EQUAL(200, statusThroughProbe(issuer.bearer("USER")));
    // The public probe route ignores a forged token, so the call carries none and is refused.
    CPPUNIT_ASSERT_EQUAL(401,
                         statusThroughProbe({{"Authorization", "Bearer " + issuer.tampered({})}}));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AuthorizationTest);

}  // namespace catalog::test
