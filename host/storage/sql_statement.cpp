#include "storage/sql_statement.hpp"

#include <charconv>
#include <cstdlib>
#include <memory>

#include <Poco/Data/PostgreSQL/SessionHandle.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/Statement.h>
#include <libpq-fe.h>

namespace catalog::host {
namespace {

using Poco::Data::Keywords::bind;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;

void bindParams(Poco::Data::Statement& statement, const catalog_value* params, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    const catalog_value& p = params[i];
    switch (p.type) {
      case CATALOG_VALUE_INT64:
        statement.addBind(bind(static_cast<Poco::Int64>(p.int64)));
        break;
      case CATALOG_VALUE_DOUBLE:
        statement.addBind(bind(p.real));
        break;
      case CATALOG_VALUE_TEXT:
        statement.addBind(bind(std::string(p.text.data == nullptr ? "" : p.text.data, p.text.size)));
        break;
      default:
        statement.addBind(use(Poco::Data::Keywords::null));
        break;
    }
  }
}

SqlCell toCell(const Poco::Dynamic::Var& value) {
  SqlCell cell;
  if (value.isEmpty()) return cell;
  if (value.isInteger()) {
    cell.type = CATALOG_VALUE_INT64;
    cell.int64 = value.convert<Poco::Int64>();
  } else if (value.isNumeric()) {
    cell.type = CATALOG_VALUE_DOUBLE;
    cell.real = value.convert<double>();
  } else {
    cell.type = CATALOG_VALUE_TEXT;
    cell.text = value.convert<std::string>();
  }
  return cell;
}

SqlResult collect(Poco::Data::Statement& statement) {
  SqlResult result;
  Poco::Data::RecordSet records(statement);
  const std::size_t columns = records.columnCount();
  for (std::size_t c = 0; c < columns; ++c) result.columns.push_back(records.columnName(c));
  const std::size_t count = records.rowCount();
  result.rows.reserve(count);
  for (std::size_t r = 0; r < count; ++r) {
    std::vector<SqlCell> row;
    row.reserve(columns);
    for (std::size_t c = 0; c < columns; ++c) {
      row.push_back(records.isNull(c, r) ? SqlCell{} : toCell(records.value(c, r)));
    }
    result.rows.push_back(std::move(row));
  }
  return result;
}

// Maps SQLite's exceptions to what a plugin can act on: a violated constraint is a conflict,
// a lost connection or a lock timeout is "retry later".
[[noreturn]] void rethrow(const std::string& sql) {
  try {
    throw;
  } catch (const Poco::Data::SQLite::ConstraintViolationException& e) {
    throw SqlError(CATALOG_ERR_CONFLICT, e.displayText());
  } catch (const Poco::Data::SQLite::DBLockedException& e) {
    throw SqlError(CATALOG_ERR_UNAVAILABLE, e.displayText());
  } catch (const Poco::Data::SQLite::TableLockedException& e) {
    throw SqlError(CATALOG_ERR_UNAVAILABLE, e.displayText());
  } catch (const Poco::Data::ConnectionFailedException& e) {
    throw SqlError(CATALOG_ERR_UNAVAILABLE, e.displayText());
  } catch (const Poco::Exception& e) {
    throw SqlError(CATALOG_ERR_INTERNAL, e.displayText() + " in: " + sql);
  } catch (const std::exception& e) {
    throw SqlError(CATALOG_ERR_INTERNAL, std::string(e.what()) + " in: " + sql);
  }
}

// PostgreSQL goes through libpq on the session's own connection (so BEGIN/COMMIT still apply):
// Poco's PostgreSQL extractor loses UUID cells (it reads them as bytea) and reads NUMERIC as a
// binary double. Parameters and results travel as text; the server infers parameter types.
constexpr Oid kInt2 = 21, kInt4 = 23, kInt8 = 20, kFloat4 = 700, kFloat8 = 701;

PGconn* nativeConnection(Poco::Data::Session& session) {
  auto* handle = Poco::AnyCast<Poco::Data::PostgreSQL::SessionHandle*>(session.getProperty("handle"));
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
  const std::string message = std::string(result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn));
  // SQLSTATE class 23 is "integrity constraint violation"; 08 is "connection exception".
  if (code.rfind("23", 0) == 0) throw SqlError(CATALOG_ERR_CONFLICT, message);
  if (code.rfind("08", 0) == 0 || PQstatus(conn) != CONNECTION_OK) {
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
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throwPgError(conn, result.get(), sql);
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

SqlResult executeSql(Poco::Data::Session& session, Dialect dialect, const std::string& sql,
                     const catalog_value* params, std::size_t count, bool want_rows) {
  if (dialect == Dialect::PostgreSQL) {
    return executePostgres(session, numberPlaceholders(sql), params, count, want_rows);
  }
  try {
    Poco::Data::Statement statement(session);
    statement << sql;
    bindParams(statement, params, count);
    const std::size_t affected = statement.execute();
    SqlResult result = want_rows && statement.columnsExtracted() > 0 ? collect(statement) : SqlResult{};
    result.affected = static_cast<std::int64_t>(affected);
    return result;
  } catch (...) {
    rethrow(sql);
  }
}

void executeSql(Poco::Data::Session& session, const std::string& sql) {
  try {
    session << sql, now;
  } catch (...) {
    rethrow(sql);
  }
}

}  // namespace catalog::host
