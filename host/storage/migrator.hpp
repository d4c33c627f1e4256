#pragma once

#include <string>
#include <vector>

#include "storage/database.hpp"

namespace catalog::host {

/// One versioned schema change of a component (the host, or a plugin) for one dialect.
struct Migration {
  std::string dialect;
  int version = 0;
  std::string name;
  std::string sql;
};

/// Applies the pending migrations of `component` for the database's dialect, in version order,
/// all in one transaction, and records them in catalog_schema_migrations. Concurrent hosts
/// starting on the same database serialize on a lock. Throws std::runtime_error naming the
/// component and migration when one fails; nothing of a failed run is kept.
/// Returns the number of migrations applied.
int migrate(Database& database, const std::string& component, std::vector<Migration> migrations);

}  // namespace catalog::host
