#pragma once

#include <string>

#include "catalog/sdk/log.hpp"
#include "crypto/rsa_key_pair.hpp"

namespace catalog::identity {

/// Where the key that signs access tokens comes from: configuration — PEM text
/// (identity.signingKey) or a PEM file (identity.signingKeyFile) — or, when neither is set, a
/// file this plugin generates in the data directory on first start and keeps afterwards.
///
/// Only a generated key can be rotated here; a configured key is owned by whoever configures
/// it. Several identity instances must share a configured key: each instance with a key of its
/// own would publish only its own and retire the others' (see SigningKeys).
class SigningKeySource {
 public:
  /// The file a generated key lives in, inside the data directory.
  static constexpr const char* kGeneratedKeyFileName = "identity-signing-key.pem";

  static SigningKeySource configuredText(std::string pem);
  static SigningKeySource configuredFile(std::string path);
  static SigningKeySource generatedIn(const std::string& data_dir);

  /// The key. A generated source creates its file (mode 0600) first when there is none yet.
  /// Warns through `log` when a key file is readable by group or others. Throws
  /// std::invalid_argument or std::runtime_error naming the source, never quoting the key.
  RsaKeyPair load(const sdk::Logger& log) const;
  /// Whether rotate() may replace the key.
  bool generatesKeys() const noexcept { return kind_ == Kind::Generated; }
  /// Generated sources only: writes `key` over the key file, atomically and 0600.
  void store(const RsaKeyPair& key) const;
  /// For messages: "identity.signingKey", "identity.signingKeyFile /etc/…", "generated key
  /// file /var/…".
  std::string description() const;

 private:
  enum class Kind { ConfiguredText, ConfiguredFile, Generated };
  SigningKeySource(Kind kind, std::string value) : kind_(kind), value_(std::move(value)) {}

  RsaKeyPair parse(const std::string& pem) const;
  RsaKeyPair loadOrGenerate(const sdk::Logger& log) const;
  void warnIfReadableByOthers(const sdk::Logger& log) const;

  Kind kind_;
  std::string value_;  // the PEM for ConfiguredText, else the file's path
};

}  // namespace catalog::identity
