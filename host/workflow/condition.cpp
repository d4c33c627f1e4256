#include "workflow/condition.hpp"

#include <charconv>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <string_view>
#include <utility>

namespace catalog::host {
namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isNameStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}
bool isNamePart(char c) { return isNameStart(c) || isDigit(c); }

struct Token {
  enum class Kind { Literal, Name, Symbol, Close };
  Kind kind = Kind::Symbol;
  std::string text;          // as written (strings: unescaped content)
  std::size_t position = 0;  // 1-based, in the text given to Condition::parse
  bool is_string = false;    // a Literal written in quotes
  bool is_decimal = false;   // a Literal number with a fraction or an exponent
};

// JUEL's word operators; `empty`, `div`, `mod` and `instanceof` are reserved but unsupported.
bool isWordOperator(const std::string& word) {
  return word == "and" || word == "or" || word == "not" || word == "eq" || word == "ne" ||
         word == "lt" || word == "gt" || word == "le" || word == "ge";
}
bool isUnsupportedWord(const std::string& word) {
  return word == "empty" || word == "div" || word == "mod" || word == "instanceof";
}

}  // namespace

// Reads one `${…}` expression into Condition::nodes_ by recursive descent, one function per
// JUEL precedence level.
class ConditionParser {
 public:
  explicit ConditionParser(const std::string& text) : text_(text) {}

  Condition parse() {
    std::size_t begin = 0;
    std::size_t end = text_.size();
    while (begin < end && isSpace(text_[begin])) ++begin;
    while (end > begin && isSpace(text_[end - 1])) --end;
    if (text_.compare(begin, 2, "#{") == 0) {
      fail("deferred '#{...}' expressions are not supported; write '${...}'", begin);
    }
    if (text_.compare(begin, 2, "${") != 0)
      fail("a condition must be one '${...}' expression", begin);
    tokenize(begin + 2, end);
    condition_.text_ = text_.substr(begin, end - begin);
    parseOr();
    if (peek().kind != Token::Kind::Close)
      fail("unexpected '" + peek().text + "'", peek().position - 1);
    return std::move(condition_);
  }

 private:
  static constexpr int kMaxDepth = 64;
  using Op = Condition::Node::Op;

  [[noreturn]] void fail(const std::string& problem, std::size_t offset) const {
    throw ConditionSyntaxError("malformed condition '" + text_ + "': " + problem + " at position " +
                                   std::to_string(offset + 1),
                               offset + 1);
  }

  // Splits text_[from, end) into tokens up to the closing '}', which must end the text.
  void tokenize(std::size_t from, std::size_t end) {
    std::size_t i = from;
    while (true) {
      while (i < end && isSpace(text_[i])) ++i;
      if (i >= end) fail("missing the closing '}'", i);
      const char c = text_[i];
      if (c == '}') {
        tokens_.push_back({Token::Kind::Close, "}", i + 1, false, false});
        if (i + 1 != end)
          fail("text after the closing '}' (composite expressions are not supported)", i + 1);
        return;
      }
      if (c == '\'' || c == '"') {
        i = readString(i, end);
      } else if (isDigit(c) || (c == '.' && i + 1 < end && isDigit(text_[i + 1]))) {
        i = readNumber(i, end);
      } else if (isNameStart(c)) {
        i = readName(i, end);
      } else {
        i = readSymbol(i, end);
      }
    }
  }

  std::size_t readString(std::size_t start, std::size_t end) {
    const char quote = text_[start];
    std::string value;
    std::size_t i = start + 1;
    while (i < end && text_[i] != quote) {
      if (text_[i] == '\\') {
        if (i + 1 >= end) break;
        const char escaped = text_[i + 1];
        if (escaped != '\\' && escaped != '\'' && escaped != '"') {
          fail("invalid escape '\\" + std::string(1, escaped) + "' (only \\\\, \\' and \\\" are)",
               i);
        }
        value += escaped;
        i += 2;
        continue;
      }
      value += text_[i++];
    }
    if (i >= end) fail("unterminated string", start);
    tokens_.push_back({Token::Kind::Literal, std::move(value), start + 1, true, false});
    return i + 1;
  }

