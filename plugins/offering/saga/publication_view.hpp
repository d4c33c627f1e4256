#pragma once

#include "catalog/sdk/json.hpp"
#include "domain/offering.hpp"

namespace catalog::offering {

/// GET /api/v1/offerings/{id}/publication: the publication saga as the UI draws it, from the
/// engine's history of the instance ({"instance","activities","open_tasks","incidents"}):
/// every step with its status (pending, running, done, failed, compensated), its times and
/// its error, plus the saga's state (RUNNING, PUBLISHED, FAILED, STUCK when an incident waits
/// for an operator).
sdk::Json publicationView(const Offering& offering, const sdk::Json& history);

}  // namespace catalog::offering
