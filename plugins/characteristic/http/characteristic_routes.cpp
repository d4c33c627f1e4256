#include "http/characteristic_routes.hpp"

#include <algorithm>
#include <cctype>

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

[[noreturn]] void notFound(const std::string& id) {
  throw sdk::NotFoundError("Characteristic " + id + " not found", {{"id", id}});
}

Characteristic existing(CharacteristicRepository& repository, std::string id) {
  if (!sdk::isUuid(id)) notFound(id);
  // Ids are stored in lower case; PostgreSQL's uuid type would match either case, SQLite's text
  // not.
  std::transform(id.begin(), id.end(), id.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto found = repository.find(id);
  if (!found) notFound(id);
  return *found;
}

void requireUniqueName(CharacteristicRepository& repository, const std::string& name,
                       const std::string& own_id = {}) {
  const auto holder = repository.idOfName(name);
  if (holder && *holder != own_id) {
    throw sdk::ConflictError("A characteristic named '" + name + "' already exists",
                             {{"field", "name"}, {"existing_id", *holder}});
  }
}

// Lost a race with a concurrent write of the same name. The failed statement ended the
// transaction, so it can't be asked who won: the unique index has answered.
[[noreturn]] void nameTakenConcurrently(const std::string& name) {
  throw sdk::ConflictError("A characteristic named '" + name + "' already exists",
                           {{"field", "name"}});
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
    nameTakenConcurrently(characteristic.name());
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
  Transaction tx(Transaction::Mode::ReadOnly, request.correlationId());
  CharacteristicRepository repository(tx);
  const std::int64_t total = repository.count();
  return Response::ok(page.body(total, repository.list(page.offset(), page.page_size),
                                [](const Characteristic& c) { return toJson(c); }));
}

Response update(const Request& request) {
  const std::int64_t expected_version = sdk::requireInteger(request.bodyObject(), "version");
  const CharacteristicSpec spec = specOf(request);
  Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
  CharacteristicRepository repository(tx);
  Characteristic characteristic = existing(repository, request.param("id"));
  if (characteristic.version() != expected_version) {
    throw sdk::ConflictError("Characteristic was modified by someone else; reload and retry",
                             {{"field", "version"},
                              {"expected_version", expected_version},
                              {"current_version", characteristic.version()}});
  }
  if (!characteristic.update(spec, sdk::utcNow())) return Response::ok(toJson(characteristic));
  requireUniqueName(repository, characteristic.name(), characteristic.id());
  bool written = false;
  try {
    written = repository.update(characteristic, expected_version);
  } catch (const sdk::ConflictError&) {
    nameTakenConcurrently(characteristic.name());
  }
  if (!written) {
    throw sdk::ConflictError("Characteristic was modified by someone else; reload and retry",
                             {{"field", "version"}, {"expected_version", expected_version}});
  }
  tx.emit(characteristicUpdated(characteristic));
  tx.commit();
  return Response::ok(toJson(characteristic));
}

Response remove(const Request& request) {
  Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
  CharacteristicRepository repository(tx);
  const Characteristic characteristic = existing(repository, request.param("id"));
  const auto referrers = sdk::References::referrers(tx, characteristic.id());
  if (!referrers.empty()) {
    sdk::Json ids = sdk::Json::array();
    for (const sdk::Referrer& referrer : referrers) ids.push_back(referrer.id);
    throw sdk::ConflictError("Characteristic is referenced by " + std::to_string(referrers.size()) +
                                 " specification(s) and cannot be deleted",
                             {{"specification_ids", std::move(ids)}});
  }
  if (!repository.remove(characteristic.id()))
    notFound(characteristic.id());  // deleted concurrently
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
