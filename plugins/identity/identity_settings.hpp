#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/login_throttle.hpp"
#include "domain/user.hpp"

namespace catalog::identity {

/// A user the configuration asks for (identity.seedUsers, demo profiles only).
struct SeedUser {
  std::string username;
  Role role = Role::User;
  std::string password;
};

/// The identity context's configuration, read once and validated when the plugin is created,
/// so a bad value stops the host at start instead of surprising a client later. Each key
/// `identity.<key>` can also come from the environment as CATALOG_IDENTITY_<KEY> (upper case,
/// '.' → '_').
///
///   accessTokenSeconds            3600      lifetime of access tokens (60..86400)
///   refreshTokenSeconds           604800    lifetime of each refresh token (60..31536000)
///   issuer                        catalog-identity   the tokens' iss
///   audience                      catalog-api        the tokens' aud
///   signingKey                    (none)    RSA private key, PEM text
///   signingKeyFile                (none)    path of an RSA private key PEM file
///   login.maxFailuresPerUser      5         failed logins per username in the window
///   login.maxFailuresPerAddress   20        failed logins per client address in the window
///   login.windowSeconds           300       (1..86400)
///   seedUsers                     (none)    "name:ROLE:password, …", created when missing
struct IdentitySettings {
  std::chrono::seconds access_token_lifetime{3600};
  std::chrono::seconds refresh_token_lifetime{7 * 24 * 3600};
  std::string issuer = "catalog-identity";
  std::string audience = "catalog-api";
  std::optional<std::string> signing_key_pem;
  std::optional<std::string> signing_key_file;
  LoginThrottle::Limits login;
  std::vector<SeedUser> seed_users;

  /// `lookup(key)` is the value of identity.<key> or nullopt (Plugin::config). Throws
  /// std::invalid_argument naming the key — never a secret value — when one is malformed.
  using Lookup = std::function<std::optional<std::string>(std::string_view)>;
  static IdentitySettings read(const Lookup& lookup);
};

}  // namespace catalog::identity