  std::size_t readNumber(std::size_t start, std::size_t end) {
    std::size_t i = start;
    bool decimal = false;
    while (i < end && isDigit(text_[i])) ++i;
    if (i < end && text_[i] == '.') {
      decimal = true;
      ++i;
      while (i < end && isDigit(text_[i])) ++i;
    }
    if (i < end && (text_[i] == 'e' || text_[i] == 'E')) {
      decimal = true;
      ++i;
      if (i < end && (text_[i] == '+' || text_[i] == '-')) ++i;
      if (i >= end || !isDigit(text_[i])) fail("malformed number", start);
      while (i < end && isDigit(text_[i])) ++i;
    }
    if (i < end && isNameStart(text_[i])) fail("malformed number", start);
    tokens_.push_back(
        {Token::Kind::Literal, text_.substr(start, i - start), start + 1, false, decimal});
    return i;
  }

  std::size_t readName(std::size_t start, std::size_t end) {
    std::size_t i = start;
    while (i < end && isNamePart(text_[i])) ++i;
    std::string word = text_.substr(start, i - start);
    if (isUnsupportedWord(word)) fail("unsupported operator '" + word + "'", start);
    std::size_t next = i;
    while (next < end && isSpace(text_[next])) ++next;
    if (next < end && (text_[next] == '(' || text_[next] == ':') && !isWordOperator(word)) {
      fail("function calls are not supported", start);
    }
    const bool literal = word == "true" || word == "false" || word == "null";
    tokens_.push_back({literal ? Token::Kind::Literal : Token::Kind::Name, std::move(word),
                       start + 1, false, false});
    return i;
  }

  std::size_t readSymbol(std::size_t start, std::size_t end) {
    static const char* const kSymbols[] = {"==", "!=", "<=", ">=", "&&", "||",
                                           "!",  "<",  ">",  "(",  ")",  "-"};
    for (const char* symbol : kSymbols) {
      const std::string_view candidate(symbol);
      if (start + candidate.size() <= end &&
          text_.compare(start, candidate.size(), candidate) == 0) {
        tokens_.push_back({Token::Kind::Symbol, std::string(candidate), start + 1, false, false});
        return start + candidate.size();
      }
    }
    fail("unsupported '" + std::string(1, text_[start]) +
             "' (conditions use variables, literals, !, comparisons, &&, || and parentheses)",
         start);
  }

  const Token& peek() const { return tokens_[next_]; }
  bool accept(std::initializer_list<const char*> spellings) {
    const Token& token = peek();
    if (token.kind != Token::Kind::Symbol && token.kind != Token::Kind::Name) return false;
    for (const char* spelling : spellings) {
      if (token.text == spelling) {
        ++next_;
        return true;
      }
    }
    return false;
  }

  std::size_t add(Condition::Node node) {
    condition_.nodes_.push_back(std::move(node));
    return condition_.nodes_.size() - 1;
  }
  std::size_t binary(Op op, std::string spelling, std::size_t left, std::size_t right) {
    Condition::Node node;
    node.op = op;
    node.name = std::move(spelling);
    node.left = left;
    node.right = right;
    return add(std::move(node));
  }

  std::size_t parseOr() {
    std::size_t left = parseAnd();
    while (true) {
      const std::string spelling = peek().text;
      if (!accept({"||", "or"})) return left;
      left = binary(Op::Or, spelling, left, parseAnd());
    }
  }

  std::size_t parseAnd() {
    std::size_t left = parseEquality();
    while (true) {
      const std::string spelling = peek().text;
      if (!accept({"&&", "and"})) return left;
      left = binary(Op::And, spelling, left, parseEquality());
    }
  }

  std::size_t parseEquality() {
    std::size_t left = parseRelational();
    while (true) {
      const std::string spelling = peek().text;
      if (accept({"==", "eq"})) {
        left = binary(Op::Equal, spelling, left, parseRelational());
      } else if (accept({"!=", "ne"})) {
        left = binary(Op::NotEqual, spelling, left, parseRelational());
      } else {
        return left;
      }
    }
  }

  std::size_t parseRelational() {
    std::size_t left = parseUnary();
    while (true) {
      const std::string spelling = peek().text;
      if (accept({"<", "lt"})) {
        left = binary(Op::Less, spelling, left, parseUnary());
      } else if (accept({"<=", "le"})) {
        left = binary(Op::LessEqual, spelling, left, parseUnary());
      } else if (accept({">", "gt"})) {
        left = binary(Op::Greater, spelling, left, parseUnary());
      } else if (accept({">=", "ge"})) {
        left = binary(Op::GreaterEqual, spelling, left, parseUnary());
      } else {
        return left;
      }
    }
  }

