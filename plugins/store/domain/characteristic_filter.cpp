#include "domain/characteristic_filter.hpp"

#include <array>
#include <cctype>
#include <regex>
#include <utility>

#include "catalog/sdk/errors.hpp"

namespace catalog::store {
namespace {

using Op = CharacteristicFilter::Op;

// Longest first, so ">=" is not read as ">" followed by "=1Gbps".
constexpr std::array<std::pair<const char*, Op>, 6> kOperators = {{{">=", Op::GreaterOrEqual},
                                                                   {"<=", Op::LessOrEqual},
                                                                   {"!=", Op::NotEqual},
                                                                   {">", Op::Greater},
                                                                   {"<", Op::Less},
                                                                   {"=", Op::Equal}}};

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

[[noreturn]] void malformed(std::string_view text, const std::string& problem) {
  throw sdk::ValidationError(
      "characteristic filter '" + std::string(text) + "' " + problem +
          "; write Name:<op><value>[unit] with op one of >, >=, <, <=, =, != (e.g. "
          "Speed:>50Mbps, Color:=Black)",
      {{"field", "characteristic"}, {"value", std::string(text)}});
}

}  // namespace

std::string lowerKey(std::string_view text) {
  std::string key(text);
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

const char* sqlOperator(Op op) {
  switch (op) {
    case Op::Less:
      return "<";
    case Op::LessOrEqual:
      return "<=";
    case Op::Equal:
      return "=";
    case Op::NotEqual:
      return "<>";
    case Op::GreaterOrEqual:
      return ">=";
    case Op::Greater:
      return ">";
  }
  return "=";
}

CharacteristicFilter CharacteristicFilter::parse(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) malformed(text, "has no ':' after the name");
  CharacteristicFilter filter;
  filter.name = trimmed(text.substr(0, colon));
  if (filter.name.empty()) malformed(text, "names no characteristic");
  filter.name_key = lowerKey(filter.name);

  std::string_view rest = text.substr(colon + 1);
  bool found = false;
  for (const auto& [symbol, op] : kOperators) {
    const std::string_view s(symbol);
    if (rest.substr(0, s.size()) == s) {
      filter.op = op;
      rest.remove_prefix(s.size());
      found = true;
      break;
    }
  }
  if (!found) malformed(text, "has no comparison operator after ':'");
  const std::string operand = trimmed(rest);
  if (operand.empty()) malformed(text, "has no value to compare with");

  static const std::regex quantity(R"(([+-]?[0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]*))");
  std::smatch parts;
  if (std::regex_match(operand, parts, quantity)) {
    filter.value = parts[1];
    filter.number = std::stod(filter.value);
    const std::string unit = parts[2];
    if (!unit.empty()) {
      filter.measure = measureOf(filter.value, unit);
      if (!filter.measure) {
        malformed(text,
                  "has the unknown unit '" + unit + "' (units: " + measurableUnitList() + ")");
      }
    }
    return filter;
  }
  if (filter.op != Op::Equal && filter.op != Op::NotEqual)
    malformed(text, "compares text with an order; only = and != compare text");
  filter.value = operand;
  return filter;
}

}  // namespace catalog::store
