#include "http/key_routes.hpp"

namespace catalog::identity {
namespace {

using sdk::Request;
using sdk::Response;

// Verifiers cache the keys briefly: a rotation reaches them within a minute, and a verifier
// meeting an unknown kid fetches again anyway.
constexpr const char* kKeyCaching = "public, max-age=60";

}  // namespace

void addKeyRoutes(sdk::Plugin& plugin, SigningKeys& keys) {
  const sdk::Access anyone = sdk::Access::publicRoute();
  plugin.get("/api/v1/auth/public-key", anyone, [&keys](const Request&) {
    return Response::text(keys.currentPublicPem(), "application/x-pem-file")
        .header("Cache-Control", kKeyCaching);
  });
  plugin.get("/.well-known/jwks.json", anyone, [&keys](const Request& request) {
    return Response::ok(keys.jwks(request.correlationId())).header("Cache-Control", kKeyCaching);
  });
  plugin.post("/api/v1/auth/keys/rotate", sdk::Access::role("ADMIN"),
              [&keys](const Request& request) {
                const std::string kid = keys.rotate(request.correlationId());
                request.log().info("signing key rotated by " + request.principal().username);
                return Response::ok({{"kid", kid}});
              });
}

}  // namespace catalog::identity
