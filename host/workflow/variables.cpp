#include "workflow/variables.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

#include "workflow/engine_error.hpp"

namespace catalog::host {
namespace {

bool fitsInt32(const sdk::Json& value) {
  if (value.is_number_unsigned())
    return value.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT32_MAX);
  if (!value.is_number_integer()) return false;
  const auto n = value.get<std::int64_t>();
  return n >= std::numeric_limits<std::int32_t>::min() &&
         n <= std::numeric_limits<std::int32_t>::max();
}

[[noreturn]] void doesNotFit(const std::string& type, const sdk::Json& value) {
  throw EngineError::invalidRequest("Cannot convert value '" + value.dump() + "' of type '" + type +
                                    "'");
}

// "42" is an Integer too: Camunda converts a string of the right form.
sdk::Json numberFrom(const std::string& type, const sdk::Json& value) {
  if (value.is_number()) return value;
  if (value.is_string()) {
    const sdk::Json parsed = sdk::Json::parse(value.get<std::string>(), nullptr, false);
    if (parsed.is_number()) return parsed;
  }
  doesNotFit(type, value);
}

}  // namespace

Variable variableFromDto(const sdk::Json& dto) {
  if (!dto.is_object()) throw EngineError::invalidRequest("A variable must be a JSON object");
  const sdk::Json value = dto.value("value", sdk::Json());
  const sdk::Json info = dto.contains("valueInfo") && dto["valueInfo"].is_object()
                             ? dto["valueInfo"]
                             : sdk::Json::object();
  if (!dto.contains("type") || dto["type"].is_null()) {
    Variable inferred = variableOf(value);
    inferred.value_info = info;
    return inferred;
  }
  if (!dto["type"].is_string())
    throw EngineError::invalidRequest("A variable's type must be a string");
  std::string type = dto["type"].get<std::string>();
  if (!type.empty() && type[0] >= 'a' && type[0] <= 'z') type[0] = static_cast<char>(type[0] - 32);

  if (type == "String") {
    if (!value.is_string() && !value.is_null()) return {type, value.dump(), info};
    return {type, value, info};
  }
  if (type == "Boolean") {
    if (value.is_boolean() || value.is_null()) return {type, value, info};
    if (value == "true" || value == "false") return {type, value == "true", info};
    doesNotFit(type, value);
  }
  if (type == "Integer" || type == "Long") {
    if (value.is_null()) return {type, value, info};
    const sdk::Json n = numberFrom(type, value);
    if (!n.is_number_integer() || (type == "Integer" && !fitsInt32(n))) doesNotFit(type, value);
    return {type, n, info};
  }
  if (type == "Double") {
    if (value.is_null()) return {type, value, info};
    return {type, numberFrom(type, value).get<double>(), info};
  }
  if (type == "Null") return {type, sdk::Json(), info};
  if (type == "Date") {
    // "2015-10-06T16:34:42.000+0200": kept as the client wrote it, answered the same way.
    if (value.is_string() || value.is_null()) return {type, value, info};
    doesNotFit(type, value);
  }
  if (type == "Json" || type == "Object") {
    if (!value.is_string() && !value.is_null()) {
      throw EngineError::invalidRequest(
          "Must provide 'null' or String value for value of SerializableValue type '" + type +
          "'.");
    }
    return {type, value, info};
  }
  throw EngineError::invalidRequest("Unsupported value type '" + dto["type"].get<std::string>() +
                                    "'");
}

Variables variablesFromDto(const sdk::Json& dtos) {
  Variables variables;
  if (dtos.is_null()) return variables;
  if (!dtos.is_object()) throw EngineError::invalidRequest("variables must be a JSON object");
  for (const auto& [name, dto] : dtos.items()) variables[name] = variableFromDto(dto);
  return variables;
}

sdk::Json variableToDto(const Variable& variable) {
  return {{"type", variable.type}, {"value", variable.value}, {"valueInfo", variable.value_info}};
}

sdk::Json variablesToDto(const Variables& variables, const sdk::Json& names) {
  sdk::Json dtos = sdk::Json::object();
  for (const auto& [name, variable] : variables) {
    const bool wanted =
        !names.is_array() || std::find(names.begin(), names.end(), sdk::Json(name)) != names.end();
    if (wanted) dtos[name] = variableToDto(variable);
  }
  return dtos;
}

sdk::Json plainValues(const Variables& variables) {
  sdk::Json values = sdk::Json::object();
  for (const auto& [name, variable] : variables) {
    if (variable.type == "Json" && variable.value.is_string()) {
      const sdk::Json parsed = sdk::Json::parse(variable.value.get<std::string>(), nullptr, false);
      values[name] = parsed.is_discarded() ? variable.value : parsed;
    } else {
      values[name] = variable.value;
    }
  }
  return values;
}

Variable variableOf(const sdk::Json& value) {
  if (value.is_string()) return {"String", value};
  if (value.is_boolean()) return {"Boolean", value};
  if (value.is_number_integer()) return {fitsInt32(value) ? "Integer" : "Long", value};
  if (value.is_number()) return {"Double", value};
  if (value.is_null()) return {"Null", value};
  return {"Json", value.dump()};
}

}  // namespace catalog::host