  std::size_t parseUnary() {
    const Token& token = peek();
    if (++depth_ > kMaxDepth) fail("expression nested too deeply", token.position - 1);
    std::size_t result = 0;
    const std::string spelling = token.text;
    if (accept({"!", "not"})) {
      result = binary(Op::Not, spelling, parseUnary(), 0);
    } else if (accept({"-"})) {
      result = binary(Op::Negate, spelling, parseUnary(), 0);
    } else {
      result = parsePrimary();
    }
    --depth_;
    return result;
  }

  std::size_t parsePrimary() {
    const Token token = peek();
    if (token.kind == Token::Kind::Literal) {
      ++next_;
      return literal(token);
    }
    if (token.kind == Token::Kind::Name && !isWordOperator(token.text)) {
      ++next_;
      Condition::Node node;
      node.op = Op::Variable;
      node.name = token.text;
      return add(std::move(node));
    }
    if (accept({"("})) {
      const std::size_t inner = parseOr();
      if (!accept({")"})) fail("expected ')'", peek().position - 1);
      return inner;
    }
    if (token.kind == Token::Kind::Close) fail("expected a value", token.position - 1);
    fail("expected a value, found '" + token.text + "'", token.position - 1);
  }

  std::size_t literal(const Token& token) {
    Condition::Node node;
    node.op = Op::Literal;
    if (token.is_string) {
      node.literal = token.text;
    } else if (token.text == "true" || token.text == "false") {
      node.literal = token.text == "true";
    } else if (token.text == "null") {
      node.literal = nullptr;
    } else {
      node.literal = number(token);
    }
    return add(std::move(node));
  }

  Condition::Value number(const Token& token) const {
    const char* first = token.text.data();
    const char* last = first + token.text.size();
    if (token.is_decimal) {
      double value = 0;
      const auto [end, error] = std::from_chars(first, last, value);
      if (error != std::errc() || end != last || !std::isfinite(value)) {
        fail("number out of range", token.position - 1);
      }
      return value;
    }
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(first, last, value);
    if (error != std::errc() || end != last) fail("integer out of range", token.position - 1);
    return value;
  }

  const std::string& text_;
  std::vector<Token> tokens_;
  std::size_t next_ = 0;
  int depth_ = 0;
  Condition condition_;
};

// Walks the tree; JUEL's rules where this subset accepts the operands, ConditionError where
// JUEL would coerce.
class ConditionEvaluator {
 public:
  ConditionEvaluator(const Condition& condition, const sdk::Json& variables)
      : condition_(condition), variables_(variables) {}

  bool evaluate() const {
    const Condition::Value result = value(condition_.nodes_.size() - 1);
    if (const bool* truth = std::get_if<bool>(&result)) return *truth;
    throw ConditionError("condition expression returns non-Boolean: " + condition_.text_ + " is " +
                         typeName(result));
  }

 private:
  using Op = Condition::Node::Op;
  using Value = Condition::Value;

  Value value(std::size_t index) const {
    const Condition::Node& node = condition_.nodes_[index];
    switch (node.op) {
      case Op::Literal:
        return node.literal;
      case Op::Variable:
        return variable(node.name);
      case Op::Not:
        return !truth(node.left, node);
      case Op::Negate:
        return negate(node);
      case Op::And:
        return truth(node.left, node) && truth(node.right, node);
      case Op::Or:
        return truth(node.left, node) || truth(node.right, node);
      case Op::Equal:
        return equal(node);
      case Op::NotEqual:
        return !equal(node);
      default:
        return relation(node);
    }
  }

