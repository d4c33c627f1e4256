#include "storage/transaction.hpp"

#include <Poco/Exception.h>

#include <cctype>

namespace catalog::host {

namespace {

std::string upperWord(const std::string& sql, std::size_t& at) {
  while (at < sql.size() && std::isspace(static_cast<unsigned char>(sql[at]))) ++at;
  std::string word;
  for (; at < sql.size(); ++at) {
    const auto c = static_cast<unsigned char>(sql[at]);
    if (!std::isalnum(c) && c != '_' && c != '.' && c != '"') break;
    if (c != '"') word += static_cast<char>(std::toupper(c));
  }
  return word;
}

// "{operation} {table}" per SRS §4.2.1: "SELECT offerings", "INSERT catalog_outbox".
std::string statementName(const std::string& sql) {
  std::size_t at = 0;
  const std::string operation = upperWord(sql, at);
  std::string marker = operation == "SELECT" || operation == "DELETE" ? "FROM"
                       : operation == "INSERT"                        ? "INTO"
                       : operation == "UPDATE"                        ? ""
                                                                      : "-";
  if (marker == "-") return operation;
  while (!marker.empty() && at < sql.size()) {
    const std::string word = upperWord(sql, at);
    if (word == marker) break;
    if (word.empty()) ++at;
  }
  std::string table = upperWord(sql, at);
  for (char& c : table) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return table.empty() ? operation : operation + " " + table;
}

// What a statement says of its transaction, to name the span after the most telling one: a
// write to the plugin's own tables over the host's bookkeeping (catalog_inbox, catalog_outbox)
// over a read.
int telling(const std::string& name) {
  if (name.rfind("SELECT", 0) == 0) return 1;
  return name.find(" catalog_") == std::string::npos ? 3 : 2;
}

}  // namespace

Transaction::Transaction(Database& database, bool write)
    : database_(database), span_(Span::child("TRANSACTION", SpanKind::Client)) {
  span_.setRemoteService(dialectName(database_.dialect()));
  span_.tag("db.system", dialectName(database_.dialect()));
  try {
    begin(write);
  } catch (const std::exception& e) {
    span_.fail(e.what());
    throw;
  }
}

void Transaction::begin(bool write) {
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

void Transaction::nameSpanAfter(const std::string& sql) {
  ++statements_;
  if (span_named_by_ == 3 || !span_.recording()) return;
  const std::string name = statementName(sql);
  if (const int rank = telling(name); rank > span_named_by_) {
    span_.rename(name);
    span_named_by_ = rank;
  }
}

void Transaction::endSpan(const char* outcome) {
  if (!span_.recording()) return;
  span_.tag("db.statements", std::to_string(statements_));
  span_.tag("db.outcome", outcome);
  span_.end();
}

Transaction::~Transaction() { rollback(); }

SqlResult Transaction::execute(const std::string& sql, const catalog_value* params,
                               std::size_t count, bool want_rows) {
  if (!open_) throw SqlError(CATALOG_ERR_INVALID_ARGUMENT, "transaction already finished");
  if (failed_)
    throw SqlError(CATALOG_ERR_INVALID_ARGUMENT,
                   "a statement of this transaction failed; roll it back");
  nameSpanAfter(sql);
  try {
    return executeSql(*lease_, database_.dialect(), sql, params, count, want_rows);
  } catch (const SqlError& e) {
    failed_ = true;
    span_.fail(e.what());
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
    } catch (const std::exception& e) {
      span_.fail(e.what());
      executeSql(*lease_, Dialect::SQLite, "ROLLBACK");
      throw;
    }
    endSpan("commit");
    return;
  }
  try {
    session().commit();
  } catch (const Poco::Exception& e) {
    span_.fail(e.displayText());
    throw SqlError(CATALOG_ERR_UNAVAILABLE, "commit failed: " + e.displayText());
  }
  endSpan("commit");
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
  endSpan("rollback");
}

catalog_value textParam(const std::string& text) {
  return {CATALOG_VALUE_TEXT, 0, 0.0, {text.data(), text.size()}};
}

catalog_value intParam(std::int64_t value) {
  return {CATALOG_VALUE_INT64, value, 0.0, {nullptr, 0}};
}

catalog_value nullParam() { return {CATALOG_VALUE_NULL, 0, 0.0, {nullptr, 0}}; }

}  // namespace catalog::host
