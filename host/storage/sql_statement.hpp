#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

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

/// Runs one statement with bound parameters on a leased connection, through the driver's own
/// API: sqlite3 with statements prepared once per connection; libpq in one round trip with
/// results as text (UUIDs and NUMERIC intact, which Poco's extractor is not). Poco Data owns
/// the connections, their pool and PostgreSQL's transactions. Throws SqlError.
SqlResult executeSql(Database::Lease& lease, Dialect dialect, const std::string& sql,
                     const catalog_value* params = nullptr, std::size_t count = 0,
                     bool want_rows = false);

}  // namespace catalog::host
