#pragma once

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Semaphore.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

#include "storage/sqlite_statements.hpp"

namespace catalog::host {

enum class Dialect { SQLite, PostgreSQL };

/// "sqlite" or "postgresql", as plugins and migration folders name them.
std::string_view dialectName(Dialect dialect);

/// A database could not be opened or reached.
class DatabaseUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One plugin's database: a pool of sessions on a SQLite file or a PostgreSQL database.
class Database {
 public:
  /// A session borrowed from the pool, given back on destruction. Not thread-safe.
  class Lease {
   public:
    Lease(Poco::Data::Session session, Poco::Semaphore& slots, SqliteStatements* statements)
        : session_(std::move(session)), slots_(slots), statements_(statements) {}
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Poco::Data::Session& session() { return *session_; }
    /// For SQLite, the connection's prepared statements; null for PostgreSQL.
    SqliteStatements* sqliteStatements() const noexcept { return statements_; }

   private:
    std::optional<Poco::Data::Session> session_;
    Poco::Semaphore& slots_;
    SqliteStatements* statements_;
  };

  /// How long a caller waits for a free session or for SQLite's writer lock before the
  /// database counts as unavailable.
  static constexpr std::chrono::seconds kWaitLimit{5};

  /// Opens `url` ("sqlite:<path>" or "postgresql://…") and checks it is reachable.
  /// Throws DatabaseUnavailable with the reason, or std::invalid_argument for a bad URL.
  static std::unique_ptr<Database> open(const std::string& url);

  Database(Dialect dialect, std::string url);
  ~Database();

  Dialect dialect() const noexcept { return dialect_; }
  /// The URL without its password, for logs.
  std::string displayUrl() const;
  /// The URL as given, for native connections (migrations, LISTEN).
  const std::string& url() const noexcept { return url_; }
  /// For SQLite, the file path.
  std::string sqlitePath() const;

  /// A pooled session. Waits up to kWaitLimit for a free one, then throws
  /// SqlError(CATALOG_ERR_UNAVAILABLE).
  std::unique_ptr<Lease> lease();
  /// For SQLite, the lock every write transaction of this process holds: SQLite admits one
  /// writer at a time, and queueing on a mutex is fair and prompt where its busy handler
  /// sleeps and retries. Null for PostgreSQL.
  std::timed_mutex* writerLock() noexcept {
    return dialect_ == Dialect::SQLite ? &writer_ : nullptr;
  }
  /// True when a trivial query succeeds; otherwise false and the reason in *error.
  bool ping(std::string* error);

  /// The sessions lent out now, those kept idle, and the most the pool opens.
  struct PoolUse {
    int in_use = 0;
    int idle = 0;
    int max = 0;
  };
  PoolUse poolUse();

 private:
  Dialect dialect_;
  std::string url_;
  std::unique_ptr<Poco::Data::SessionPool> pool_;
  Poco::Semaphore slots_;
  // Per SQLite connection; the pool never closes a SQLite connection, so none dangles.
  std::mutex statements_mutex_;
  std::unordered_map<const void*, std::unique_ptr<SqliteStatements>> statements_;
  std::timed_mutex writer_;
};

}  // namespace catalog::host
