#include "storage/migrator.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <set>
#include <stdexcept>

namespace catalog::host {
namespace {

// Migration scripts hold several statements, which only the drivers' native "exec" calls run;
// Poco Data prepares one statement at a time.
class ScriptConnection {
 public:
  virtual ~ScriptConnection() = default;
  virtual void exec(const std::string& sql) = 0;
  virtual std::set<int> appliedVersions(const std::string& component) = 0;
};

class SqliteScriptConnection : public ScriptConnection {
 public:
  explicit SqliteScriptConnection(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
      const std::string reason = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("cannot open " + path + ": " + reason);
    }
    sqlite3_busy_timeout(db_, 5000);
  }
  ~SqliteScriptConnection() override { sqlite3_close(db_); }

  void exec(const std::string& sql) override {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      const std::string reason = message != nullptr ? message : sqlite3_errmsg(db_);
      sqlite3_free(message);
      throw std::runtime_error(reason);
    }
  }

  std::set<int> appliedVersions(const std::string& component) override {
    sqlite3_stmt* statement = nullptr;
    const char* sql = "SELECT version FROM catalog_schema_migrations WHERE component = ?";
    if (sqlite3_prepare_v2(db_, sql, -1, &statement, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sqlite3_errmsg(db_));
    }
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(statement, sqlite3_finalize);
    sqlite3_bind_text(statement, 1, component.c_str(), -1, SQLITE_TRANSIENT);
    std::set<int> versions;
    while (sqlite3_step(statement) == SQLITE_ROW) versions.insert(sqlite3_column_int(statement, 0));
    return versions;
  }

 private:
  sqlite3* db_ = nullptr;
};

class PostgresScriptConnection : public ScriptConnection {
 public:
  explicit PostgresScriptConnection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      const std::string reason = PQerrorMessage(conn_);
      PQfinish(conn_);
      throw std::runtime_error(reason);
    }
    // Notices ("relation … already exists, skipping") would go raw to stderr, between the
    // host's JSON log lines.
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
  }
  ~PostgresScriptConnection() override { PQfinish(conn_); }

  void exec(const std::string& sql) override {
    std::unique_ptr<PGresult, void (*)(PGresult*)> result(PQexec(conn_, sql.c_str()), PQclear);
    const auto status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      throw std::runtime_error(PQresultErrorMessage(result.get()));
    }
  }

  std::set<int> appliedVersions(const std::string& component) override {
    const char* values[] = {component.c_str()};
    std::unique_ptr<PGresult, void (*)(PGresult*)> result(
        PQexecParams(conn_, "SELECT version FROM catalog_schema_migrations WHERE component = $1", 1,
                     nullptr, values, nullptr, nullptr, 0),
        PQclear);
    if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
      throw std::runtime_error(PQresultErrorMessage(result.get()));
    }
    std::set<int> versions;
    for (int i = 0; i < PQntuples(result.get()); ++i) {
      versions.insert(std::stoi(PQgetvalue(result.get(), i, 0)));
    }
    return versions;
  }

 private:
  PGconn* conn_;
};

std::unique_ptr<ScriptConnection> connect(const Database& database) {
  if (database.dialect() == Dialect::SQLite) {
    return std::make_unique<SqliteScriptConnection>(database.sqlitePath());
  }
  return std::make_unique<PostgresScriptConnection>(database.url());
}

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

}  // namespace

int migrate(Database& database, const std::string& component, std::vector<Migration> migrations) {
  const std::string dialect(dialectName(database.dialect()));
  migrations.erase(std::remove_if(migrations.begin(), migrations.end(),
                                  [&](const Migration& m) { return m.dialect != dialect; }),
                   migrations.end());
  std::sort(migrations.begin(), migrations.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  for (std::size_t i = 1; i < migrations.size(); ++i) {
    if (migrations[i].version == migrations[i - 1].version) {
      throw std::runtime_error(component + ": two " + dialect + " migrations have version " +
                               std::to_string(migrations[i].version));
    }
  }

  auto connection = connect(database);
  const bool sqlite = database.dialect() == Dialect::SQLite;
  connection->exec(
      "CREATE TABLE IF NOT EXISTS catalog_schema_migrations ("
      " component VARCHAR(100) NOT NULL, version BIGINT NOT NULL, name VARCHAR(200) NOT NULL,"
      " applied_at VARCHAR(40) NOT NULL, PRIMARY KEY (component, version))");
  connection->exec(
      sqlite ? "BEGIN IMMEDIATE"
             : "BEGIN; SELECT pg_advisory_xact_lock(hashtext('catalog_schema_migrations'))");
  try {
    const std::set<int> applied = connection->appliedVersions(component);
    int count = 0;
    for (const Migration& migration : migrations) {
      if (applied.count(migration.version) != 0) continue;
      try {
        connection->exec(migration.sql);
      } catch (const std::exception& e) {
        throw std::runtime_error(component + " migration " + migration.name + " (" + dialect +
                                 ") failed: " + e.what());
      }
      connection->exec(
          "INSERT INTO catalog_schema_migrations (component, version, name, applied_at) VALUES (" +
          quoted(component) + ", " + std::to_string(migration.version) + ", " +
          quoted(migration.name) + ", " +
          (sqlite ? "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
                  : "to_char(now() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')") +
          ")");
      ++count;
    }
    connection->exec("COMMIT");
    return count;
  } catch (...) {
    try {
      connection->exec("ROLLBACK");
    } catch (const std::exception&) {
      // The connection is gone; the server has already rolled back.
    }
    throw;
  }
}

}  // namespace catalog::host
