#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace catalog::host {

/// The prepared statements of one SQLite connection, kept for reuse: plugins run the same few
/// statements again and again, and preparing one costs more than running it. Used by one
/// thread at a time (whoever leases the connection).
class SqliteStatements {
 public:
  explicit SqliteStatements(sqlite3* db) : db_(db) {}
  ~SqliteStatements();
  SqliteStatements(const SqliteStatements&) = delete;
  SqliteStatements& operator=(const SqliteStatements&) = delete;

  sqlite3* db() const noexcept { return db_; }
  /// The prepared statement for `sql`, reset and unbound. Throws SqlError when it can't be
  /// prepared.
  sqlite3_stmt* prepare(const std::string& sql);
  /// How many statements are kept; never more than kCapacity.
  std::size_t size() const noexcept { return cache_.size(); }

  static constexpr std::size_t kCapacity = 256;

 private:
  void clear();

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace catalog::host
