#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <Poco/Data/Session.h>

#include "catalog/abi.h"
#include "storage/database.hpp"

namespace catalog::host {

/// A statement failed; `status` is the catalog_status a plugin sees.
class SqlError : public std::runtime_error {
 public:
  SqlError(catalog_status status, const std::string& message)
      : std::runtime_error(message), status_(status) {}
  catalog_status status() const noexcept { return status_; }

 private:
  catalog_status status_;
};

/// A result cell, owning its text.
struct SqlCell {
  catalog_value_type type = CATALOG_VALUE_NULL;
  std::int64_t int64 = 0;
  double real = 0.0;
  std::string text;
};

/// What a statement returned: rows (when asked for) and the number of rows it changed.
struct SqlResult {
  std::vector<std::string> columns;
  std::vector<std::vector<SqlCell>> rows;
  std::int64_t affected = 0;
};

/// Rewrites `?` placeholders to PostgreSQL's `$1, $2, …`, leaving quoted text alone.
std::string numberPlaceholders(const std::string& sql);

/// Runs one statement with bound parameters: through Poco Data on SQLite, through libpq on the
/// PostgreSQL session's own connection (one round trip, results as text, UUIDs and NUMERIC
/// intact). Throws SqlError.
SqlResult executeSql(Poco::Data::Session& session, Dialect dialect, const std::string& sql,
                     const catalog_value* params, std::size_t count, bool want_rows);

/// Runs a SQLite statement without parameters or results (BEGIN, COMMIT…). Throws SqlError.
void executeSql(Poco::Data::Session& session, const std::string& sql);

}  // namespace catalog::host
