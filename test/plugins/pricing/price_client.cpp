#include "price_client.hpp"

#include <cppunit/extensions/HelperMacros.h>


#include "catalog/sdk/ids.hpp"
#include "support/assertions.hpp"
#include "support/eventually.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {

using sdk::Json;

const Headers& adminHeaders() {
  static const Headers headers = TestIssuer::instance().bearer("ADMIN");
  return headers;
}

const Headers& userHeaders() {
  static const Headers headers = TestIssuer::instance().bearer("USER");
  return headers;
}

HttpResult PriceClient::send(const std::string& method, const std::string& path,
                             const std::string& body, Headers headers) const {
  headers.insert(adminHeaders().begin(), adminHeaders().end());  // keeps a given Authorization
  return httpRequest(port_, method, path, body, headers);
}

HttpResult PriceClient::call(const std::string& method, const std::string& path, const Json& body,
                             Headers headers) const {
  return send(method, path, body.is_null() ? "" : body.dump(), std::move(headers));
}

Json PriceClient::create(const std::string& name, const Json& value) const {
  const HttpResult result = call("POST", kPrices, priceBody(name, value));
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 201, result.status);
  return result.json;
}

Json PriceClient::createPrice() const { return create(uniqueName("Monthly Fee")); }

Json PriceClient::current(const Json& price) const { return call("GET", itemPath(price)).json; }

HttpResult PriceClient::lock(const Json& price, const std::string& saga_id) const {
  return call("POST", itemPath(price) + "/lock", {{"saga_id", saga_id}});
}

HttpResult PriceClient::unlock(const Json& price, const std::string& saga_id) const {
  return call("POST", itemPath(price) + "/unlock", {{"saga_id", saga_id}});
}

HttpResult PriceClient::lockAll(const std::string& saga_id,
                                const std::vector<std::string>& ids) const {
  return call("POST", kPriceLocks, {{"saga_id", saga_id}, {"price_ids", ids}});
}

HttpResult PriceClient::releaseAll(const std::string& saga_id) const {
  return call("DELETE", std::string(kPriceLocks) + "/" + saga_id);
}

std::vector<Json> PriceClient::eventsAbout(const std::string& id) const {
  std::vector<Json> events;
  const HttpResult received = call("GET", "/probe/events");
  for (const Json& event : received.json["items"]) {
    if (event.value("topic", "") == "commercial.pricing.events" &&
        event["payload"].value("id", "") == id) {
      events.push_back(event);
    }
  }
  return events;
}

std::vector<Json> PriceClient::eventsUntil(const std::string& id, const std::string& type) const {
  const bool arrived = eventually([&] {
    const auto events = eventsAbout(id);
    return !events.empty() && events.back().value("event_type", "") == type;
  });
  CPPUNIT_ASSERT_MESSAGE(type + " about " + id + " never arrived", arrived);
  return eventsAbout(id);
}

void PriceClient::publishOfferingEvent(const std::string& type, int version,
                                       const std::string& offering_id,
                                       const std::vector<std::string>& pricing_ids) const {
  Json payload = {{"id", offering_id}, {"name", "Offering " + offering_id}};
  if (type != "OfferingDeleted") payload["pricing_ids"] = pricing_ids;
  const HttpResult result = call("POST", "/probe/publish",
                                 {{"topic", "product.offerings.events"},
                                  {"event_type", type},
                                  {"entity_version", version},
                                  {"payload", payload}});
  CPPUNIT_ASSERT_EQUAL(202, result.status);
  CPPUNIT_ASSERT(eventually([this] {
    return call("GET", "/health").json["plugins"]["probe"]["outbox"].value("pending", -1) == 0;
  }));
}

std::string uniqueSaga() { return "saga-" + sdk::newUuid(); }

Json priceBody(const std::string& name, const Json& value, const std::string& unit,
               const std::string& currency) {
  return {{"name", name}, {"value", value}, {"unit", unit}, {"currency", currency}};
}

std::string idOf(const Json& price) { return price.value("id", ""); }

std::string itemPath(const Json& price) { return std::string(kPrices) + "/" + idOf(price); }

Json replacement(const Json& price, const Json& changes) {
  Json body = {{"name", price["name"]},
               {"value", price["value"]},
               {"unit", price["unit"]},
               {"currency", price["currency"]},
               {"version", price["version"]}};
  body.update(changes);
  return body;
}

std::vector<std::string> typesOf(const std::vector<Json>& events) {
  std::vector<std::string> types;
  for (const Json& event : events) types.push_back(event.value("event_type", ""));
  return types;
}

std::string upperCase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

void assertRejectedField(const HttpResult& result, const std::string& field) {
  assertError(result, 400, "VALIDATION_ERROR");
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, field,
                               result.json["error"]["details"].value("field", ""));
}

void assertOneSagaWinsTheLockRace(const PriceClient& api, int sagas) {
  const sdk::Json price = api.createPrice();
  std::vector<std::string> saga_ids;
  std::vector<std::function<HttpResult()>> requests;
  for (int i = 0; i < sagas; ++i) {
    saga_ids.push_back(uniqueSaga());
    requests.push_back([&api, &price, saga = saga_ids.back()] { return api.lock(price, saga); });
  }
  const std::vector<HttpResult> results = atOnce(requests);
  std::vector<std::string> winners;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (results[i].status == 200) {
      winners.push_back(saga_ids[i]);
    } else {
      assertError(results[i], 423, "LOCKED");
    }
  }
  CPPUNIT_ASSERT_EQUAL(std::size_t{1}, winners.size());
  const sdk::Json now = api.current(price);
  CPPUNIT_ASSERT_EQUAL(winners[0], now.value("locked_by_saga_id", ""));
  CPPUNIT_ASSERT_EQUAL(2, now.value("version", 0));
  CPPUNIT_ASSERT_EQUAL(200, api.unlock(price, winners[0]).status);
  CPPUNIT_ASSERT((typesOf(api.eventsUntil(idOf(price), "PriceUnlocked")) ==
                  std::vector<std::string>{"PriceCreated", "PriceLocked", "PriceUnlocked"}));
}

}  // namespace catalog::test
