#include "publication/publication_check.hpp"

#include <map>

#include "storage/specification_repository.hpp"

namespace catalog::specification {

std::vector<PublicationProblem> publicationProblems(sdk::Transaction& tx,
                                                    const std::vector<std::string>& ids) {
  std::map<std::string, Specification> found;
  for (Specification& s : SpecificationRepository(tx).findAll(ids)) {
    const std::string id = s.id();
    found.emplace(id, std::move(s));
  }
  std::vector<PublicationProblem> problems;
  for (const std::string& id : ids) {
    const auto entry = found.find(id);
    if (entry == found.end()) {
      problems.push_back({id, "Specification " + id + " does not exist"});
      continue;
    }
    for (const InvalidReason& r : entry->second.invalidReasons())
      problems.push_back(
          {id, "Specification '" + entry->second.name() + "' is invalid: " + r.reason});
  }
  return problems;
}

}  // namespace catalog::specification
