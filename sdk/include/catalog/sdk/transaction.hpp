#pragma once

/// @file
/// Units of work on the plugin's own database.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/abi.h"
#include "catalog/sdk/events.hpp"
#include "catalog/sdk/rows.hpp"
#include "catalog/sdk/value.hpp"

namespace catalog::sdk {

/// A database transaction. SQL uses `?` placeholders and portable types; where dialects
/// differ, migrations differ, not queries. Rolled back on destruction unless committed.
/// Not thread-safe. Host errors surface as typed errors: a violated constraint as
/// ConflictError, an unreachable database as UnavailableError.
class Transaction {
 public:
  /// ReadWrite queues for the database's writer; ReadOnly does not and is meant for reads
  /// (writes in it are not prevented, but may wait on or fail against a writer).
  enum class Mode { ReadOnly, ReadWrite };

  /// Begins a transaction for work on behalf of `correlation_id`.
  Transaction(Mode mode, std::string_view correlation_id);
  /// Wraps a transaction the host owns (event delivery): it can't be committed here.
  explicit Transaction(catalog_tx* borrowed);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  /// Runs a statement that returns rows.
  Rows query(std::string_view sql, std::initializer_list<Value> params = {});
  Rows query(std::string_view sql, const std::vector<Value>& params);
  /// Runs a statement and returns the number of rows it changed.
  std::int64_t execute(std::string_view sql, std::initializer_list<Value> params = {});
  std::int64_t execute(std::string_view sql, const std::vector<Value>& params);
  /// Appends `event` to the outbox; it is published only if this transaction commits.
  void emit(const NewEvent& event);
  /// Commits. Throws on failure, after which the transaction is gone.
  void commit();

 private:
  std::int64_t run(std::string_view sql, const Value* params, std::size_t count, Rows* rows);

  catalog_tx* tx_;
  bool owned_;
};

/// "?, ?, ?" for `count` values, for `IN (…)` lists of a length known only at run time.
std::string placeholders(std::size_t count);

}  // namespace catalog::sdk
