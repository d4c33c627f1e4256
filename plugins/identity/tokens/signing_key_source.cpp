#include "tokens/signing_key_source.hpp"

#include <stdexcept>

#include "crypto/private_file.hpp"

namespace catalog::identity {

SigningKeySource SigningKeySource::configuredText(std::string pem) {
  return SigningKeySource(Kind::ConfiguredText, std::move(pem));
}

SigningKeySource SigningKeySource::configuredFile(std::string path) {
  return SigningKeySource(Kind::ConfiguredFile, std::move(path));
}

SigningKeySource SigningKeySource::generatedIn(const std::string& data_dir) {
  return SigningKeySource(Kind::Generated, data_dir + "/" + kGeneratedKeyFileName);
}

std::string SigningKeySource::description() const {
  switch (kind_) {
    case Kind::ConfiguredText:
      return "identity.signingKey";
    case Kind::ConfiguredFile:
      return "identity.signingKeyFile " + value_;
    case Kind::Generated:
      break;
  }
  return "generated key file " + value_;
}

RsaKeyPair SigningKeySource::parse(const std::string& pem) const {
  try {
    return RsaKeyPair::fromPrivatePem(pem);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument("the signing key from " + description() +
                                " is unusable: " + e.what());
  }
}

void SigningKeySource::warnIfReadableByOthers(const sdk::Logger& log) const {
  if (readableByOthers(value_)) {
    log.warning("the signing key file " + value_ +
                " is readable by its group or others; only the catalog's user should read it "
                "(chmod 600)");
  }
}

RsaKeyPair SigningKeySource::loadOrGenerate(const sdk::Logger& log) const {
  if (!fileExists(value_)) {
    RsaKeyPair key = RsaKeyPair::generate();
    // Keep: if another process sharing the data directory won the race, its key is the one.
    if (writePrivateFile(value_, key.privatePem(), IfExists::Keep)) {
      log.info("generated a new signing key in " + value_ + " (kid " + key.kid() + ")");
      return key;
    }
  }
  warnIfReadableByOthers(log);
  return parse(readFile(value_));
}

RsaKeyPair SigningKeySource::load(const sdk::Logger& log) const {
  switch (kind_) {
    case Kind::ConfiguredText:
      return parse(value_);
    case Kind::ConfiguredFile:
      warnIfReadableByOthers(log);
      return parse(readFile(value_));
    case Kind::Generated:
      break;
  }
  return loadOrGenerate(log);
}

void SigningKeySource::store(const RsaKeyPair& key) const {
  if (kind_ != Kind::Generated) {
    throw std::logic_error("a configured signing key is not written by the plugin");
  }
  writePrivateFile(value_, key.privatePem(), IfExists::Replace);
}

}  // namespace catalog::identity
