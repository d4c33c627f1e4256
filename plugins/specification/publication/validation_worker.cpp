#include "publication/validation_worker.hpp"

#include "catalog/sdk/ids.hpp"
#include "publication/publication_check.hpp"

namespace catalog::specification {

void addValidationWorker(sdk::Plugin& plugin) {
  sdk::WorkerOptions options;
  options.error_code_when_exhausted = "PublicationFailed";
  plugin.worker(
      "validate-specifications",
      [](const sdk::ExternalTask& task) {
        std::vector<std::string> ids;
        for (const sdk::Json& id : task.variables.value("specificationIds", sdk::Json::array())) {
          const auto canonical =
              id.is_string() ? sdk::canonicalUuid(id.get<std::string>()) : std::nullopt;
          ids.push_back(canonical.value_or(id.dump()));
        }
        sdk::Transaction tx(sdk::Transaction::Mode::ReadOnly, task.correlation_id);
        const std::vector<PublicationProblem> problems = publicationProblems(tx, ids);
        if (problems.empty()) return sdk::TaskOutcome::complete({{"validationResult", true}});
        std::string reason;
        for (const PublicationProblem& p : problems)
          reason += (reason.empty() ? "" : "; ") + p.reason;
        return sdk::TaskOutcome::complete({{"validationResult", false}, {"failureReason", reason}});
      },
      options);
}

}  // namespace catalog::specification
