#include "integration/stored_rows.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <memory>
#include <stdexcept>

namespace catalog::test {
namespace {

constexpr std::string_view kSqlitePrefix = "sqlite:";

std::vector<StoredRow> querySqlite(const std::string& path, const std::string& sql) {
  sqlite3* raw = nullptr;
  // No SQLITE_OPEN_CREATE: a wrong path is an error, not a new empty database.
  const int opened = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> db(raw, sqlite3_close);
  if (opened != SQLITE_OK)
    throw std::runtime_error("cannot open " + path + ": " + sqlite3_errmsg(raw));
  sqlite3_busy_timeout(db.get(), 5000);

  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    throw std::runtime_error(std::string(sqlite3_errmsg(db.get())) + " in: " + sql);
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(statement, sqlite3_finalize);
  std::vector<StoredRow> rows;
  int step = SQLITE_ROW;
  while ((step = sqlite3_step(statement)) == SQLITE_ROW) {
    StoredRow row;
    for (int c = 0; c < sqlite3_column_count(statement); ++c) {
      const auto* text = sqlite3_column_text(statement, c);
      row.push_back(text == nullptr
                        ? std::nullopt
                        : std::optional<std::string>(reinterpret_cast<const char*>(text)));
    }
    rows.push_back(std::move(row));
  }
  if (step != SQLITE_DONE)
    throw std::runtime_error(std::string(sqlite3_errmsg(db.get())) + " in: " + sql);
  return rows;
}

std::vector<StoredRow> queryPostgres(const std::string& url, const std::string& sql) {
  std::unique_ptr<PGconn, void (*)(PGconn*)> conn(PQconnectdb(url.c_str()), PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn.get()));
  std::unique_ptr<PGresult, void (*)(PGresult*)> result(PQexec(conn.get(), sql.c_str()), PQclear);
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
    throw std::runtime_error(std::string(PQresultErrorMessage(result.get())) + " in: " + sql);
  }
  std::vector<StoredRow> rows;
  for (int r = 0; r < PQntuples(result.get()); ++r) {
    StoredRow row;
    for (int c = 0; c < PQnfields(result.get()); ++c) {
      row.push_back(PQgetisnull(result.get(), r, c) != 0
                        ? std::nullopt
                        : std::optional<std::string>(PQgetvalue(result.get(), r, c)));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

std::vector<StoredRow> queryStoredRows(const std::string& url, const std::string& sql) {
  if (url.compare(0, kSqlitePrefix.size(), kSqlitePrefix) == 0) {
    return querySqlite(url.substr(kSqlitePrefix.size()), sql);
  }
  return queryPostgres(url, sql);
}

std::string queryStoredValue(const std::string& url, const std::string& sql) {
  const std::vector<StoredRow> rows = queryStoredRows(url, sql);
  if (rows.size() != 1 || rows[0].size() != 1 || !rows[0][0]) {
    throw std::runtime_error("expected one non-null value from: " + sql);
  }
  return *rows[0][0];
}

}  // namespace catalog::test
