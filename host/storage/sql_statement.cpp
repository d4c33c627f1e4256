#include "storage/sql_statement.hpp"

#include <Poco/Data/PostgreSQL/SessionHandle.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <charconv>
#include <cstdlib>
#include <memory>

#include "storage/sqlite_statements.hpp"

namespace catalog::host {
namespace {

// SQLite runs through its own API on the pooled connection, with statements prepared once per
// connection (Poco Data prepares every statement anew, which was a third of a read's cost).

// Maps SQLite's result codes to what a plugin can act on: a violated constraint is a
// conflict, a busy or locked database is "retry later".
[[noreturn]] void throwSqliteError(sqlite3* db, int rc, const std::string& sql) {
  const std::string message = std::string(sqlite3_errmsg(db)) + " in: " + sql;
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      throw SqlError(CATALOG_ERR_CONFLICT, message);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw SqlError(CATALOG_ERR_UNAVAILABLE, message);
    default:
      throw SqlError(CATALOG_ERR_INTERNAL, message);
  }
}

void bindSqlite(sqlite3_stmt* statement, const catalog_value* params, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    const catalog_value& p = params[i];
    const int index = static_cast<int>(i) + 1;
    switch (p.type) {
      case CATALOG_VALUE_INT64:
        sqlite3_bind_int64(statement, index, p.int64);
        break;
      case CATALOG_VALUE_DOUBLE:
        sqlite3_bind_double(statement, index, p.real);
        break;
      case CATALOG_VALUE_TEXT:
        sqlite3_bind_text(statement, index, p.text.data == nullptr ? "" : p.text.data,
                          static_cast<int>(p.text.size), SQLITE_TRANSIENT);
        break;
      default:
        sqlite3_bind_null(statement, index);
        break;
    }
  }
}

SqlCell sqliteCell(sqlite3_stmt* statement, int column) {
  SqlCell cell;
  switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER:
      cell.type = CATALOG_VALUE_INT64;
      cell.int64 = sqlite3_column_int64(statement, column);
      break;
    case SQLITE_FLOAT:
      cell.type = CATALOG_VALUE_DOUBLE;
      cell.real = sqlite3_column_double(statement, column);
      break;
    case SQLITE_NULL:
      break;
    default:
      cell.type = CATALOG_VALUE_TEXT;
      cell.text.assign(reinterpret_cast<const char*>(sqlite3_column_text(statement, column)),
                       static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
  }
  return cell;
}

SqlResult executeSqlite(SqliteStatements& statements, const std::string& sql,
                        const catalog_value* params, std::size_t count, bool want_rows) {
  sqlite3_stmt* statement = statements.prepare(sql);
  // Reset even on failure: a cached statement left mid-step would hold its read snapshot.
  const std::unique_ptr<sqlite3_stmt, void (*)(sqlite3_stmt*)> reset(statement,
                                                                     [](sqlite3_stmt* s) {
                                                                       sqlite3_reset(s);
                                                                       sqlite3_clear_bindings(s);
                                                                     });
  if (static_cast<std::size_t>(sqlite3_bind_parameter_count(statement)) != count) {
    throw SqlError(CATALOG_ERR_INVALID_ARGUMENT,
                   "statement has " + std::to_string(sqlite3_bind_parameter_count(statement)) +
                       " placeholders but " + std::to_string(count) +
                       " parameters were given: " + sql);
  }
  bindSqlite(statement, params, count);
  SqlResult result;
  const int columns = sqlite3_column_count(statement);
  if (want_rows) {
    for (int c = 0; c < columns; ++c)
      result.columns.emplace_back(sqlite3_column_name(statement, c));
  }
  int rc;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
    if (!want_rows) continue;
    std::vector<SqlCell> row;
    row.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) row.push_back(sqliteCell(statement, c));
    result.rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) throwSqliteError(statements.db(), rc, sql);
  result.affected = columns > 0 ? static_cast<std::int64_t>(result.rows.size())
                                : static_cast<std::int64_t>(sqlite3_changes(statements.db()));
  if (!want_rows) result.columns.clear();
  return result;
}

// PostgreSQL goes through libpq on the session's own connection (so BEGIN/COMMIT still apply):
// Poco's PostgreSQL extractor loses UUID cells (it reads them as bytea) and reads NUMERIC as a
// binary double. Parameters and results travel as text; the server infers parameter types.
constexpr Oid kInt2 = 21, kInt4 = 23, kInt8 = 20, kFloat4 = 700, kFloat8 = 701;

