// Keys as verifiers see them: JWK, RFC 7638 thumbprints as kids, PEM round trips.
#include "crypto/jwk.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <cppunit/extensions/HelperMacros.h>
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <memory>
#include <sstream>
#include <stdexcept>

#include "crypto/base64url.hpp"
#include "crypto/rsa_key_pair.hpp"

namespace catalog::identity {
namespace {

// RFC 7638 §3.1.
const RsaPublicJwk kRfc7638Key{
    "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPeb"
    "WKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_"
    "FDW2QvzqY368QQ"
    "MicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-"
    "bFTWhAI4vMQFh6WeZu0fM4lFd2Nc"
    "Rwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
    "AQAB"};
const std::string kRfc7638Thumbprint = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

std::string fromBase64url(const std::string& text) {
  std::istringstream in(text);
  Poco::Base64Decoder decoder(in, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
  return std::string(std::istreambuf_iterator<char>(decoder), {});
}

BIGNUM* bignum(const std::string& base64url_value) {
  const std::string bytes = fromBase64url(base64url_value);
  return BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                   static_cast<int>(bytes.size()), nullptr);
}

// The public key of `jwk` as "BEGIN PUBLIC KEY" PEM, built with OpenSSL 3's EVP_PKEY_fromdata.
std::string publicPemOf(const RsaPublicJwk& jwk) {
  BIGNUM* n = bignum(jwk.n);
  BIGNUM* e = bignum(jwk.e);
  OSSL_PARAM_BLD* builder = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, n);
  OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, e);
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(builder);
  EVP_PKEY_CTX* context = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
  EVP_PKEY* key = nullptr;
  const bool built = EVP_PKEY_fromdata_init(context) == 1 &&
                     EVP_PKEY_fromdata(context, &key, EVP_PKEY_PUBLIC_KEY, params) == 1;
  BIO* bio = BIO_new(BIO_s_mem());
  const bool written = built && PEM_write_bio_PUBKEY(bio, key) == 1;
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  EVP_PKEY_free(key);
  EVP_PKEY_CTX_free(context);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(builder);
  BN_free(e);
  BN_free(n);
  if (!written) throw std::runtime_error("could not build the RFC 7638 key");
  return pem;
}

std::string privatePemOfSize(int bits) {
  EVP_PKEY* key = EVP_RSA_gen(static_cast<unsigned int>(bits));
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  EVP_PKEY_free(key);
  return pem;
}

}  // namespace

class JwkTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(JwkTest);
  CPPUNIT_TEST(testBase64urlIsUrlSafeWithoutPadding);
  CPPUNIT_TEST(testThumbprintOfTheRfc7638ExampleIsTheRfcs);
  CPPUNIT_TEST(testJwkOfAPemKeyHasTheRfcMembersAndThumbprint);
  CPPUNIT_TEST(testJwksEntryNamesAlgorithmUseAndKid);
  CPPUNIT_TEST(testGeneratedKeySurvivesPemRoundTripWithTheSameKid);
  CPPUNIT_TEST(testDifferentKeysHaveDifferentKids);
  CPPUNIT_TEST(testKeyShorterThan2048BitsIsRefused);
  CPPUNIT_TEST(testTextThatIsNoKeyIsRefusedWithoutQuotingIt);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testBase64urlIsUrlSafeWithoutPadding() {
    CPPUNIT_ASSERT_EQUAL(std::string("-_8"), base64url("\xfb\xff"));
    CPPUNIT_ASSERT_EQUAL(std::string("AQAB"), base64url(std::string("\x01\x00\x01", 3)));
    CPPUNIT_ASSERT_EQUAL(std::string("YQ"), base64url("a"));
    CPPUNIT_ASSERT_EQUAL(std::size_t(43), base64url(std::string(32, 'x')).size());  // no newline
  }

  void testThumbprintOfTheRfc7638ExampleIsTheRfcs() {
    CPPUNIT_ASSERT_EQUAL(kRfc7638Thumbprint, jwkThumbprint(kRfc7638Key));
  }

  void testJwkOfAPemKeyHasTheRfcMembersAndThumbprint() {
    const RsaPublicJwk jwk = RsaKeyPair::publicJwkOf(publicPemOf(kRfc7638Key));
    CPPUNIT_ASSERT_EQUAL(kRfc7638Key.n, jwk.n);
    CPPUNIT_ASSERT_EQUAL(kRfc7638Key.e, jwk.e);
    CPPUNIT_ASSERT_EQUAL(kRfc7638Thumbprint, jwkThumbprint(jwk));
  }

  void testJwksEntryNamesAlgorithmUseAndKid() {
    const sdk::Json entry = toJson(kRfc7638Key, kRfc7638Thumbprint);
    CPPUNIT_ASSERT_EQUAL(std::string("RSA"), entry.value("kty", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("sig"), entry.value("use", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("RS256"), entry.value("alg", ""));
    CPPUNIT_ASSERT_EQUAL(kRfc7638Thumbprint, entry.value("kid", ""));
    CPPUNIT_ASSERT_EQUAL(kRfc7638Key.n, entry.value("n", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("AQAB"), entry.value("e", ""));
  }

  void testGeneratedKeySurvivesPemRoundTripWithTheSameKid() {
    const RsaKeyPair key = RsaKeyPair::generate();
    const RsaKeyPair reloaded = RsaKeyPair::fromPrivatePem(key.privatePem());
    CPPUNIT_ASSERT_EQUAL(key.kid(), reloaded.kid());
    CPPUNIT_ASSERT_EQUAL(key.publicPem(), reloaded.publicPem());
    CPPUNIT_ASSERT_EQUAL(key.kid(), jwkThumbprint(RsaKeyPair::publicJwkOf(key.publicPem())));
    CPPUNIT_ASSERT_EQUAL(std::size_t(0), key.publicPem().find("-----BEGIN PUBLIC KEY-----"));
    CPPUNIT_ASSERT_EQUAL(2048, key.signingKey()->size() * 8);  // size() counts bytes
  }

  void testDifferentKeysHaveDifferentKids() {
    CPPUNIT_ASSERT(RsaKeyPair::generate().kid() != RsaKeyPair::generate().kid());
  }

  void testKeyShorterThan2048BitsIsRefused() {
    CPPUNIT_ASSERT_THROW(RsaKeyPair::fromPrivatePem(privatePemOfSize(1024)), std::invalid_argument);
  }

  void testTextThatIsNoKeyIsRefusedWithoutQuotingIt() {
    try {
      RsaKeyPair::fromPrivatePem("-----BEGIN PRIVATE KEY-----\nsecretgarbage\n");
      CPPUNIT_FAIL("garbage was accepted as a key");
    } catch (const std::invalid_argument& e) {
      CPPUNIT_ASSERT(std::string(e.what()).find("secretgarbage") == std::string::npos);
    }
    CPPUNIT_ASSERT_THROW(RsaKeyPair::publicJwkOf("not a key"), std::invalid_argument);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(JwkTest);

}  // namespace catalog::identity
