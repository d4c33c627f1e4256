#pragma once

/// @file
/// Result sets of queries.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/sdk/value.hpp"

namespace catalog::sdk {

/// The column names of a result set, shared by its rows.
using Columns = std::shared_ptr<const std::vector<std::string>>;

/// One row of a result set, read by column name.
class Row {
 public:
  Row(Columns columns, std::vector<Value> cells)
      : columns_(std::move(columns)), cells_(std::move(cells)) {}

  /// The cell of a column; throws std::out_of_range for an unknown column.
  const Value& operator[](std::string_view column) const;
  std::string text(std::string_view column) const { return (*this)[column].text(); }
  std::int64_t int64(std::string_view column) const { return (*this)[column].int64(); }
  double real(std::string_view column) const { return (*this)[column].real(); }
  /// Text, or nullopt when the cell is null.
  std::optional<std::string> optionalText(std::string_view column) const;

 private:
  Columns columns_;
  std::vector<Value> cells_;
};

/// A materialized result set: a vector of rows.
using Rows = std::vector<Row>;

}  // namespace catalog::sdk