PGconn* nativeConnection(Poco::Data::Session& session) {
  auto* handle =
      Poco::AnyCast<Poco::Data::PostgreSQL::SessionHandle*>(session.getProperty("handle"));
  return *handle;
}

std::string paramText(const catalog_value& p) {
  if (p.type == CATALOG_VALUE_INT64) return std::to_string(p.int64);
  if (p.type == CATALOG_VALUE_DOUBLE) {
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, p.real).ptr;
    return std::string(buffer, end);
  }
  return std::string(p.text.data == nullptr ? "" : p.text.data, p.text.size);
}

SqlCell pgCell(const PGresult* result, int row, int column) {
  SqlCell cell;
  if (PQgetisnull(result, row, column) != 0) return cell;
  const char* text = PQgetvalue(result, row, column);
  switch (PQftype(result, column)) {
    case kInt2:
    case kInt4:
    case kInt8:
      cell.type = CATALOG_VALUE_INT64;
      cell.int64 = std::strtoll(text, nullptr, 10);
      break;
    case kFloat4:
    case kFloat8:
      cell.type = CATALOG_VALUE_DOUBLE;
      cell.real = std::strtod(text, nullptr);
      break;
    default:
      cell.type = CATALOG_VALUE_TEXT;
      cell.text.assign(text, static_cast<std::size_t>(PQgetlength(result, row, column)));
  }
  return cell;
}

[[noreturn]] void throwPgError(PGconn* conn, const PGresult* result, const std::string& sql) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string code = state != nullptr ? state : "";
  const std::string message =
      std::string(result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn));
  // SQLSTATE class 23 is "integrity constraint violation"; 08 is "connection exception"; 40 is
  // "transaction rollback" (deadlock, serialization failure), which a retry may well pass.
  if (code.rfind("23", 0) == 0) throw SqlError(CATALOG_ERR_CONFLICT, message);
  if (code.rfind("08", 0) == 0 || code.rfind("40", 0) == 0 || PQstatus(conn) != CONNECTION_OK) {
    throw SqlError(CATALOG_ERR_UNAVAILABLE, message);
  }
  throw SqlError(CATALOG_ERR_INTERNAL, message + " in: " + sql);
}

SqlResult executePostgres(Poco::Data::Session& session, const std::string& sql,
                          const catalog_value* params, std::size_t count, bool want_rows) {
  PGconn* conn = nativeConnection(session);
  std::vector<std::string> texts(count);
  std::vector<const char*> values(count, nullptr);
  for (std::size_t i = 0; i < count; ++i) {
    if (params[i].type == CATALOG_VALUE_NULL) continue;
    texts[i] = paramText(params[i]);
    values[i] = texts[i].c_str();
  }
  std::unique_ptr<PGresult, void (*)(PGresult*)> result(
      PQexecParams(conn, sql.c_str(), static_cast<int>(count), nullptr, values.data(), nullptr,
                   nullptr, 0),
      PQclear);
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    throwPgError(conn, result.get(), sql);
  SqlResult out;
  out.affected = std::strtoll(PQcmdTuples(result.get()), nullptr, 10);
  if (!want_rows || status != PGRES_TUPLES_OK) return out;
  const int columns = PQnfields(result.get());
  for (int c = 0; c < columns; ++c) out.columns.emplace_back(PQfname(result.get(), c));
  for (int r = 0; r < PQntuples(result.get()); ++r) {
    std::vector<SqlCell> row;
    row.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) row.push_back(pgCell(result.get(), r, c));
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace

std::string numberPlaceholders(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  char quote = 0;
  for (const char c : sql) {
    if (quote != 0) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += '$' + std::to_string(next++);
    } else {
      out += c;
    }
  }
  return out;
}

SqlResult executeSql(Database::Lease& lease, Dialect dialect, const std::string& sql,
                     const catalog_value* params, std::size_t count, bool want_rows) {
  if (dialect == Dialect::PostgreSQL) {
    return executePostgres(lease.session(), numberPlaceholders(sql), params, count, want_rows);
  }
  return executeSqlite(*lease.sqliteStatements(), sql, params, count, want_rows);
}

}  // namespace catalog::host
