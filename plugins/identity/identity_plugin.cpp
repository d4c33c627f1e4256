// The identity bounded context (SRS §3.2.6): users, password logins, RS256 access tokens,
// rotating refresh tokens and the public keys that verify the access tokens.
#include "catalog/sdk/plugin.hpp"
#include "domain/login_throttle.hpp"
#include "http/auth_routes.hpp"
#include "http/key_routes.hpp"
#include "http/user_routes.hpp"
#include "identity_settings.hpp"
#include "setup/initial_admin.hpp"
#include "setup/seed_users.hpp"
#include "tokens/access_token_issuer.hpp"
#include "tokens/signing_key_source.hpp"
#include "tokens/signing_keys.hpp"
#include "tokens/token_grants.hpp"

namespace catalog::identity {
namespace {

SigningKeySource keySource(const IdentitySettings& settings, const std::string& data_dir) {
  if (settings.signing_key_pem) return SigningKeySource::configuredText(*settings.signing_key_pem);
  if (settings.signing_key_file)
    return SigningKeySource::configuredFile(*settings.signing_key_file);
  return SigningKeySource::generatedIn(data_dir);
}

}  // namespace

class IdentityPlugin : public sdk::Plugin {
 public:
  IdentityPlugin()
      : settings_(IdentitySettings::read([this](std::string_view key) { return config(key); })),
        issuer_({settings_.issuer, settings_.audience, settings_.access_token_lifetime}),
        keys_(keySource(settings_, dataDir()), issuer_),
        throttle_(settings_.login),
        grants_(issuer_, throttle_, settings_.refresh_token_lifetime) {
    addAuthRoutes(*this, grants_);
    addKeyRoutes(*this, keys_);
    addUserRoutes(*this);
  }

  void start() override {
    keys_.activate();
    seedUsers(settings_.seed_users, log());
    ensureAnAdmin(dataDir(), log());
  }

 private:
  const IdentitySettings settings_;
  AccessTokenIssuer issuer_;
  SigningKeys keys_;
  LoginThrottle throttle_;
  TokenGrants grants_;
};

}  // namespace catalog::identity

CATALOG_PLUGIN(catalog::identity::IdentityPlugin, "identity", CATALOG_PLUGIN_VERSION)
