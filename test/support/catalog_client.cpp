#include "support/catalog_client.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include "support/eventually.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {

using sdk::Json;

CatalogdProcess::Options catalogHost(const TempDir& dir, const std::string& plugins,
                                     const std::map<std::string, std::string>& env) {
  CatalogdProcess::Options options{{"--plugins=" + plugins, "--data-dir=" + dir.file("var")},
                                   TestIssuer::instance().hostEnv(),
                                   dir.file("catalogd.log")};
  options.env["CATALOG_PLUGIN_PATH"] = CATALOG_FIXTURE_DIR;
  options.env["CATALOG_ENGINE_ENABLED"] = "true";
  options.env["CATALOG_SAGA_PROBE_TOPICS"] = "create-store-entry,delete-store-entry";
  for (const auto& [key, value] : env) options.env[key] = value;
  return options;
}

HttpResult CatalogClient::call(const std::string& method, const std::string& path, const Json& body,
                               Headers headers) const {
  static const Headers admin = TestIssuer::instance().bearer("ADMIN");
  headers.insert(admin.begin(), admin.end());  // keeps a given Authorization
  return httpRequest(port_, method, path, body.is_null() ? "" : body.dump(), headers);
}

Json CatalogClient::created(const std::string& collection, const Json& body) const {
  const HttpResult result = call("POST", collection, body);
  CPPUNIT_ASSERT_EQUAL_MESSAGE(collection + ": " + result.text, 201, result.status);
  return result.json;
}

std::string CatalogClient::newCharacteristic() const {
  return created("/api/v1/characteristics",
                 {{"name", uniqueName("Speed")}, {"value", "100"}, {"unit_of_measure", "Mbps"}})
      .value("id", "");
}

std::string CatalogClient::newSpecification() const {
  return newSpecification(newCharacteristic());
}

std::string CatalogClient::newSpecification(const std::string& characteristic_id) const {
  return created("/api/v1/specifications", {{"name", uniqueName("Fiber Package")},
                                            {"characteristic_ids", {characteristic_id}}})
      .value("id", "");
}

std::string CatalogClient::newPrice() const {
  return created("/api/v1/prices", {{"name", uniqueName("Monthly Fee")},
                                    {"value", "50.00"},
                                    {"unit", "per month"},
                                    {"currency", "USD"}})
      .value("id", "");
}

Json CatalogClient::newOffering(const Json& fields) const {
  Json body = {{"name", uniqueName("Fiber Offer")}};
  body.update(fields);
  return created(kOfferings, body);
}

Json CatalogClient::newCompleteOffering() const {
  return newOffering({{"description", "Home fiber"},
                      {"specification_ids", {newSpecification()}},
                      {"pricing_ids", {newPrice()}},
                      {"sales_channels", {"online"}}});
}

Json CatalogClient::offering(const std::string& id) const {
  const HttpResult result = call("GET", offeringPath(id));
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 200, result.status);
  return result.json;
}

HttpResult CatalogClient::publish(const std::string& id, Headers headers) const {
  return call("POST", offeringPath(id) + "/publish", Json(), std::move(headers));
}

Json CatalogClient::offeringOnceIn(const std::string& id, const std::string& status,
                                   std::chrono::milliseconds timeout) const {
  Json last;
  const bool reached = eventually(
      [&] {
        last = offering(id);
        return last.value("lifecycle_status", "") == status;
      },
      timeout);
  CPPUNIT_ASSERT_MESSAGE("offering never " + status + "; last " + last.dump(), reached);
  return last;
}

Json CatalogClient::publication(const std::string& id) const {
  const HttpResult result = call("GET", offeringPath(id) + "/publication");
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 200, result.status);
  return result.json;
}

std::vector<Json> CatalogClient::eventsAbout(const std::string& topic,
                                             const std::string& id) const {
  std::vector<Json> events;
  const HttpResult received = call("GET", "/probe/events");  // outlives the loop
  for (const Json& event : received.json["items"]) {
    if (event.value("topic", "") == topic && event["payload"].value("id", "") == id)
      events.push_back(event);
  }
  return events;
}

std::vector<std::string> CatalogClient::eventTypesAbout(const std::string& topic,
                                                        const std::string& id) const {
  std::vector<std::string> types;
  for (const Json& event : eventsAbout(topic, id)) types.push_back(event.value("event_type", ""));
  return types;
}

void CatalogClient::awaitOutboxDrained(const std::string& plugin) const {
  CPPUNIT_ASSERT_MESSAGE(
      plugin + "'s outbox was never relayed", eventually([&] {
        return call("GET", "/health").json["plugins"][plugin]["outbox"].value("pending", -1) == 0;
      }));
}

void CatalogClient::publishEvent(const std::string& topic, const std::string& type, int version,
                                 const Json& payload) const {
  const HttpResult result = call(
      "POST", "/probe/publish",
      {{"topic", topic}, {"event_type", type}, {"entity_version", version}, {"payload", payload}});
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, 202, result.status);
  awaitOutboxDrained("probe");
}

std::string offeringPath(const std::string& id) { return std::string(kOfferings) + "/" + id; }

std::string offeringPath(const Json& offering) { return offeringPath(offering.value("id", "")); }

Json replacement(const Json& offering, const Json& changes) {
  Json body = {{"name", offering["name"]},
               {"description", offering["description"]},
               {"specification_ids", offering["specification_ids"]},
               {"pricing_ids", offering["pricing_ids"]},
               {"sales_channels", offering["sales_channels"]},
               {"version", offering["version"]}};
  body.update(changes);
  return body;
}

}  // namespace catalog::test
