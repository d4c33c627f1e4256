#pragma once

#include "storage/host_migrations.hpp"

namespace catalog::host {

/// The workflow engine's tables, embedded from host/workflow/migrations at build time.
void forEachEngineMigration(const MigrationSink& addMigration);

}  // namespace catalog::host
