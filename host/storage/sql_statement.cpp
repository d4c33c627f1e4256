#include "storage/sql_statement.hpp"

#include <Poco/Data/PostgreSQL/PostgreSQLException.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/Statement.h>

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

// Maps driver exceptions to what a plugin can act on: a violated constraint is a conflict,
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
  } catch (const Poco::Data::PostgreSQL::ConnectionException& e) {
    throw SqlError(CATALOG_ERR_UNAVAILABLE, e.displayText());
  } catch (const Poco::Data::PostgreSQL::StatementException& e) {
    const std::string text = e.displayText();
    // SQLSTATE class 23 is "integrity constraint violation"; 08 is "connection exception".
    if (text.find("State: 23") != std::string::npos) throw SqlError(CATALOG_ERR_CONFLICT, text);
    if (text.find("State: 08") != std::string::npos) throw SqlError(CATALOG_ERR_UNAVAILABLE, text);
    throw SqlError(CATALOG_ERR_INTERNAL, text);
  } catch (const Poco::Data::ConnectionFailedException& e) {
    throw SqlError(CATALOG_ERR_UNAVAILABLE, e.displayText());
  } catch (const Poco::Exception& e) {
    throw SqlError(CATALOG_ERR_INTERNAL, e.displayText() + " in: " + sql);
  } catch (const std::exception& e) {
    throw SqlError(CATALOG_ERR_INTERNAL, std::string(e.what()) + " in: " + sql);
  }
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
  const std::string text = dialect == Dialect::PostgreSQL ? numberPlaceholders(sql) : sql;
  try {
    Poco::Data::Statement statement(session);
    statement << text;
    bindParams(statement, params, count);
    const std::size_t affected = statement.execute();
    SqlResult result = want_rows && statement.columnsExtracted() > 0 ? collect(statement) : SqlResult{};
    result.affected = static_cast<std::int64_t>(affected);
    return result;
  } catch (...) {
    rethrow(text);
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
