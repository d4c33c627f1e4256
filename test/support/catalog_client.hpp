#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "catalog/sdk/json.hpp"
#include "support/catalogd_process.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"
#include "support/test_data.hpp"

namespace catalog::test {

using Headers = std::map<std::string, std::string>;

inline constexpr const char* kOfferings = "/api/v1/offerings";
inline constexpr const char* kOfferingTopic = "product.offerings.events";

/// A catalogd with the workflow engine on, loading `plugins` (e.g.
/// "characteristic,specification,pricing,offering,probe,saga_probe") from the build tree and
/// the fixtures, trusting the test issuer, with its data under `dir`. The saga probe, when
/// loaded, works only the store topics (create-store-entry, delete-store-entry), which no
/// plugin here works; `env` adds or overrides settings, e.g.
/// {"CATALOG_SAGA_PROBE_CREATE_STORE_ENTRY", "bpmn-error"}.
CatalogdProcess::Options catalogHost(const TempDir& dir, const std::string& plugins,
                                     const std::map<std::string, std::string>& env = {});

/// The catalog API of one catalogd, as an ADMIN unless the headers name another
/// Authorization. Thread-safe.
class CatalogClient {
 public:
  explicit CatalogClient(int port) : port_(port) {}

  int port() const noexcept { return port_; }
  HttpResult call(const std::string& method, const std::string& path,
                  const sdk::Json& body = sdk::Json(), Headers headers = {}) const;
  /// POSTs `body` to `collection`, asserts 201 and returns what was created.
  sdk::Json created(const std::string& collection, const sdk::Json& body) const;

  /// A new characteristic, specification (listing a new characteristic) or price, with a name
  /// no other test uses; returns its id.
  std::string newCharacteristic() const;
  std::string newSpecification() const;
  std::string newSpecification(const std::string& characteristic_id) const;
  std::string newPrice() const;
  /// A new draft with a fresh name and `fields` (specification_ids, pricing_ids, …).
  sdk::Json newOffering(const sdk::Json& fields = sdk::Json::object()) const;
  /// characteristic → specification → price → a draft listing them, sold "online".
  sdk::Json newCompleteOffering() const;

  /// GET of the offering (asserting 200).
  sdk::Json offering(const std::string& id) const;
  HttpResult publish(const std::string& id, Headers headers = {}) const;
  /// Waits until the offering's lifecycle_status is `status` and returns it; asserts it gets
  /// there, naming what it was last.
  sdk::Json offeringOnceIn(const std::string& id, const std::string& status,
                           std::chrono::milliseconds timeout = std::chrono::seconds(15)) const;
  /// GET …/publication (asserting 200).
  sdk::Json publication(const std::string& id) const;

  /// Events the probe recorded on `topic` about the entity `id`, in order.
  std::vector<sdk::Json> eventsAbout(const std::string& topic, const std::string& id) const;
  /// Their event types.
  std::vector<std::string> eventTypesAbout(const std::string& topic, const std::string& id) const;
  /// Waits until `plugin` has relayed its whole outbox; asserts it does.
  void awaitOutboxDrained(const std::string& plugin) const;
  /// Publishes an event through the probe as another context would, and waits until it is
  /// relayed.
  void publishEvent(const std::string& topic, const std::string& type, int version,
                    const sdk::Json& payload) const;

 private:
  int port_;
};

std::string offeringPath(const std::string& id);
std::string offeringPath(const sdk::Json& offering);
/// The PUT body replacing `offering` at its version with `changes` applied.
sdk::Json replacement(const sdk::Json& offering, const sdk::Json& changes = sdk::Json::object());

}  // namespace catalog::test
