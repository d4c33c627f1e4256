#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "catalog/sdk/json.hpp"
#include "support/http_client.hpp"
#include "support/test_data.hpp"

namespace catalog::test {

using Headers = std::map<std::string, std::string>;

inline constexpr const char* kPrices = "/api/v1/prices";
inline constexpr const char* kPriceLocks = "/api/v1/prices/locks";

/// {"Authorization": "Bearer …"} with a test issuer's token for ADMIN / USER, made once.
const Headers& adminHeaders();
const Headers& userHeaders();

/// The pricing API of one catalogd, as an ADMIN unless the headers name another
/// Authorization. Thread-safe.
class PriceClient {
 public:
  explicit PriceClient(int port) : port_(port) {}

  int port() const noexcept { return port_; }
  HttpResult send(const std::string& method, const std::string& path, const std::string& body,
                  Headers headers = {}) const;
  HttpResult call(const std::string& method, const std::string& path,
                  const sdk::Json& body = sdk::Json(), Headers headers = {}) const;

  /// Creates a price (asserting 201) and returns it.
  sdk::Json create(const std::string& name, const sdk::Json& value = "49.99") const;
  /// Creates a price with a name no other test uses.
  sdk::Json createPrice() const;
  /// The price as it is now.
  sdk::Json current(const sdk::Json& price) const;
  HttpResult lock(const sdk::Json& price, const std::string& saga_id) const;
  HttpResult unlock(const sdk::Json& price, const std::string& saga_id) const;
  HttpResult lockAll(const std::string& saga_id, const std::vector<std::string>& ids) const;
  HttpResult releaseAll(const std::string& saga_id) const;

  /// Pricing events the probe fixture received about one price, in order.
  std::vector<sdk::Json> eventsAbout(const std::string& id) const;
  /// Waits until the price's events end with one of `type` (asserting it comes) and returns
  /// them all. Events arrive in order, so any emitted before that one has arrived too.
  std::vector<sdk::Json> eventsUntil(const std::string& id, const std::string& type) const;
  /// Publishes an offering event through the probe's outbox and waits until the relay has
  /// delivered it, so its effect on reference tracking is in place.
  void publishOfferingEvent(const std::string& type, int version, const std::string& offering_id,
                            const std::vector<std::string>& pricing_ids) const;

 private:
  int port_;
};

/// A saga id no other test uses.
std::string uniqueSaga();
/// A create body.
sdk::Json priceBody(const std::string& name, const sdk::Json& value = "49.99",
                    const std::string& unit = "per month", const std::string& currency = "USD");
std::string idOf(const sdk::Json& price);
std::string itemPath(const sdk::Json& price);
/// The full replacement (PUT body) of `price` at its version, with `changes` applied.
sdk::Json replacement(const sdk::Json& price, const sdk::Json& changes = sdk::Json::object());
std::vector<std::string> typesOf(const std::vector<sdk::Json>& events);
std::string upperCase(std::string text);
/// Asserts a 400 VALIDATION_ERROR whose details name `field`.
void assertRejectedField(const HttpResult& result, const std::string& field);
/// `sagas` sagas lock one new price at once: asserts exactly one wins and every other gets 423,
/// that the price is the winner's at version 2, and that after the winner unlocks it the
/// price's events are exactly Created, Locked, Unlocked (one lock, however many tried).
void assertOneSagaWinsTheLockRace(const PriceClient& api, int sagas);

}  // namespace catalog::test
