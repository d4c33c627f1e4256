#pragma once

#include <string>
#include <vector>

#include "catalog/sdk/rows.hpp"
#include "catalog/sdk/value.hpp"
#include "storage/transaction.hpp"

namespace catalog::host {

/// The engine's statements on a host transaction, with the SDK's portable values and rows so
/// that engine code reads like plugin code.
class EngineSql {
 public:
  explicit EngineSql(Transaction& tx) : tx_(tx) {}

  sdk::Rows query(const std::string& sql, const std::vector<sdk::Value>& params = {});
  std::int64_t execute(const std::string& sql, const std::vector<sdk::Value>& params = {});

 private:
  Transaction& tx_;
};

}  // namespace catalog::host
