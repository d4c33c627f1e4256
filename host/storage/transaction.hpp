#pragma once

#include <string>

#include <Poco/Data/Session.h>

#include "storage/database.hpp"
#include "storage/sql_statement.hpp"

namespace catalog::host {

/// A transaction on one database. SQLite write transactions take the write lock up front
/// (BEGIN IMMEDIATE) so two writers queue on busy_timeout instead of deadlocking on upgrade.
/// Rolled back on destruction unless committed. Not thread-safe.
class Transaction {
 public:
  Transaction(Database& database, bool write);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  SqlResult execute(const std::string& sql, const catalog_value* params, std::size_t count,
                    bool want_rows);
  /// Convenience for host SQL with text and integer parameters.
  SqlResult execute(const std::string& sql, std::initializer_list<catalog_value> params,
                    bool want_rows = false);
  void commit();
  void rollback() noexcept;
  Database& database() noexcept { return database_; }

 private:
  Database& database_;
  Poco::Data::Session session_;
  bool open_ = false;
};

/// A text parameter borrowing `text`.
catalog_value textParam(const std::string& text);
/// An integer parameter.
catalog_value intParam(std::int64_t value);

}  // namespace catalog::host
