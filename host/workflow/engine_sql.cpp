#include "workflow/engine_sql.hpp"

#include <memory>

namespace catalog::host {
namespace {

std::vector<catalog_value> toAbi(const std::vector<sdk::Value>& params) {
  std::vector<catalog_value> values;
  values.reserve(params.size());
  for (const sdk::Value& param : params) {
    catalog_value value{};
    if (const auto* n = std::get_if<std::int64_t>(&param.raw())) {
      value.type = CATALOG_VALUE_INT64;
      value.int64 = *n;
    } else if (const auto* r = std::get_if<double>(&param.raw())) {
      value.type = CATALOG_VALUE_DOUBLE;
      value.real = *r;
    } else if (const auto* t = std::get_if<std::string>(&param.raw())) {
      value.type = CATALOG_VALUE_TEXT;
      value.text = {t->data(), t->size()};
    } else {
      value.type = CATALOG_VALUE_NULL;
    }
    values.push_back(value);
  }
  return values;
}

sdk::Value fromCell(SqlCell cell) {
  switch (cell.type) {
    case CATALOG_VALUE_INT64:
      return cell.int64;
    case CATALOG_VALUE_DOUBLE:
      return cell.real;
    case CATALOG_VALUE_TEXT:
      return std::move(cell.text);
    default:
      return {};
  }
}

}  // namespace

sdk::Rows EngineSql::query(const std::string& sql, const std::vector<sdk::Value>& params) {
  const std::vector<catalog_value> values = toAbi(params);
  SqlResult result = tx_.execute(sql, values.data(), values.size(), true);
  const auto columns = std::make_shared<const std::vector<std::string>>(std::move(result.columns));
  sdk::Rows rows;
  rows.reserve(result.rows.size());
  for (auto& cells : result.rows) {
    std::vector<sdk::Value> row;
    row.reserve(cells.size());
    for (SqlCell& cell : cells) row.push_back(fromCell(std::move(cell)));
    rows.emplace_back(columns, std::move(row));
  }
  return rows;
}

std::int64_t EngineSql::execute(const std::string& sql, const std::vector<sdk::Value>& params) {
  const std::vector<catalog_value> values = toAbi(params);
  return tx_.execute(sql, values.data(), values.size(), false).affected;
}

}  // namespace catalog::host
