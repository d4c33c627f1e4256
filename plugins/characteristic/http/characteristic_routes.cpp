#include "http/characteristic_routes.hpp"

#include "catalog/sdk/entities.hpp"
#include "catalog/sdk/fields.hpp"
#include "catalog/sdk/ids.hpp"
#include "catalog/sdk/pagination.hpp"
#include "catalog/sdk/references.hpp"
#include "events/characteristic_events.hpp"
#include "storage/characteristic_repository.hpp"

namespace catalog::characteristic {
namespace {

using sdk::Access;
using sdk::Request;
using sdk::Response;
using sdk::Transaction;

constexpr const char* kCollection = "/api/v1/characteristics";
constexpr const char* kItem = "/api/v1/characteristics/{id}";

CharacteristicSpec specOf(const Request& request) {
  const sdk::Json& body = request.bodyObject();
  return {sdk::requireString(body, "name"), sdk::requireString(body, "value"),
          sdk::requireString(body, "unit_of_measure")};
}

constexpr const char* kWhat = "characteristic";

Characteristic existing(CharacteristicRepository& repository, const std::string& raw_id) {
  return sdk::requireFound(kWhat, raw_id,
                           [&](const std::string& id) { return repository.find(id); });
}

Response create(const Request& request) {
  const Characteristic characteristic =
      Characteristic::create(sdk::newUuid(), specOf(request), sdk::utcNow());
  Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
  CharacteristicRepository repository(tx);
  sdk::writeUniquelyNamed(kWhat, characteristic.name(), repository.idOfName(characteristic.name()),
                          characteristic.id(), [&] { repository.insert(characteristic); });
  tx.emit(characteristicCreated(characteristic));
  tx.commit();
  request.log().info("created characteristic " + characteristic.id());
  return Response::created(toJson(characteristic))
      .header("Location", std::string(kCollection) + "/" + characteristic.id());
}

Response get(const Request& request) {
  Transaction tx(Transaction::Mode::ReadOnly, request.correlationId());
  CharacteristicRepository repository(tx);
  return Response::ok(toJson(existing(repository, request.param("id"))));
}

Response list(const Request& request) {
  const sdk::PageRequest page = sdk::PageRequest::from(request);
  const sdk::ListOrder order =
      sdk::ListOrder::from(request, {{"name", "lower(name)"},
                                     {"unit_of_measure", "unit_of_measure"},
                                     {"created_at", "created_at"},
                                     {"updated_at", "updated_at"}});
  const std::vector<std::string> ids = sdk::idFilter(request);
  const auto toJsonOf = [](const Characteristic& c) { return toJson(c); };
  Transaction tx(Transaction::Mode::ReadOnly, request.correlationId());
  CharacteristicRepository repository(tx);
  if (!ids.empty()) return Response::ok(page.bodyOfPage(repository.findAll(ids), toJsonOf));
  const std::int64_t total = repository.count();
  return Response::ok(
      page.body(total, repository.list(page.offset(), page.page_size, order), toJsonOf));
}

Response update(const Request& request) {
  const std::int64_t expected_version = sdk::requireInteger(request.bodyObject(), "version");
  const CharacteristicSpec spec = specOf(request);
  Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
  CharacteristicRepository repository(tx);
  Characteristic characteristic = existing(repository, request.param("id"));
  if (characteristic.version() != expected_version)
    sdk::throwStaleVersion(kWhat, expected_version, characteristic.version());
  if (!characteristic.update(spec, sdk::utcNow())) return Response::ok(toJson(characteristic));
  const bool written = sdk::writeUniquelyNamed(
      kWhat, characteristic.name(), repository.idOfName(characteristic.name()), characteristic.id(),
      [&] { return repository.update(characteristic, expected_version); });
  if (!written) sdk::throwStaleVersion(kWhat, expected_version);
  tx.emit(characteristicUpdated(characteristic));
  tx.commit();
  return Response::ok(toJson(characteristic));
}

Response remove(const Request& request) {
  Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
  CharacteristicRepository repository(tx);
  const Characteristic characteristic = existing(repository, request.param("id"));
  sdk::References::requireUnreferenced(tx, "Characteristic", characteristic.id());
  if (!repository.remove(characteristic.id()))
    sdk::throwNotFound(kWhat, characteristic.id());  // deleted concurrently
  tx.emit(characteristicDeleted(characteristic));
  tx.commit();
  return Response::noContent();
}

}  // namespace

void addCharacteristicRoutes(sdk::Plugin& plugin) {
  const Access admin = Access::role("ADMIN");
  plugin.post(kCollection, admin, create);
  plugin.get(kCollection, Access::authenticated(), list);
  plugin.get(kItem, Access::authenticated(), get);
  plugin.put(kItem, admin, update);
  plugin.del(kItem, admin, remove);
}

}  // namespace catalog::characteristic
