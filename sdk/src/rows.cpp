#include "catalog/sdk/rows.hpp"

#include <stdexcept>

namespace catalog::sdk {

const Value& Row::operator[](std::string_view column) const {
  for (std::size_t i = 0; i < columns_->size(); ++i) {
    if ((*columns_)[i] == column) return cells_[i];
  }
  throw std::out_of_range("no column " + std::string(column) + " in the result");
}

std::optional<std::string> Row::optionalText(std::string_view column) const {
  const Value& value = (*this)[column];
  if (value.isNull()) return std::nullopt;
  return value.text();
}

}  // namespace catalog::sdk
