// Store search over three published offerings in one host with the real contexts: full text,
// price and currency, channel, unit-aware characteristic comparisons combined with AND or OR,
// sorting, paging, facets over every match, and refusals of malformed searches.
#include <cppunit/extensions/HelperMacros.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "support/catalog_client.hpp"
#include "support/eventually.hpp"
#include "support/postgres_server.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

// Fibre Home (Speed 100 Mbps, 50.00 USD, online), Fibre Pro (Download Speed 1 Gbps,
// 120.00 USD, online and retail), Mobile (Color Black, 30.00 EUR, retail), all published.
class Catalog {
 public:
  explicit Catalog(const std::map<std::string, std::string>& env = {})
      : host_(catalogHost(dir_, "characteristic,specification,pricing,offering,store", env)),
        client_(host_.port()) {
    home_ = publish("Fibre Home", "Fast fibre for the family", {"Speed", "100", "Mbps"},
                    {"50.00", "USD"}, {"online"});
    pro_ = publish("Fibre Pro", "Symmetric fibre for offices", {"Download Speed", "1", "Gbps"},
                   {"120.00", "USD"}, {"online", "retail"});
    mobile_ =
        publish("Mobile", "A phone plan", {"Color", "Black", "None"}, {"30.00", "EUR"}, {"retail"});
  }

  const std::string& home() const { return home_; }
  const std::string& pro() const { return pro_; }
  const std::string& mobile() const { return mobile_; }

  // GET /api/v1/store/search?<query>, without a token.
  HttpResult search(const std::string& query) const {
    return httpRequest(client_.port(), "GET", "/api/v1/store/search?" + query);
  }

  // The ids the search answers, in order; asserts 200.
  std::vector<std::string> ids(const std::string& query) const {
    const HttpResult result = search(query);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(query + ": " + result.text, 200, result.status);
    std::vector<std::string> found;
    for (const Json& item : result.json["items"]) found.push_back(item.value("id", ""));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(query, Json(found.size()), result.json["total"]);
    return found;
  }

 private:
  std::string publish(const std::string& name, const std::string& description,
                      const std::vector<std::string>& characteristic,
                      const std::vector<std::string>& price, const Json& channels) {
    const Json c =
        client_.created("/api/v1/characteristics", {{"name", characteristic[0]},
                                                    {"value", characteristic[1]},
                                                    {"unit_of_measure", characteristic[2]}});
    const Json s = client_.created("/api/v1/specifications",
                                   {{"name", name + " spec"}, {"characteristic_ids", {c["id"]}}});
    const Json p = client_.created("/api/v1/prices", {{"name", name + " price"},
                                                      {"value", price[0]},
                                                      {"unit", "per month"},
                                                      {"currency", price[1]}});
    const std::string id = client_.newOffering({{"name", name},
                                                {"description", description},
                                                {"specification_ids", {s["id"]}},
                                                {"pricing_ids", {p["id"]}},
                                                {"sales_channels", channels}})["id"];
    CPPUNIT_ASSERT_EQUAL(202, client_.publish(id).status);
    client_.offeringOnceIn(id, "PUBLISHED");
    CPPUNIT_ASSERT(eventually([&] {
      return httpRequest(client_.port(), "GET", "/api/v1/store/offerings/" + id).status == 200;
    }));
    return id;
  }

  TempDir dir_;
  CatalogdProcess host_;
  CatalogClient client_;
  std::string home_, pro_, mobile_;
};

std::set<std::string> asSet(const std::vector<std::string>& ids) {
  return {ids.begin(), ids.end()};
}

void assertRefused(const Catalog& catalog, const std::string& query, const std::string& field,
                   const std::string& message_part) {
  const HttpResult result = catalog.search(query);
  CPPUNIT_ASSERT_EQUAL_MESSAGE(query + ": " + result.text, 400, result.status);
  const Json& error = result.json["error"];
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, Json("VALIDATION_ERROR"), error["code"]);
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.text, Json(field), error["details"]["field"]);
  CPPUNIT_ASSERT_MESSAGE(result.text,
                         error.value("message", "").find(message_part) != std::string::npos);
  CPPUNIT_ASSERT(error["correlation_id"].is_string());
}

}  // namespace

class StoreSearchTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(StoreSearchTest);
  CPPUNIT_TEST(testSearchesOnSqlite);
  CPPUNIT_TEST(testSearchesOnPostgresql);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testSearchesOnSqlite() { assertSearches(Catalog()); }

  // The store's own database on a real PostgreSQL (JSONB documents, tsvector and GIN); the other
  // contexts stay on SQLite.
  void testSearchesOnPostgresql() {
    PostgresServer server;
    assertSearches(Catalog({{"CATALOG_STORE_DATABASE_URL", server.createDatabase("store")}}));
  }

 private:
  // One catalog, one host: every search below reads it.
  static void assertSearches(const Catalog& catalog) {
    const std::string& home = catalog.home();
    const std::string& pro = catalog.pro();
    const std::string& mobile = catalog.mobile();
    using Ids = std::set<std::string>;

    // Full text: name, description, characteristic values; stemmed; every word required.
    CPPUNIT_ASSERT(asSet(catalog.ids("q=fibre")) == (Ids{home, pro}));
    CPPUNIT_ASSERT(asSet(catalog.ids("q=offices")) == (Ids{pro}));
    CPPUNIT_ASSERT(asSet(catalog.ids("q=black")) == (Ids{mobile}));
    CPPUNIT_ASSERT(asSet(catalog.ids("query=family")) == (Ids{home}));
    CPPUNIT_ASSERT(catalog.ids("q=fibre%20phone").empty());
    CPPUNIT_ASSERT(catalog.ids("q=%22%29%28*").empty());
    // The best match first: "fibre" in the name of both, "pro" only in one.
    CPPUNIT_ASSERT_EQUAL(pro, catalog.ids("q=fibre%20pro").at(0));

    // Price and currency: any price of the offering in range (inclusive).
    CPPUNIT_ASSERT(asSet(catalog.ids("max_price=50")) == (Ids{home, mobile}));
    CPPUNIT_ASSERT(asSet(catalog.ids("max_price=50&currency=usd")) == (Ids{home}));
    CPPUNIT_ASSERT(asSet(catalog.ids("min_price=50.01")) == (Ids{pro}));
    CPPUNIT_ASSERT_EQUAL(std::size_t{3}, catalog.ids("min_price=0").size());
    CPPUNIT_ASSERT(asSet(catalog.ids("currency=EUR")) == (Ids{mobile}));

    CPPUNIT_ASSERT(asSet(catalog.ids("channel=retail")) == (Ids{pro, mobile}));

    // Characteristics, unit-aware: 1 Gbps is more than 50 Mbps and as much as 1000 Mbps.
    CPPUNIT_ASSERT(asSet(catalog.ids("characteristic=Speed:%3E50Mbps")) == (Ids{home}));
    CPPUNIT_ASSERT(asSet(catalog.ids("characteristic=Download%20Speed:%3E50Mbps")) == (Ids{pro}));
    CPPUNIT_ASSERT(asSet(catalog.ids("characteristic=download%20speed:%3E%3D1000Mbps")) ==
                   (Ids{pro}));
    CPPUNIT_ASSERT(catalog.ids("characteristic=Download%20Speed:%3E1Gbps").empty());
    CPPUNIT_ASSERT(catalog.ids("characteristic=Speed:%3E%3D1Gbps").empty());
    CPPUNIT_ASSERT(catalog.ids("characteristic=Speed:%3E50GB").empty());  // another dimension
    CPPUNIT_ASSERT(asSet(catalog.ids("characteristic=Speed:%3C%3D100")) == (Ids{home}));
    CPPUNIT_ASSERT(asSet(catalog.ids("characteristic=Color:%3Dblack")) == (Ids{mobile}));
    CPPUNIT_ASSERT(catalog.ids("characteristic=Color:!%3DBlack").empty());
    const std::string both = "characteristic=Speed:%3E50Mbps&characteristic=Color:%3DBlack";
    CPPUNIT_ASSERT(catalog.ids(both).empty());
    CPPUNIT_ASSERT(asSet(catalog.ids(both + "&characteristic_logic=or")) == (Ids{home, mobile}));
    CPPUNIT_ASSERT(asSet(catalog.ids("q=fibre&max_price=100&characteristic=Speed:%3E50Mbps")) ==
                   (Ids{home}));

    // Sorting and paging.
    CPPUNIT_ASSERT((std::vector<std::string>{mobile, home, pro}) == catalog.ids("sort=price"));
    CPPUNIT_ASSERT((std::vector<std::string>{pro, home, mobile}) ==
                   catalog.ids("sort=price&order=desc"));
    CPPUNIT_ASSERT((std::vector<std::string>{home, pro, mobile}) == catalog.ids("sort=name"));
    CPPUNIT_ASSERT((std::vector<std::string>{mobile, pro, home}) == catalog.ids(""));
    CPPUNIT_ASSERT((std::vector<std::string>{home, pro, mobile}) ==
                   catalog.ids("sort=published_at&order=asc"));
    const HttpResult page = catalog.search("sort=name&page=2&page_size=2");
    CPPUNIT_ASSERT_EQUAL(Json(3), page.json["total"]);
    CPPUNIT_ASSERT_EQUAL(Json(2), page.json["page"]);
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, page.json["items"].size());
    CPPUNIT_ASSERT_EQUAL(Json(mobile), page.json["items"][0]["id"]);
    const HttpResult beyond = catalog.search("sort=name&page=3&page_size=2");
    CPPUNIT_ASSERT_EQUAL(Json(3), beyond.json["total"]);  // still counted past the last page
    CPPUNIT_ASSERT(beyond.json["items"].empty());

    // Facets count every match, not only the page.
    const Json facets = catalog.search("page_size=1").json["facets"];
    CPPUNIT_ASSERT_EQUAL((Json{{{"currency", "EUR"},
                                {"range", "0-50"},
                                {"min", "0.00"},
                                {"max", "50.00"},
                                {"count", 1}},
                               {{"currency", "USD"},
                                {"range", "50-100"},
                                {"min", "50.00"},
                                {"max", "100.00"},
                                {"count", 1}},
                               {{"currency", "USD"},
                                {"range", "100-200"},
                                {"min", "100.00"},
                                {"max", "200.00"},
                                {"count", 1}}}),
                         facets["price_ranges"]);
    CPPUNIT_ASSERT_EQUAL(
        (Json{
            {{"name", "Color"}, {"values", {{{"value", "Black"}, {"unit", "None"}, {"count", 1}}}}},
            {{"name", "Download Speed"},
             {"values", {{{"value", "1"}, {"unit", "Gbps"}, {"count", 1}}}}},
            {{"name", "Speed"}, {"values", {{{"value", "100"}, {"unit", "Mbps"}, {"count", 1}}}}}}),
        facets["characteristics"]);
    const Json narrowed = catalog.search("channel=online").json["facets"]["characteristics"];
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, narrowed.size());

    // Refusals say what is wrong, in the SRS error format.
    assertRefused(catalog, "characteristic=Speed%3E50", "characteristic", "has no ':'");
    assertRefused(catalog, "characteristic=Speed:%3E50furlongs", "characteristic",
                  "unknown unit 'furlongs'");
    assertRefused(catalog, "characteristic=Color:%3EBlack", "characteristic",
                  "only = and != compare text");
    assertRefused(catalog, "min_price=abc", "min_price", "decimal number");
    assertRefused(catalog, "min_price=100&max_price=50", "min_price", "not be above max_price");
    assertRefused(catalog, "currency=DOLLARS", "currency", "ISO 4217");
    assertRefused(catalog, "sort=colour", "sort", "price, name or published_at");
    assertRefused(catalog, "sort=relevance", "sort", "relevance with q");
    assertRefused(catalog, "order=up", "order", "asc or desc");
    assertRefused(catalog, "characteristic_logic=xor", "characteristic_logic", "and or or");
    assertRefused(catalog, "page_size=1000", "page_size", "");
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(StoreSearchTest);

}  // namespace catalog::test
