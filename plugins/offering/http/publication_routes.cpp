#include "http/publication_routes.hpp"

#include <functional>
#include <optional>
#include <set>

#include "catalog/sdk/entities.hpp"
#include "catalog/sdk/ids.hpp"
#include "catalog/sdk/service_lists.hpp"
#include "events/offering_events.hpp"
#include "http/offering_lookup.hpp"
#include "saga/publication_saga.hpp"
#include "saga/publication_view.hpp"
#include "storage/offering_repository.hpp"

namespace catalog::offering {
namespace {

using sdk::Json;
using sdk::Request;
using sdk::Response;
using sdk::Transaction;

[[noreturn]] void unusable(const char* service, const sdk::ServiceResponse& answer) {
  throw sdk::UnavailableError(
      std::string("The ") + service + " service could not confirm the offering's references",
      {{"service", service}, {"status", answer.status}});
}

// SRS §3.2.4 pre-flight: every specification exists and is valid, every price exists. One call
// to each context, in process here, over HTTP in a split deployment.
void preflight(const sdk::Services& services, const Offering& offering, const Request& request) {
  const OfferingDraft& d = offering.draft();
  const sdk::ServiceResponse specifications =
      services.call("specification",
                    {"POST",
                     "/api/v1/specifications/validation",
                     {},
                     Json{{"specification_ids", d.specification_ids}}},
                    request);
  if (specifications.status != 200 || !specifications.body.is_object())
    unusable("specification", specifications);
  if (!specifications.body.value("valid", false)) {
    throw sdk::ValidationError(
        "The offering's specifications can't be published",
        {{"field", "specification_ids"},
         {"problems", specifications.body.value("problems", Json::array())}});
  }
  std::set<std::string> existing;
  for (const Json& price :
       sdk::listByIds(services, "pricing", "/api/v1/prices", d.pricing_ids, request))
    existing.insert(price.value("id", ""));
  Json missing = Json::array();
  for (const std::string& id : d.pricing_ids)
    if (existing.count(id) == 0) missing.push_back(id);
  if (!missing.empty()) {
    throw sdk::ValidationError("The offering lists prices that don't exist",
                               {{"field", "pricing_ids"}, {"unknown_ids", missing}});
  }
}

// DRAFT → PUBLISHING with OfferingPublicationInitiated. Two publishes of one draft: one moves
// it, the other finds it moved.
Offering startPublishing(const Request& request) {
  Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
  OfferingRepository repository(tx);
  Offering offering = existingOffering(repository, request.param("id"));
  const std::int64_t read_version = offering.version();
  offering.startPublishing(sdk::utcNow());
  if (!repository.update(offering, read_version)) {
    throw sdk::ConflictError("Offering is being published or was changed meanwhile",
                             {{"offering_id", offering.id()}});
  }
  tx.emit(offeringEvent("OfferingPublicationInitiated", offering));
  tx.commit();
  return offering;
}

// Applies `change` to the offering `id` in a transaction of its own; emits `event_type` when
// given and the change changed something.
void record(const Request& request, const std::string& id,
            const std::function<bool(Offering&)>& change, const char* event_type) {
  Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
  OfferingRepository repository(tx);
  Offering offering = existingOffering(repository, id);
  const std::int64_t read_version = offering.version();
  if (!change(offering)) return;
  if (!repository.update(offering, read_version))
    sdk::throwStaleVersion(kOfferingWhat, read_version);
  if (event_type != nullptr) tx.emit(offeringEvent(event_type, offering));
  tx.commit();
}

Response publish(const sdk::Plugin& plugin, const Request& request) {
  // Checked before the pre-flight calls, so a non-draft or incomplete offering is refused at
  // once; checked again when it moves.
  Offering draft = [&] {
    Transaction tx(Transaction::Mode::ReadOnly, request.correlationId());
    OfferingRepository repository(tx);
    return existingOffering(repository, request.param("id"));
  }();
  draft.startPublishing(sdk::utcNow());
  preflight(plugin.services(), draft, request);
  const Offering offering = startPublishing(request);
  const OfferingDraft& d = offering.draft();
  std::string saga_id;
  try {
    saga_id = plugin.workflow().start(kPublicationProcess, offering.id(),
                                      {{"offeringId", offering.id()},
                                       {"specificationIds", d.specification_ids},
                                       {"pricingIds", d.pricing_ids},
                                       {"salesChannels", d.sales_channels}},
                                      request.correlationId());
  } catch (const std::exception&) {
    record(
        request, offering.id(),
        [](Offering& o) {
          return o.revertToDraft("", "the publication saga could not start", sdk::utcNow());
        },
        "OfferingPublicationFailed");
    throw;
  }
  // The saga's own steps record it too, and may have finished it already.
  record(
      request, offering.id(), [&](Offering& o) { return o.recordSaga(saga_id, sdk::utcNow()); },
      nullptr);
  request.log().info("publication saga " + saga_id + " started for offering " + offering.id());
  return Response::accepted({{"message", "Publication saga initiated"},
                             {"saga_id", saga_id},
                             {"offering_id", offering.id()},
                             {"status", "PUBLISHING"}});
}

Response retire(const Request& request) {
  std::optional<Offering> retired;
  record(
      request, request.param("id"),
      [&](Offering& o) {
        o.retire(sdk::utcNow());
        retired = o;
        return true;
      },
      "OfferingRetired");
  return Response::ok(toJson(*retired));
}

Response publication(const sdk::Plugin& plugin, const Request& request) {
  const auto load = [&] {
    Transaction tx(Transaction::Mode::ReadOnly, request.correlationId());
    OfferingRepository repository(tx);
    return existingOffering(repository, request.param("id"));
  };
  Offering offering = load();
  const std::optional<std::string> saga = offering.stored().saga_id;
  if (!saga) {
    throw sdk::NotFoundError("Offering " + offering.id() + " has no publication",
                             {{"offering_id", offering.id()}});
  }
  const sdk::Json history = plugin.workflow().history(*saga);
  // The saga's steps commit the offering before the process ends: an offering read before an
  // ended history may predate its last step (still PUBLISHING, no failure reason), so read it
  // again.
  if (history.value("instance", sdk::Json::object()).value("state", "") == "COMPLETED")
    offering = load();
  return Response::ok(publicationView(offering, history));
}

}  // namespace

void addPublicationRoutes(sdk::Plugin& plugin) {
  const sdk::Access admin = sdk::Access::role("ADMIN");
  plugin.post("/api/v1/offerings/{id}/publish", admin,
              [&plugin](const Request& request) { return publish(plugin, request); });
  plugin.post("/api/v1/offerings/{id}/retire", admin, retire);
  plugin.get("/api/v1/offerings/{id}/publication", sdk::Access::authenticated(),
             [&plugin](const Request& request) { return publication(plugin, request); });
}

}  // namespace catalog::offering
