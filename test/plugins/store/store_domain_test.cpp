// The store's search vocabulary: unit-aware measures and characteristic filters.
#include <cppunit/extensions/HelperMacros.h>

#include "catalog/sdk/errors.hpp"
#include "domain/characteristic_filter.hpp"
#include "domain/measure.hpp"

namespace catalog::store {
namespace {

using Op = CharacteristicFilter::Op;

// The message of the ValidationError parsing `text` throws; fails when it parses.
std::string refusal(const std::string& text) {
  try {
    CharacteristicFilter::parse(text);
  } catch (const sdk::ValidationError& e) {
    CPPUNIT_ASSERT_EQUAL(std::string("characteristic"), e.details().value("field", ""));
    return e.what();
  }
  CPPUNIT_FAIL("'" + text + "' was accepted");
  return {};
}

bool mentions(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

class StoreDomainTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(StoreDomainTest);
  CPPUNIT_TEST(testUnitsOfOneDimensionCompareInItsBaseUnit);
  CPPUNIT_TEST(testUnitsAreMatchedInAnyCaseAndNoneIsNotMeasurable);
  CPPUNIT_TEST(testMeasureNeedsAPlainDecimal);
  CPPUNIT_TEST(testFilterReadsEachOperatorLongestFirst);
  CPPUNIT_TEST(testFilterWithUnitIsUnitAware);
  CPPUNIT_TEST(testFilterWithoutUnitKeepsTheNumberAndTextFiltersKeepTheirCase);
  CPPUNIT_TEST(testMalformedFiltersSayWhatIsWrong);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testUnitsOfOneDimensionCompareInItsBaseUnit() {
    const auto gigabit = measureOf("1", "Gbps");
    const auto megabits = measureOf("1000", "Mbps");
    CPPUNIT_ASSERT(gigabit && megabits);
    CPPUNIT_ASSERT_EQUAL(gigabit->dimension, megabits->dimension);
    CPPUNIT_ASSERT_EQUAL(gigabit->base_value, megabits->base_value);
    CPPUNIT_ASSERT(measureOf("1", "TB")->base_value > measureOf("999", "GB")->base_value);
    CPPUNIT_ASSERT_EQUAL(measureOf("2", "Hours")->base_value,
                         measureOf("120", "Minutes")->base_value);
    CPPUNIT_ASSERT_EQUAL(measureOf("1", "Years")->base_value,
                         measureOf("12", "Months")->base_value);
    // A month is not a fixed number of days.
    CPPUNIT_ASSERT(measureOf("1", "Months")->dimension != measureOf("30", "Days")->dimension);
    CPPUNIT_ASSERT(measureOf("1", "Gbps")->dimension != measureOf("1", "GB")->dimension);
  }

  void testUnitsAreMatchedInAnyCaseAndNoneIsNotMeasurable() {
    CPPUNIT_ASSERT_EQUAL(std::string("Mbps"), canonicalUnit("mbps").value_or(""));
    CPPUNIT_ASSERT_EQUAL(std::string("GHz"), canonicalUnit("GHZ").value_or(""));
    CPPUNIT_ASSERT(!canonicalUnit("None"));
    CPPUNIT_ASSERT(!canonicalUnit("furlongs"));
    CPPUNIT_ASSERT(!measureOf("5", "None"));
  }

  void testMeasureNeedsAPlainDecimal() {
    CPPUNIT_ASSERT_EQUAL(2.5e9, measureOf("2.5", "Gbps")->base_value);
    CPPUNIT_ASSERT_EQUAL(-20.0, measureOf("-20", "Volt")->base_value);
    for (const char* value : {"", "Black", "inf", "nan", "0x10", "1e3", "1.2.3", "12 "})
      CPPUNIT_ASSERT_MESSAGE(value, !measureOf(value, "Mbps"));
  }

  void testFilterReadsEachOperatorLongestFirst() {
    const std::pair<const char*, Op> cases[] = {{"Speed:>=1", Op::GreaterOrEqual},
                                                {"Speed:<=1", Op::LessOrEqual},
                                                {"Speed:!=1", Op::NotEqual},
                                                {"Speed:>1", Op::Greater},
                                                {"Speed:<1", Op::Less},
                                                {"Speed:=1", Op::Equal}};
    for (const auto& [text, op] : cases) {
      const CharacteristicFilter filter = CharacteristicFilter::parse(text);
      CPPUNIT_ASSERT_MESSAGE(text, filter.op == op);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(text, 1.0, filter.number.value_or(0));
    }
    CPPUNIT_ASSERT_EQUAL(std::string("<>"), std::string(sqlOperator(Op::NotEqual)));
  }

  void testFilterWithUnitIsUnitAware() {
    const CharacteristicFilter filter = CharacteristicFilter::parse(" Download Speed :>= 1 gbps");
    CPPUNIT_ASSERT_EQUAL(std::string("Download Speed"), filter.name);
    CPPUNIT_ASSERT_EQUAL(std::string("download speed"), filter.name_key);
    CPPUNIT_ASSERT(filter.measure);
    CPPUNIT_ASSERT_EQUAL(measureOf("1000", "Mbps")->base_value, filter.measure->base_value);
    CPPUNIT_ASSERT_EQUAL(std::string("data rate"), filter.measure->dimension);
  }

  void testFilterWithoutUnitKeepsTheNumberAndTextFiltersKeepTheirCase() {
    const CharacteristicFilter number = CharacteristicFilter::parse("Speed:>50");
    CPPUNIT_ASSERT_EQUAL(50.0, number.number.value_or(0));
    CPPUNIT_ASSERT(!number.measure);
    const CharacteristicFilter color = CharacteristicFilter::parse("Color:=Jet Black");
    CPPUNIT_ASSERT(color.op == Op::Equal);
    CPPUNIT_ASSERT_EQUAL(std::string("Jet Black"), color.value);
    CPPUNIT_ASSERT(!color.number);
    CPPUNIT_ASSERT(CharacteristicFilter::parse("Color:!=Red").op == Op::NotEqual);
  }

  void testMalformedFiltersSayWhatIsWrong() {
    CPPUNIT_ASSERT(mentions(refusal("Speed>50"), "has no ':' after the name"));
    CPPUNIT_ASSERT(mentions(refusal(":>50"), "names no characteristic"));
    CPPUNIT_ASSERT(mentions(refusal("Speed:~50"), "has no comparison operator"));
    CPPUNIT_ASSERT(mentions(refusal("Speed:>"), "has no value"));
    const std::string unit = refusal("Speed:>50furlongs");
    CPPUNIT_ASSERT(mentions(unit, "unknown unit 'furlongs'"));
    CPPUNIT_ASSERT(mentions(unit, "Mbps, Gbps"));
    CPPUNIT_ASSERT(mentions(refusal("Color:>Black"), "only = and != compare text"));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(StoreDomainTest);

}  // namespace catalog::store
