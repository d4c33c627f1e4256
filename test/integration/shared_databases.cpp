#include "integration/shared_databases.hpp"

#include "support/free_port.hpp"

namespace catalog::test {

PostgresServer& sharedPostgres() {
  // initdb and startup take a second or two: once per executable, not once per test.
  static PostgresServer server;
  return server;
}

std::string newPostgresDatabase() {
  static int databases = 0;
  return sharedPostgres().createDatabase("catalog_test_" + std::to_string(++databases));
}

std::string newSqliteDatabase() {
  static TempDir dir;
  static int databases = 0;
  return "sqlite:" + dir.file("catalog_test_" + std::to_string(++databases) + ".db");
}

std::string unreachablePostgresUrl() {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(freePort()) + "/catalog";
}

}  // namespace catalog::test
