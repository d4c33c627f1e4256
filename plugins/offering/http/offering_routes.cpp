#include "http/offering_routes.hpp"

#include <algorithm>

#include "catalog/sdk/entities.hpp"
#include "catalog/sdk/fields.hpp"
#include "catalog/sdk/ids.hpp"
#include "catalog/sdk/pagination.hpp"
#include "events/offering_events.hpp"
#include "http/offering_lookup.hpp"
#include "storage/offering_repository.hpp"

namespace catalog::offering {
namespace {

using sdk::Access;
using sdk::Request;
using sdk::Response;
using sdk::Transaction;

constexpr const char* kCollection = "/api/v1/offerings";
constexpr const char* kItem = "/api/v1/offerings/{id}";

OfferingDraft draftOf(const Request& request) {
  const sdk::Json& body = request.bodyObject();
  const auto list = [&](const char* field) {
    return sdk::optionalStringArray(body, field).value_or(std::vector<std::string>());
  };
  return {sdk::requireString(body, "name"), sdk::optionalString(body, "description").value_or(""),
          list("specification_ids"), list("pricing_ids"), list("sales_channels")};
}

std::optional<LifecycleStatus> statusFilter(const Request& request) {
  const auto text = request.query("lifecycle_status");
  if (!text) return std::nullopt;
  const auto status = parseLifecycleStatus(*text);
  if (!status) {
    throw sdk::ValidationError("lifecycle_status must be DRAFT, PUBLISHING, PUBLISHED or RETIRED",
                               {{"field", "lifecycle_status"}, {"value", *text}});
  }
  return status;
}

Response create(const Request& request) {
  const Offering offering = Offering::create(sdk::newUuid(), draftOf(request), sdk::utcNow());
  Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
  OfferingRepository(tx).insert(offering);
  tx.emit(offeringEvent("OfferingCreated", offering));
  tx.commit();
  return Response::created(toJson(offering))
      .header("Location", std::string(kCollection) + "/" + offering.id());
}

Response get(const Request& request) {
  Transaction tx(Transaction::Mode::ReadOnly, request.correlationId());
  OfferingRepository repository(tx);
  return Response::ok(toJson(existingOffering(repository, request.param("id"))));
}

Response list(const Request& request) {
  const sdk::PageRequest page = sdk::PageRequest::from(request);
  const sdk::ListOrder order =
      sdk::ListOrder::from(request, {{"name", "lower(name)"},
                                     {"lifecycle_status", "lifecycle_status"},
                                     {"created_at", "created_at"},
                                     {"updated_at", "updated_at"}});
  const std::vector<std::string> ids = sdk::idFilter(request);
  const std::optional<LifecycleStatus> status = statusFilter(request);
  const auto toJsonOf = [](const Offering& o) { return toJson(o); };
  Transaction tx(Transaction::Mode::ReadOnly, request.correlationId());
  OfferingRepository repository(tx);
  if (!ids.empty()) {
    std::vector<Offering> found = repository.findAll(ids);
    if (status)
      found.erase(std::remove_if(found.begin(), found.end(),
                                 [&](const Offering& o) { return o.status() != *status; }),
                  found.end());
    return Response::ok(page.bodyOfPage(found, toJsonOf));
  }
  const std::int64_t total = repository.count(status);
  return Response::ok(
      page.body(total, repository.list(status, page.offset(), page.page_size, order), toJsonOf));
}

Response update(const Request& request) {
  const std::int64_t expected_version = sdk::requireInteger(request.bodyObject(), "version");
  const OfferingDraft draft = draftOf(request);
  Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
  OfferingRepository repository(tx);
  Offering offering = existingOffering(repository, request.param("id"));
  if (offering.version() != expected_version)
    sdk::throwStaleVersion(kOfferingWhat, expected_version, offering.version());
  if (!offering.update(draft, sdk::utcNow())) return Response::ok(toJson(offering));
  if (!repository.update(offering, expected_version))
    sdk::throwStaleVersion(kOfferingWhat, expected_version);
  tx.emit(offeringEvent("OfferingUpdated", offering));
  tx.commit();
  return Response::ok(toJson(offering));
}

Response remove(const Request& request) {
  Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
  OfferingRepository repository(tx);
  const Offering offering = existingOffering(repository, request.param("id"));
  offering.requireDeletable();
  // On the version read: a publication may have started since.
  if (!repository.remove(offering.id(), offering.version()))
    sdk::throwStaleVersion(kOfferingWhat, offering.version());
  tx.emit(offeringDeleted(offering));
  tx.commit();
  return Response::noContent();
}

}  // namespace

void addOfferingRoutes(sdk::Plugin& plugin) {
  const Access user = Access::role("USER");
  plugin.post(kCollection, user, create);
  plugin.get(kCollection, Access::authenticated(), list);
  plugin.get(kItem, Access::authenticated(), get);
  plugin.put(kItem, user, update);
  plugin.del(kItem, user, remove);
}

}  // namespace catalog::offering
