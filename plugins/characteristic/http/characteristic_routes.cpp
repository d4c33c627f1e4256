#include "http/characteristic_routes.hpp"

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
  const auto id = sdk::canonicalUuid(raw_id);
  if (!id) sdk::throwNotFound(kWhat, raw_id);
  auto found = repository.find(*id);
  if (!found) sdk::throwNotFound(kWhat, *id);
  return *found;
}

void requireUniqueName(CharacteristicRepository& repository, const std::string& name,
                       const std::string& own_id = {}) {
  const auto holder = repository.idOfName(name);
  if (holder && *holder != own_id) sdk::throwNameTaken(kWhat, name, *holder);
}

Response create(const Request& request) {
  const Characteristic characteristic =
      Characteristic::create(sdk::newUuid(), specOf(request), sdk::utcNow());
  Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
  CharacteristicRepository repository(tx);
  requireUniqueName(repository, characteristic.name());
  try {
    repository.insert(characteristic);
  } catch (const sdk::ConflictError&) {
    // Lost a race with a concurrent write of the same name: the unique index has answered.
    sdk::throwNameTaken(kWhat, characteristic.name());
  }
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
  const std::vector<std::string> ids = sdk::idFilter(request);
  const auto toJsonOf = [](const Characteristic& c) { return toJson(c); };
  Transaction tx(Transaction::Mode::ReadOnly, request.correlationId());
  CharacteristicRepository repository(tx);
  if (!ids.empty()) return Response::ok(page.bodyOfPage(repository.findAll(ids), toJsonOf));
  const std::int64_t total = repository.count();
  return Response::ok(page.body(total, repository.list(page.offset(), page.page_size), toJsonOf));
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
  requireUniqueName(repository, characteristic.name(), characteristic.id());
  bool written = false;
  try {
    written = repository.update(characteristic, expected_version);
  } catch (const sdk::ConflictError&) {
    // Lost a race with a concurrent write of the same name: the unique index has answered.
    sdk::throwNameTaken(kWhat, characteristic.name());
  }
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
