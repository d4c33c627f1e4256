#include "storage/transaction.hpp"

#include <Poco/Exception.h>

namespace catalog::host {

Transaction::Transaction(Database& database, bool write) : database_(database) {
  if (std::timed_mutex* lock = database_.writerLock(); write && lock != nullptr) {
    writer_ = std::unique_lock<std::timed_mutex>(*lock, Database::kWaitLimit);
    if (!writer_.owns_lock()) {
      throw SqlError(CATALOG_ERR_UNAVAILABLE,
                     "another write to " + database_.displayUrl() + " held the database for " +
                         std::to_string(Database::kWaitLimit.count()) + " s");
    }
  }
  lease_ = database_.lease();
  if (database_.dialect() == Dialect::SQLite) {
    executeSql(*lease_, Dialect::SQLite, write ? "BEGIN IMMEDIATE" : "BEGIN");
  } else {
    try {
      session().begin();
    } catch (const Poco::Exception& e) {
      throw SqlError(CATALOG_ERR_UNAVAILABLE, e.displayText());
    }
  }
  open_ = true;
}

Transaction::~Transaction() { rollback(); }

SqlResult Transaction::execute(const std::string& sql, const catalog_value* params,
                               std::size_t count, bool want_rows) {
  if (!open_) throw SqlError(CATALOG_ERR_INVALID_ARGUMENT, "transaction already finished");
  if (failed_)
    throw SqlError(CATALOG_ERR_INVALID_ARGUMENT,
                   "a statement of this transaction failed; roll it back");
  try {
    return executeSql(*lease_, database_.dialect(), sql, params, count, want_rows);
  } catch (const SqlError&) {
    failed_ = true;
    throw;
  }
}

SqlResult Transaction::execute(const std::string& sql, std::initializer_list<catalog_value> params,
                               bool want_rows) {
  return execute(sql, params.begin(), params.size(), want_rows);
}

void Transaction::commit() {
  if (!open_) throw SqlError(CATALOG_ERR_INVALID_ARGUMENT, "transaction already finished");
  if (failed_) {
    rollback();
    throw SqlError(CATALOG_ERR_INVALID_ARGUMENT,
                   "a statement of this transaction failed; it was rolled back");
  }
  open_ = false;
  if (database_.dialect() == Dialect::SQLite) {
    try {
      executeSql(*lease_, Dialect::SQLite, "COMMIT");
    } catch (...) {
      executeSql(*lease_, Dialect::SQLite, "ROLLBACK");
      throw;
    }
    return;
  }
  try {
    session().commit();
  } catch (const Poco::Exception& e) {
    throw SqlError(CATALOG_ERR_UNAVAILABLE, "commit failed: " + e.displayText());
  }
}

void Transaction::rollback() noexcept {
  if (!open_) return;
  open_ = false;
  try {
    if (database_.dialect() == Dialect::SQLite) {
      executeSql(*lease_, Dialect::SQLite, "ROLLBACK");
    } else {
      session().rollback();
    }
  } catch (...) {
    // The connection is broken: the server rolls the transaction back when it goes away.
  }
}

catalog_value textParam(const std::string& text) {
  return {CATALOG_VALUE_TEXT, 0, 0.0, {text.data(), text.size()}};
}

catalog_value intParam(std::int64_t value) {
  return {CATALOG_VALUE_INT64, value, 0.0, {nullptr, 0}};
}

}  // namespace catalog::host
