#include "http/price_routes.hpp"

#include "catalog/sdk/entities.hpp"
#include "catalog/sdk/fields.hpp"
#include "catalog/sdk/ids.hpp"
#include "catalog/sdk/pagination.hpp"
#include "catalog/sdk/references.hpp"
#include "events/price_events.hpp"
#include "storage/price_repository.hpp"

namespace catalog::pricing {
namespace {

using sdk::Access;
using sdk::Request;
using sdk::Response;
using sdk::Transaction;

constexpr const char* kCollection = "/api/v1/prices";
constexpr const char* kItem = "/api/v1/prices/{id}";
constexpr const char* kWhat = "price";

// The body's terms, validated before any transaction begins.
PriceTerms termsOf(const Request& request) {
  const sdk::Json& body = request.bodyObject();
  const auto value = body.find("value");
  return PriceTerms::of(sdk::requireString(body, "name"),
                        Amount::fromJson(value == body.end() ? sdk::Json() : *value, "value"),
                        sdk::requireString(body, "unit"), sdk::requireString(body, "currency"));
}

Response create(const Request& request) {
  const Price price = Price::create(sdk::newUuid(), termsOf(request), sdk::utcNow());
  Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
  PriceRepository repository(tx);
  sdk::writeUniquelyNamed(kWhat, price.name(), repository.idOfName(price.name()), price.id(),
                          [&] { repository.insert(price); });
  tx.emit(priceCreated(price));
  tx.commit();
  request.log().info("created price " + price.id());
  return Response::created(toJson(price))
      .header("Location", std::string(kCollection) + "/" + price.id());
}

Response get(const Request& request) {
  Transaction tx(Transaction::Mode::ReadOnly, request.correlationId());
  PriceRepository repository(tx);
  return Response::ok(toJson(repository.require(request.param("id"))));
}

Response list(const Request& request) {
  const sdk::PageRequest page = sdk::PageRequest::from(request);
  const sdk::ListOrder order = sdk::ListOrder::from(request, {{"name", "lower(name)"},
                                                              {"value", "value_cents"},
                                                              {"currency", "currency"},
                                                              {"created_at", "created_at"},
                                                              {"updated_at", "updated_at"}});
  const std::vector<std::string> ids = sdk::idFilter(request);
  const auto toJsonOf = [](const Price& price) { return toJson(price); };
  Transaction tx(Transaction::Mode::ReadOnly, request.correlationId());
  PriceRepository repository(tx);
  if (!ids.empty()) return Response::ok(page.bodyOfPage(repository.findAll(ids), toJsonOf));
  const std::int64_t total = repository.count();
  return Response::ok(
      page.body(total, repository.list(page.offset(), page.page_size, order), toJsonOf));
}

Response update(const Request& request) {
  const std::int64_t expected_version = sdk::requireInteger(request.bodyObject(), "version");
  PriceTerms terms = termsOf(request);
  Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
  PriceRepository repository(tx);
  Price price = repository.require(request.param("id"));
  // Locked comes first: whatever version the client holds, the saga's lock is the answer.
  price.requireUnlocked();
  if (price.version() != expected_version)
    sdk::throwStaleVersion(kWhat, expected_version, price.version());
  if (!price.update(std::move(terms), sdk::utcNow())) return Response::ok(toJson(price));
  const bool written =
      sdk::writeUniquelyNamed(kWhat, price.name(), repository.idOfName(price.name()), price.id(),
                              [&] { return repository.update(price, expected_version); });
  if (!written) throwOvertaken(price.id(), repository.find(price.id()), expected_version);
  tx.emit(priceUpdated(price));
  tx.commit();
  return Response::ok(toJson(price));
}

Response remove(const Request& request) {
  Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
  PriceRepository repository(tx);
  const Price price = repository.require(request.param("id"));
  price.requireUnlocked();
  sdk::References::requireUnreferenced(tx, "Price", price.id());
  // On the version read: a saga may have locked the price since.
  if (!repository.remove(price.id(), price.version()))
    throwOvertaken(price.id(), repository.find(price.id()), price.version());
  tx.emit(priceDeleted(price));
  tx.commit();
  return Response::noContent();
}

}  // namespace

void addPriceRoutes(sdk::Plugin& plugin) {
  const Access admin = Access::role("ADMIN");
  plugin.post(kCollection, admin, create);
  plugin.get(kCollection, Access::authenticated(), list);
  plugin.get(kItem, Access::authenticated(), get);
  plugin.put(kItem, admin, update);
  plugin.del(kItem, admin, remove);
}

}  // namespace catalog::pricing
