// The product offering bounded context (SRS §3.2.4): drafts, their lifecycle, and the
// publication saga it starts and takes part in.
#include "catalog/sdk/ids.hpp"
#include "catalog/sdk/plugin.hpp"
#include "catalog/sdk/transaction.hpp"
#include "events/offering_events.hpp"
#include "http/offering_routes.hpp"
#include "http/publication_routes.hpp"
#include "saga/publication_saga.hpp"
#include "saga/publication_workers.hpp"
#include "storage/offering_repository.hpp"

namespace catalog::offering {

class OfferingPlugin : public sdk::Plugin {
 public:
  OfferingPlugin() {
    addOfferingRoutes(*this);
    addPublicationRoutes(*this);
    addPublicationWorkers(*this);
  }

  void start() override {
    try {
      workflow().deploy("offering-publication-saga.bpmn", kPublicationSagaBpmn);
    } catch (const sdk::UnavailableError&) {
      log().warning("no workflow engine in this host: offerings can't be published here");
    }
    revertInterruptedPublications();
  }

 private:
  // A host that stopped between moving an offering to PUBLISHING and starting its saga left it
  // there with no saga to finish the job.
  void revertInterruptedPublications() {
    sdk::Transaction tx(sdk::Transaction::Mode::ReadWrite, "");
    OfferingRepository repository(tx);
    for (Offering offering : repository.publishingWithoutSaga()) {
      const std::int64_t read_version = offering.version();
      offering.revertToDraft("", "the publication was interrupted before its saga started",
                             sdk::utcNow());
      if (repository.update(offering, read_version)) {
        tx.emit(offeringEvent("OfferingPublicationFailed", offering));
        log().warning("offering " + offering.id() +
                      " was left PUBLISHING without a saga; back to DRAFT");
      }
    }
    tx.commit();
  }
};

}  // namespace catalog::offering

CATALOG_PLUGIN(catalog::offering::OfferingPlugin, "offering", CATALOG_PLUGIN_VERSION)
