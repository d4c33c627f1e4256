#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "catalog/sdk/json.hpp"

namespace catalog::host {

/// A condition text that is not in the supported JUEL subset. The message quotes the text and
/// names the 1-based character position where reading stopped.
class ConditionSyntaxError : public std::invalid_argument {
 public:
  ConditionSyntaxError(const std::string& message, std::size_t position)
      : std::invalid_argument(message), position_(position) {}

  /// The 1-based position in the condition text (as given to Condition::parse) of the problem.
  std::size_t position() const noexcept { return position_; }

 private:
  std::size_t position_;
};

/// A condition that cannot be evaluated against the given variables: an unknown variable (the
/// message is Camunda's "Unknown property used in expression: … Cannot resolve identifier 'x'"),
/// operands of the wrong type, or a result that is not a boolean. The engine refuses the call that
/// moved the token (500, rolled back), as Camunda does.
class ConditionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A sequence-flow condition in the JUEL subset that Camunda 7 and this engine evaluate alike
/// (saga-outbox notes §3.2): one `${…}` expression made of
///
///   variable names         `published`, `offer_count`        (letters, digits, '_' and '$')
///   literals               `true` `false` `null` `3` `2.5` `1e3` `'text'` `"text"`
///                          (in strings `\\`, `\'` and `\"` are the only escapes)
///   unary                  `!x` `not x`, and `-n` on numbers
///   relational (numbers)   `<` `lt`  `<=` `le`  `>` `gt`  `>=` `ge`
///   equality               `==` `eq`  `!=` `ne`
///   logical                `&&` `and`  `||` `or`   (short-circuit, as in JUEL)
///   parentheses
///
/// with JUEL's precedence (unary, relational, equality, and, or). Where JUEL would coerce
/// between types this subset refuses instead, so a condition never means something different
/// here: `!`, `&&`, `||` take booleans; `<` … `>=` take numbers; `==`/`!=` compare two values
/// of the same type (integers and decimals are both numbers), or anything with `null`.
///
/// Parsed once (at deployment), evaluated many times; immutable, so safe to share across
/// threads.
class Condition {
 public:
  /// Parses `text` (surrounding whitespace allowed, as Camunda trims conditionExpression).
  /// Throws ConditionSyntaxError naming the position of the first problem.
  static Condition parse(const std::string& text);

  /// Evaluates the condition against the process variables, a JSON object of name → value.
  /// Throws ConditionError for a missing variable, a type mismatch or a non-boolean result.
  bool evaluate(const sdk::Json& variables) const;

  /// The condition as written (trimmed), e.g. `${published == true}`.
  const std::string& text() const noexcept { return text_; }

 private:
  friend class ConditionParser;
  friend class ConditionEvaluator;

  Condition() = default;  // only the parser makes one, so a Condition always has a root

  /// A JUEL value: null, boolean, integer, decimal or string.
  using Value = std::variant<std::nullptr_t, bool, std::int64_t, double, std::string>;

  /// One node of the syntax tree; operands are indexes into nodes_.
  struct Node {
    enum class Op {
      Literal,
      Variable,
      Not,
      Negate,
      And,
      Or,
      Equal,
      NotEqual,
      Less,
      LessEqual,
      Greater,
      GreaterEqual
    };
    Op op = Op::Literal;
    Value literal;          // Literal
    std::string name;       // the variable of Variable; the operator as written otherwise
    std::size_t left = 0;   // operand of unary and binary operators
    std::size_t right = 0;  // second operand of binary operators
  };

  std::string text_;
  std::vector<Node> nodes_;  ///< the root is the last node
};

}  // namespace catalog::host
