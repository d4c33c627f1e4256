// Sequence-flow conditions: the JUEL subset Camunda 7 and the embedded engine evaluate alike,
// parsed at deployment (syntax errors with a position) and evaluated against process variables
// (missing variables and type mismatches are errors, never a silent false).
#include "workflow/condition.hpp"

#include <cppunit/extensions/HelperMacros.h>

#include <string>
#include <vector>

namespace catalog::host {
namespace {

using sdk::Json;

Json variables() {
  return Json{{"published", true},
              {"rejected", false},
              {"status", "approved"},
              {"quote", "it's"},
              {"n", 3},
              {"price", 2.5},
              {"nothing", nullptr},
              {"big", 18446744073709551615ULL},
              {"offer", Json{{"id", "o-1"}}}};
}

bool evaluate(const std::string& text) { return Condition::parse(text).evaluate(variables()); }

// The message of the ConditionError evaluating `text` throws; "" when it throws none.
std::string evaluationError(const std::string& text) {
  try {
    evaluate(text);
  } catch (const ConditionError& e) {
    return e.what();
  }
  return {};
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

class ConditionTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(ConditionTest);
  CPPUNIT_TEST(testTrueAndFalseCases);
  CPPUNIT_TEST(testPrecedenceFollowsJuel);
  CPPUNIT_TEST(testAndOrShortCircuitPastMissingVariables);
  CPPUNIT_TEST(testIntegersAndDecimalsCompareAsNumbers);
  CPPUNIT_TEST(testMissingVariableIsAnErrorNamingIt);
  CPPUNIT_TEST(testStringComparedWithNumberIsAnError);
  CPPUNIT_TEST(testOperandsOfTheWrongTypeAreErrors);
  CPPUNIT_TEST(testNonBooleanResultIsAnError);
  CPPUNIT_TEST(testObjectVariableIsAnError);
  CPPUNIT_TEST(testMalformedSyntaxNamesThePosition);
  CPPUNIT_TEST(testDeepNestingIsRefused);
  CPPUNIT_TEST(testTextIsKeptTrimmed);
  CPPUNIT_TEST(testConditionIsReusableAcrossVariableSets);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testTrueAndFalseCases() {
    const std::vector<std::pair<std::string, bool>> cases = {
        {"${published}", true},
        {"${rejected}", false},
        {"${!published}", false},
        {"${not rejected}", true},
        {"${!!published}", true},
        {"${status == 'approved'}", true},
        {"${status == \"approved\"}", true},
        {"${status eq 'rejected'}", false},
        {"${status != 'rejected'}", true},
        {"${status ne 'approved'}", false},
        {"${quote == 'it\\'s'}", true},
        {"${quote == \"it's\"}", true},
        {"${n > 3}", false},
        {"${n >= 3}", true},
        {"${n < 4}", true},
        {"${n <= 2}", false},
        {"${n gt 2}", true},
        {"${n lt 3}", false},
        {"${n ge 4}", false},
        {"${n le 3}", true},
        {"${n > -1}", true},
        {"${-n == -3}", true},
        {"${n == 3}", true},
        {"${published == true}", true},
        {"${rejected != false}", false},
        {"${nothing == null}", true},
        {"${status == null}", false},
        {"${null != nothing}", false},
        {"${published && n > 2}", true},
        {"${published and rejected}", false},
        {"${rejected || status == 'approved'}", true},
        {"${rejected or n == 4}", false},
        {"${true}", true},
        {"${false}", false},
        {"${(published)}", true},
        {"${ published }", true},
    };
    for (const auto& [text, expected] : cases) {
      CPPUNIT_ASSERT_EQUAL_MESSAGE(text, expected, evaluate(text));
    }
  }

  void testPrecedenceFollowsJuel() {
    // && binds tighter than ||.
    CPPUNIT_ASSERT(evaluate("${published || rejected && rejected}"));
    CPPUNIT_ASSERT(!evaluate("${(published || rejected) && rejected}"));
    // ! binds tighter than ==: (!rejected) == published.
    CPPUNIT_ASSERT(evaluate("${!rejected == published}"));
    // Relational before equality, equality before &&.
    CPPUNIT_ASSERT(evaluate("${n > 2 == true}"));
    CPPUNIT_ASSERT(evaluate("${n == 3 && status == 'approved' || rejected}"));
    // Left to right within a level.
    CPPUNIT_ASSERT(evaluate("${rejected == false == true}"));
  }

  void testAndOrShortCircuitPastMissingVariables() {
    CPPUNIT_ASSERT(evaluate("${published || missing}"));
    CPPUNIT_ASSERT(!evaluate("${rejected && missing > 3}"));
    CPPUNIT_ASSERT(contains(evaluationError("${published && missing}"), "'missing'"));
  }

  void testIntegersAndDecimalsCompareAsNumbers() {
    CPPUNIT_ASSERT(evaluate("${n == 3.0}"));
    CPPUNIT_ASSERT(evaluate("${price > 2}"));
    CPPUNIT_ASSERT(evaluate("${price < 2.51}"));
    CPPUNIT_ASSERT(evaluate("${price == 25e-1}"));
    CPPUNIT_ASSERT(evaluate("${big > 9223372036854775807}"));
    CPPUNIT_ASSERT(evaluate("${n > .5}"));
  }

  void testMissingVariableIsAnErrorNamingIt() {
    CPPUNIT_ASSERT_EQUAL(std::string("Unknown property used in expression: ${approved == true}. "
                                     "Cause: Cannot resolve identifier 'approved'"),
                         evaluationError("${approved == true}"));
    const Condition condition = Condition::parse("${published}");
    CPPUNIT_ASSERT_THROW(condition.evaluate(Json::object()), ConditionError);
    CPPUNIT_ASSERT_THROW(condition.evaluate(Json()), ConditionError);
  }

  void testStringComparedWithNumberIsAnError() {
    const std::string message = evaluationError("${status == 3}");
    CPPUNIT_ASSERT_EQUAL(std::string("condition ${status == 3}: cannot compare variable 'status' "
                                     "(a string) with a number using '=='"),
                         message);
    CPPUNIT_ASSERT(!evaluationError("${n != '3'}").empty());
    CPPUNIT_ASSERT(!evaluationError("${published == 'true'}").empty());
  }

  void testOperandsOfTheWrongTypeAreErrors() {
    CPPUNIT_ASSERT(contains(evaluationError("${status > 3}"), "'>' compares numbers"));
    CPPUNIT_ASSERT(!evaluationError("${status < 'b'}").empty());
    CPPUNIT_ASSERT(!evaluationError("${nothing < 1}").empty());
    CPPUNIT_ASSERT(contains(evaluationError("${!status}"), "'!' needs a boolean"));
    CPPUNIT_ASSERT(!evaluationError("${!nothing}").empty());
    CPPUNIT_ASSERT(contains(evaluationError("${n && published}"), "variable 'n' (a number)"));
    CPPUNIT_ASSERT(!evaluationError("${rejected || 'yes'}").empty());
    CPPUNIT_ASSERT(!evaluationError("${-status == 1}").empty());
  }

  void testNonBooleanResultIsAnError() {
    CPPUNIT_ASSERT_EQUAL(std::string("condition expression returns non-Boolean: ${n} is a number"),
                         evaluationError("${n}"));
    CPPUNIT_ASSERT(!evaluationError("${status}").empty());
    CPPUNIT_ASSERT(!evaluationError("${nothing}").empty());
    CPPUNIT_ASSERT(!evaluationError("${'true'}").empty());
  }

  void testObjectVariableIsAnError() {
    CPPUNIT_ASSERT(contains(evaluationError("${offer == null}"), "variable 'offer' is object"));
  }

  void testMalformedSyntaxNamesThePosition() {
    struct Case {
      std::string text;
      std::size_t position;
      std::string says;
    };
    const std::vector<Case> cases = {
        {"${n ==}", 7, "expected a value"},
        {"${}", 3, "expected a value"},
        {"${published && }", 16, "expected a value"},
        {"${(published}", 13, "expected ')'"},
        {"${published)}", 12, "unexpected ')'"},
        {"${n 3}", 5, "unexpected '3'"},
        {"${n == 3", 9, "missing the closing '}'"},
        {"published", 1, "one '${...}' expression"},
        {"#{published}", 1, "deferred"},
        {"${a} and ${b}", 5, "composite"},
        {"${offer.id == 'x'}", 8, "unsupported '.'"},
        {"${list[0]}", 7, "unsupported '['"},
        {"${n + 1 > 2}", 5, "unsupported '+'"},
        {"${n = 3}", 5, "unsupported '='"},
        {"${a ? b : c}", 5, "unsupported '?'"},
        {"${execution.getVariable('a')}", 12, "unsupported '.'"},
        {"${size(list) > 0}", 3, "function calls"},
        {"${fn:length(x)}", 3, "function calls"},
        {"${empty status}", 3, "unsupported operator 'empty'"},
        {"${n mod 2 == 0}", 5, "unsupported operator 'mod'"},
        {"${status == 'open}", 13, "unterminated string"},
        {"${status == 'a\\nb'}", 15, "invalid escape"},
        {"${n > 99999999999999999999}", 7, "integer out of range"},
        {"${n > 1e999}", 7, "number out of range"},
        {"${n > 1e}", 7, "malformed number"},
        {"${n > 3abc}", 7, "malformed number"},
        {"${n & 1}", 5, "unsupported '&'"},
    };
    for (const Case& c : cases) {
      try {
        Condition::parse(c.text);
        CPPUNIT_FAIL("accepted " + c.text);
      } catch (const ConditionSyntaxError& e) {
        CPPUNIT_ASSERT_EQUAL_MESSAGE(c.text + ": " + e.what(), c.position, e.position());
        CPPUNIT_ASSERT_MESSAGE(c.text + ": " + e.what(), contains(e.what(), c.says));
        CPPUNIT_ASSERT_MESSAGE(e.what(), contains(e.what(), "'" + c.text + "'"));
        CPPUNIT_ASSERT_MESSAGE(e.what(),
                               contains(e.what(), "at position " + std::to_string(c.position)));
      }
    }
  }

  void testDeepNestingIsRefused() {
    const std::string deep = "${" + std::string(200, '(') + "true" + std::string(200, ')') + "}";
    CPPUNIT_ASSERT_THROW(Condition::parse(deep), ConditionSyntaxError);
    const std::string fine = "${" + std::string(20, '(') + "true" + std::string(20, ')') + "}";
    CPPUNIT_ASSERT(Condition::parse(fine).evaluate(Json::object()));
  }

  void testTextIsKeptTrimmed() {
    CPPUNIT_ASSERT_EQUAL(std::string("${published}"),
                         Condition::parse("\n   ${published}  \n").text());
    try {
      Condition::parse("  ${n ==}");
      CPPUNIT_FAIL("accepted");
    } catch (const ConditionSyntaxError& e) {
      CPPUNIT_ASSERT_EQUAL(std::size_t{9}, e.position());
    }
  }

  void testConditionIsReusableAcrossVariableSets() {
    const Condition condition = Condition::parse("${n > 3}");
    const Condition copy = condition;
    CPPUNIT_ASSERT(condition.evaluate(Json{{"n", 4}}));
    CPPUNIT_ASSERT(!condition.evaluate(Json{{"n", 3}}));
    CPPUNIT_ASSERT(copy.evaluate(Json{{"n", 10}}));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ConditionTest);

}  // namespace catalog::host
