#include "crypto/rsa_key_pair.hpp"

#include <Poco/Crypto/EVPPKey.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <stdexcept>

#include "crypto/base64url.hpp"

namespace catalog::identity {
namespace {

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;

Bio memoryBio() {
  Bio bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!bio) throw std::runtime_error("BIO_new failed");
  return bio;
}

Bio readBio(const std::string& text) {
  Bio bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())), &BIO_free);
  if (!bio) throw std::runtime_error("BIO_new_mem_buf failed");
  return bio;
}

std::string contentsOf(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::shared_ptr<EVP_PKEY> own(EVP_PKEY* key) {
  return std::shared_ptr<EVP_PKEY>(key, &EVP_PKEY_free);
}

std::string base64urlParameter(const EVP_PKEY* key, const char* name) {
  BIGNUM* value = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &value) != 1) {
    throw std::runtime_error(std::string("RSA key has no parameter ") + name);
  }
  std::string bytes(static_cast<std::size_t>(BN_num_bytes(value)), '\0');
  BN_bn2bin(value, reinterpret_cast<unsigned char*>(bytes.data()));
  BN_free(value);
  return base64url(bytes);
}

RsaPublicJwk jwkOf(const EVP_PKEY* key) {
  return {base64urlParameter(key, OSSL_PKEY_PARAM_RSA_N),
          base64urlParameter(key, OSSL_PKEY_PARAM_RSA_E)};
}

bool isRsa(const EVP_PKEY* key) { return EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA; }

}  // namespace

RsaKeyPair::RsaKeyPair(std::shared_ptr<EVP_PKEY> key) : key_(std::move(key)) {
  Bio bio = memoryBio();
  if (PEM_write_bio_PUBKEY(bio.get(), key_.get()) != 1) {
    throw std::runtime_error("cannot write the public key as PEM");
  }
  public_pem_ = contentsOf(bio.get());
  jwk_ = jwkOf(key_.get());
  kid_ = jwkThumbprint(jwk_);
  poco_key_ = new Poco::Crypto::RSAKey(Poco::Crypto::EVPPKey(key_.get()));
}

RsaKeyPair RsaKeyPair::generate() {
  EVP_PKEY* key = EVP_RSA_gen(static_cast<unsigned int>(kBits));
  if (key == nullptr) throw std::runtime_error("RSA key generation failed");
  return RsaKeyPair(own(key));
}

RsaKeyPair RsaKeyPair::fromPrivatePem(const std::string& pem) {
  Bio bio = readBio(pem);
  std::shared_ptr<EVP_PKEY> key =
      own(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key || !isRsa(key.get())) {
    throw std::invalid_argument("not an unencrypted RSA private key in PEM form");
  }
  if (EVP_PKEY_get_bits(key.get()) < kBits) {
    throw std::invalid_argument("the RSA key has " + std::to_string(EVP_PKEY_get_bits(key.get())) +
                                " bits; at least " + std::to_string(kBits) + " are required");
  }
  return RsaKeyPair(std::move(key));
}

RsaPublicJwk RsaKeyPair::publicJwkOf(const std::string& pem) {
  Bio bio = readBio(pem);
  const std::shared_ptr<EVP_PKEY> key =
      own(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  if (!key || !isRsa(key.get())) throw std::invalid_argument("not an RSA public key in PEM form");
  return jwkOf(key.get());
}

std::string RsaKeyPair::privatePem() const {
  Bio bio = memoryBio();
  if (PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    throw std::runtime_error("cannot write the private key as PEM");
  }
  return contentsOf(bio.get());
}

}  // namespace catalog::identity
