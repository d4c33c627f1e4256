#pragma once

#include <string>

#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"

namespace catalog::test {

/// The PostgreSQL server of this test executable: started on first use, shared by every test
/// of the process, stopped when the process exits. Not thread-safe.
PostgresServer& sharedPostgres();

/// A new, empty database on sharedPostgres(); returns its URL. Each call gets its own database,
/// so tests sharing the server never see each other's rows.
std::string newPostgresDatabase();

/// A new, empty SQLite database file in a directory shared by the process and removed when it
/// exits; returns its sqlite: URL.
std::string newSqliteDatabase();

/// A postgresql:// URL on 127.0.0.1 where nothing listens (a port that was free a moment ago).
std::string unreachablePostgresUrl();

}  // namespace catalog::test
