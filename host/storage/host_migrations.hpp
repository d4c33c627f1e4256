#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "storage/migrator.hpp"

namespace catalog::host {

/// Receives one migration: dialect, version, name, SQL.
using MigrationSink =
    std::function<void(std::string_view, int, std::string_view, std::string_view)>;

/// The host's own tables in every plugin database (outbox, inbox, references), embedded from
/// host/storage/migrations at build time.
void forEachHostMigration(const MigrationSink& addMigration);

/// The same, collected.
std::vector<Migration> hostMigrations();

}  // namespace catalog::host
