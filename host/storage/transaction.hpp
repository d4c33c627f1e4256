#pragma once

#include <Poco/Data/Session.h>

#include <memory>
#include <mutex>
#include <string>

#include "observability/tracing/span.hpp"
#include "storage/database.hpp"
#include "storage/sql_statement.hpp"

namespace catalog::host {

/// A transaction on one database. SQLite write transactions first take the database's writer
/// lock, then SQLite's (BEGIN IMMEDIATE), so writers queue in this process and never
/// deadlock on a lock upgrade. Rolled back on destruction unless committed. After a failed
/// statement it is good only for rollback, on both dialects (PostgreSQL aborts the whole
/// transaction; SQLite is held to the same rule so plugins behave alike). Within a trace it is a
/// span, named after its first write to a table of the plugin's ("INSERT store_entries"), else
/// its first write to the host's tables, else its first read. Not thread-safe.
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
  /// The transaction's span; inert outside any trace.
  const Span& span() const noexcept { return span_; }

 private:
  Poco::Data::Session& session() { return lease_->session(); }
  void begin(bool write);
  void nameSpanAfter(const std::string& sql);
  void endSpan(const char* outcome);

  Database& database_;
  Span span_;
  int span_named_by_ = 0;  // how telling the statement the span is named after is
  int statements_ = 0;
  std::unique_lock<std::timed_mutex> writer_;
  std::unique_ptr<Database::Lease> lease_;
  bool open_ = false;
  bool failed_ = false;
};

/// A text parameter borrowing `text`.
catalog_value textParam(const std::string& text);
/// An integer parameter.
catalog_value intParam(std::int64_t value);
/// A NULL parameter.
catalog_value nullParam();

}  // namespace catalog::host
