#include "tokens/signing_keys.hpp"

#include <memory>

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/ids.hpp"
#include "catalog/sdk/log.hpp"
#include "catalog/sdk/transaction.hpp"
#include "storage/signing_key_repository.hpp"

namespace catalog::identity {
namespace {

// Verifiers' clocks may run a little behind ours.
constexpr std::chrono::seconds kClockSkew{60};

}  // namespace

void SigningKeys::record(const RsaKeyPair& key, const std::string& correlation_id) const {
  sdk::Transaction tx(sdk::Transaction::Mode::ReadWrite, correlation_id);
  SigningKeyRepository keys(tx);
  const std::string now = sdk::utcNow();
  keys.makeCurrent(key.kid(), key.publicPem(), now);
  keys.retireAllBut(key.kid(), now);
  tx.commit();
}

void SigningKeys::activate() {
  const sdk::Logger log;
  auto key = std::make_shared<const RsaKeyPair>(source_.load(log));
  record(*key, {});
  issuer_.use(key);
  log.info("signing access tokens with the key from " + source_.description() + " (kid " +
           key->kid() + ")");
}

std::string SigningKeys::rotate(const std::string& correlation_id) {
  if (!source_.generatesKeys()) {
    throw sdk::ConflictError(
        "The signing key comes from configuration (" + source_.description() +
            "); a configured key rotates by changing the configuration and restarting",
        {{"source", "configuration"}});
  }
  std::lock_guard<std::mutex> lock(rotation_mutex_);
  auto key = std::make_shared<const RsaKeyPair>(RsaKeyPair::generate());
  // File first: should recording fail, the old key stays current here and a restart adopts
  // the new file; recorded first, a failed write would retire the key still signing.
  source_.store(*key);
  record(*key, correlation_id);
  issuer_.use(key);
  sdk::Logger(correlation_id).info("rotated the signing key; new kid " + key->kid());
  return key->kid();
}

sdk::Json SigningKeys::jwks(const std::string& correlation_id) const {
  const auto grace = issuer_.lifetime() + kClockSkew;
  std::vector<PublishedKey> published;
  {
    sdk::Transaction tx(sdk::Transaction::Mode::ReadOnly, correlation_id);
    published = SigningKeyRepository(tx).publishedSince(
        sdk::utcAfter(-std::chrono::duration_cast<std::chrono::milliseconds>(grace)));
  }
  sdk::Json keys = sdk::Json::array();
  for (const PublishedKey& key : published) {
    keys.push_back(toJson(RsaKeyPair::publicJwkOf(key.public_key_pem), key.kid));
  }
  return {{"keys", std::move(keys)}};
}

std::string SigningKeys::currentPublicPem() const {
  const auto key = issuer_.currentKey();
  if (!key) throw sdk::UnavailableError("The identity service has not started yet");
  return key->publicPem();
}

}  // namespace catalog::identity
