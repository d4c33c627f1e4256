#pragma once

#include <map>
#include <string>

#include "catalog/sdk/json.hpp"

namespace catalog::host {

/// A process variable typed as Camunda's REST API types it (VariableValueDto): `type` is
/// "String", "Boolean", "Integer", "Long", "Double", "Date", "Null", "Json" or "Object";
/// `value` the JSON value (for Date, the text "yyyy-MM-dd'T'HH:mm:ss.SSSZ"; for Json and
/// Object, a string holding the serialized document).
struct Variable {
  std::string type;
  sdk::Json value;
  sdk::Json value_info = sdk::Json::object();

  bool operator==(const Variable& other) const {
    return type == other.type && value == other.value && value_info == other.value_info;
  }
};

/// Variables by name.
using Variables = std::map<std::string, Variable>;

/// A VariableValueDto as a client sends it: `type` optional (then inferred from the value, as
/// Camunda does for untyped values) and case-insensitive in its first letter only ("string"
/// and "String"). Throws EngineError (400) for an unsupported type or a value that doesn't fit.
Variable variableFromDto(const sdk::Json& dto);
/// A map of name → VariableValueDto; null or absent is no variables.
Variables variablesFromDto(const sdk::Json& dtos);
/// The VariableValueDto of a variable: {"type", "value", "valueInfo"}.
sdk::Json variableToDto(const Variable& variable);
/// The DTOs of `variables`, restricted to `names` unless `names` is null.
sdk::Json variablesToDto(const Variables& variables, const sdk::Json& names = sdk::Json());
/// Variables as plain JSON values by name, as conditions and workers read them: Json variables
/// parsed into the document they hold.
sdk::Json plainValues(const Variables& variables);
/// A variable holding a plain JSON value (what an in-process worker hands back): strings,
/// booleans, numbers and null keep their type; objects and arrays become Json.
Variable variableOf(const sdk::Json& value);

}  // namespace catalog::host
