#include "http/specification_routes.hpp"

#include "cache/characteristic_check.hpp"
#include "catalog/sdk/entities.hpp"
#include "catalog/sdk/fields.hpp"
#include "catalog/sdk/ids.hpp"
#include "catalog/sdk/pagination.hpp"
#include "catalog/sdk/references.hpp"
#include "events/specification_events.hpp"
#include "publication/publication_check.hpp"
#include "storage/specification_repository.hpp"

namespace catalog::specification {
namespace {

using sdk::Access;
using sdk::Request;
using sdk::Response;
using sdk::Transaction;

constexpr const char* kCollection = "/api/v1/specifications";
constexpr const char* kItem = "/api/v1/specifications/{id}";
constexpr const char* kValidation = "/api/v1/specifications/validation";
constexpr const char* kWhat = "specification";

SpecificationDraft draftOf(const Request& request) {
  const sdk::Json& body = request.bodyObject();
  auto ids = sdk::optionalStringArray(body, "characteristic_ids");
  if (!ids) {
    throw sdk::ValidationError("characteristic_ids is required", {{"field", "characteristic_ids"}});
  }
  return {sdk::requireString(body, "name"), std::move(*ids)};
}

Specification existing(SpecificationRepository& repository, const std::string& raw_id) {
  return sdk::requireFound(kWhat, raw_id,
                           [&](const std::string& id) { return repository.find(id); });
}

// The specification with its characteristics expanded from the cache (SRS §3.2.2 GET).
sdk::Json expanded(const Specification& specification, Transaction& tx) {
  sdk::Json json = toJson(specification);
  const auto cached = CharacteristicCache(tx).find(specification.characteristicIds());
  sdk::Json characteristics = sdk::Json::array();
  for (const std::string& id : specification.characteristicIds()) {
    const auto entry = cached.find(id);
    if (entry == cached.end()) {
      characteristics.push_back({{"id", id}});
      continue;
    }
    const CachedCharacteristic& c = entry->second;
    sdk::Json item = {{"id", c.id}, {"name", c.name}};
    if (c.deleted) {
      item["deleted"] = true;
    } else {
      item["value"] = c.value;
      item["unit_of_measure"] = c.unit_of_measure;
    }
    characteristics.push_back(std::move(item));
  }
  json["characteristics"] = std::move(characteristics);
  return json;
}

Response create(const sdk::Services& services, const Request& request) {
  const Specification specification =
      Specification::create(sdk::newUuid(), draftOf(request), sdk::utcNow());
  CharacteristicCheck::cacheUncached(services, specification.characteristicIds(), request);
  Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
  CharacteristicCache cache(tx);
  CharacteristicCheck::requireExisting(cache, specification.characteristicIds());
  SpecificationRepository repository(tx);
  sdk::writeUniquelyNamed(kWhat, specification.name(), repository.idOfName(specification.name()),
                          specification.id(), [&] { repository.insert(specification); });
  tx.emit(specificationCreated(specification));
  sdk::Json body = expanded(specification, tx);
  tx.commit();
  request.log().info("created specification " + specification.id());
  return Response::created(std::move(body))
      .header("Location", std::string(kCollection) + "/" + specification.id());
}

Response get(const Request& request) {
  Transaction tx(Transaction::Mode::ReadOnly, request.correlationId());
  SpecificationRepository repository(tx);
  return Response::ok(expanded(existing(repository, request.param("id")), tx));
}

Response list(const Request& request) {
  const sdk::PageRequest page = sdk::PageRequest::from(request);
  const sdk::ListOrder order = sdk::ListOrder::from(
      request,
      {{"name", "lower(name)"}, {"created_at", "created_at"}, {"updated_at", "updated_at"}});
  const std::vector<std::string> ids = sdk::idFilter(request);
  const auto toJsonOf = [](const Specification& s) { return toJson(s); };
  Transaction tx(Transaction::Mode::ReadOnly, request.correlationId());
  SpecificationRepository repository(tx);
  if (!ids.empty()) return Response::ok(page.bodyOfPage(repository.findAll(ids), toJsonOf));
  const std::int64_t total = repository.count();
  return Response::ok(
      page.body(total, repository.list(page.offset(), page.page_size, order), toJsonOf));
}

Response update(const sdk::Services& services, const Request& request) {
  const std::int64_t expected_version = sdk::requireInteger(request.bodyObject(), "version");
  const SpecificationDraft draft = draftOf(request);
  // Validated before anything is looked up, so a bad body is 400 whatever the id.
  const Specification proposed = Specification::create(std::string(), draft, std::string());
  CharacteristicCheck::cacheUncached(services, proposed.characteristicIds(), request);

  Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
  SpecificationRepository repository(tx);
  Specification specification = existing(repository, request.param("id"));
  if (specification.version() != expected_version)
    sdk::throwStaleVersion(kWhat, expected_version, specification.version());
  CharacteristicCache cache(tx);
  CharacteristicCheck::requireExisting(cache, proposed.characteristicIds());
  if (!specification.update(draft, sdk::utcNow())) return Response::ok(expanded(specification, tx));
  const bool written = sdk::writeUniquelyNamed(
      kWhat, specification.name(), repository.idOfName(specification.name()), specification.id(),
      [&] { return repository.update(specification, expected_version); });
  if (!written) sdk::throwStaleVersion(kWhat, expected_version);
  tx.emit(specificationUpdated(specification));
  sdk::Json body = expanded(specification, tx);
  tx.commit();
  return Response::ok(std::move(body));
}

Response remove(const Request& request) {
  Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
  SpecificationRepository repository(tx);
  const Specification specification = existing(repository, request.param("id"));
  sdk::References::requireUnreferenced(tx, "Specification", specification.id());
  if (!repository.remove(specification.id()))
    sdk::throwNotFound(kWhat, specification.id());  // deleted concurrently
  tx.emit(specificationDeleted(specification));
  tx.commit();
  return Response::noContent();
}

// The saga's validate-specifications check, for a caller outside this process (the offering
// context's pre-flight): {"specification_ids": [...]} → {"valid", "problems"}.
Response validate(const Request& request) {
  const std::vector<std::string> ids = sdk::requireIdArray(
      request.bodyObject(), "specification_ids", sdk::PageRequest::kMaxPageSize);
  Transaction tx(Transaction::Mode::ReadOnly, request.correlationId());
  sdk::Json problems = sdk::Json::array();
  for (const PublicationProblem& p : publicationProblems(tx, ids))
    problems.push_back({{"specification_id", p.specification_id}, {"reason", p.reason}});
  const bool valid = problems.empty();
  return Response::ok({{"valid", valid}, {"problems", std::move(problems)}});
}

}  // namespace

void addSpecificationRoutes(sdk::Plugin& plugin) {
  const Access admin = Access::role("ADMIN");
  const sdk::Services& services = plugin.services();
  plugin.post(kCollection, admin,
              [&services](const Request& request) { return create(services, request); });
  plugin.get(kCollection, Access::authenticated(), list);
  plugin.get(kItem, Access::authenticated(), get);
  plugin.put(kItem, admin,
             [&services](const Request& request) { return update(services, request); });
  plugin.del(kItem, admin, remove);
  plugin.post(kValidation, Access::authenticated(), validate);
}

}  // namespace catalog::specification