  Value variable(const std::string& name) const {
    const auto found = variables_.is_object() ? variables_.find(name) : variables_.end();
    if (found == variables_.end()) {
      throw ConditionError("Unknown property used in expression: " + condition_.text_ +
                           ". Cause: Cannot resolve identifier '" + name + "'");
    }
    const sdk::Json& json = *found;
    switch (json.type()) {
      case sdk::Json::value_t::null:
        return nullptr;
      case sdk::Json::value_t::boolean:
        return json.get<bool>();
      case sdk::Json::value_t::number_integer:
        return json.get<std::int64_t>();
      case sdk::Json::value_t::number_unsigned:
        if (json.get<std::uint64_t>() <=
            static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
          return json.get<std::int64_t>();
        }
        return json.get<double>();
      case sdk::Json::value_t::number_float:
        return json.get<double>();
      case sdk::Json::value_t::string:
        return json.get<std::string>();
      default:
        throw ConditionError("condition " + condition_.text_ + ": variable '" + name + "' is " +
                             std::string(json.type_name()) +
                             "; conditions use only null, booleans, numbers and strings");
    }
  }

  bool truth(std::size_t index, const Condition::Node& parent) const {
    const Value operand = value(index);
    if (const bool* truth = std::get_if<bool>(&operand)) return *truth;
    throw ConditionError("condition " + condition_.text_ + ": '" + parent.name +
                         "' needs a boolean, got " + describe(index, operand));
  }

  Value negate(const Condition::Node& node) const {
    const Value operand = value(node.left);
    if (const auto* integer = std::get_if<std::int64_t>(&operand)) {
      if (*integer != std::numeric_limits<std::int64_t>::min()) return -*integer;
      return -static_cast<double>(*integer);
    }
    if (const auto* decimal = std::get_if<double>(&operand)) return -*decimal;
    throw ConditionError("condition " + condition_.text_ + ": '-' needs a number, got " +
                         describe(node.left, operand));
  }

  bool equal(const Condition::Node& node) const {
    const Value left = value(node.left);
    const Value right = value(node.right);
    const bool left_null = std::holds_alternative<std::nullptr_t>(left);
    const bool right_null = std::holds_alternative<std::nullptr_t>(right);
    if (left_null || right_null) return left_null && right_null;
    if (isNumber(left) && isNumber(right)) return compareNumbers(left, right) == 0;
    if (left.index() == right.index()) return left == right;
    throw ConditionError("condition " + condition_.text_ + ": cannot compare " +
                         describe(node.left, left) + " with " + describe(node.right, right) +
                         " using '" + node.name + "'");
  }

  bool relation(const Condition::Node& node) const {
    const Value left = value(node.left);
    const Value right = value(node.right);
    if (!isNumber(left) || !isNumber(right)) {
      throw ConditionError("condition " + condition_.text_ + ": '" + node.name +
                           "' compares numbers, got " + describe(node.left, left) + " and " +
                           describe(node.right, right));
    }
    const int order = compareNumbers(left, right);
    switch (node.op) {
      case Op::Less:
        return order < 0;
      case Op::LessEqual:
        return order <= 0;
      case Op::Greater:
        return order > 0;
      default:
        return order >= 0;
    }
  }

  static bool isNumber(const Value& v) {
    return std::holds_alternative<std::int64_t>(v) || std::holds_alternative<double>(v);
  }

  // Integers compare exactly; as soon as one side is a decimal both are doubles, as in JUEL.
  static int compareNumbers(const Value& left, const Value& right) {
    const auto* l = std::get_if<std::int64_t>(&left);
    const auto* r = std::get_if<std::int64_t>(&right);
    if (l && r) return *l < *r ? -1 : (*l > *r ? 1 : 0);
    const double a = l ? static_cast<double>(*l) : std::get<double>(left);
    const double b = r ? static_cast<double>(*r) : std::get<double>(right);
    return a < b ? -1 : (a > b ? 1 : 0);
  }

  static std::string typeName(const Value& v) {
    static const char* const kNames[] = {"null", "a boolean", "a number", "a number", "a string"};
    return kNames[v.index()];
  }

  // Names an operand for a message: a variable by its name and type (never its value, which
  // may be confidential), a literal as written.
  std::string describe(std::size_t index, const Value& v) const {
    const Condition::Node& node = condition_.nodes_[index];
    if (node.op == Op::Variable) return "variable '" + node.name + "' (" + typeName(v) + ")";
    return typeName(v);
  }

  const Condition& condition_;
  const sdk::Json& variables_;
};

Condition Condition::parse(const std::string& text) { return ConditionParser(text).parse(); }

bool Condition::evaluate(const sdk::Json& variables) const {
  return ConditionEvaluator(*this, variables).evaluate();
}

}  // namespace catalog::host
