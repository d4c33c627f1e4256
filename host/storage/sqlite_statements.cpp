#include "storage/sqlite_statements.hpp"

#include <sqlite3.h>

#include "storage/sql_statement.hpp"

namespace catalog::host {

SqliteStatements::~SqliteStatements() { clear(); }

void SqliteStatements::clear() {
  for (auto& [sql, statement] : cache_) sqlite3_finalize(statement);
  cache_.clear();
}

sqlite3_stmt* SqliteStatements::prepare(const std::string& sql) {
  if (const auto it = cache_.find(sql); it != cache_.end()) return it->second;
  if (cache_.size() >= kCapacity) clear();  // SQL built on the fly must not grow it forever
  sqlite3_stmt* statement = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
  if (rc != SQLITE_OK) {
    throw SqlError(CATALOG_ERR_INTERNAL, std::string(sqlite3_errmsg(db_)) + " in: " + sql);
  }
  cache_.emplace(sql, statement);
  return statement;
}

}  // namespace catalog::host
