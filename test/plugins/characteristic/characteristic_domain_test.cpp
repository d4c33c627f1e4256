#include <cppunit/extensions/HelperMacros.h>

#include "catalog/sdk/errors.hpp"
#include "domain/characteristic.hpp"
#include "support/assertions.hpp"

namespace catalog::characteristic {
namespace {

const std::string kNow = "2026-01-15T10:00:00.000Z";

Characteristic make(const std::string& name, const std::string& value, const std::string& unit) {
  return Characteristic::create("0b8f3c1e-8f4a-4c1e-9a51-3f2e1d0c9b8a", {name, value, unit}, kNow);
}

using test::rejectedField;

}  // namespace

class CharacteristicDomainTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(CharacteristicDomainTest);
  CPPUNIT_TEST(testValidCharacteristicStartsAtVersionOne);
  CPPUNIT_TEST(testEveryUnitOfTheSrsIsAccepted);
  CPPUNIT_TEST(testUnknownOrMiscasedUnitIsRejected);
  CPPUNIT_TEST(testMeasurableUnitNeedsNumericValue);
  CPPUNIT_TEST(testUnitNoneAcceptsText);
  CPPUNIT_TEST(testDecimalAndNegativeNumbersAreNumeric);
  CPPUNIT_TEST(testNameRules);
  CPPUNIT_TEST(testValueLengthRules);
  CPPUNIT_TEST(testSurroundingSpacesAreTrimmed);
  CPPUNIT_TEST(testUpdateReplacesFieldsAndBumpsVersion);
  CPPUNIT_TEST(testInvalidUpdateLeavesCharacteristicUnchanged);
  CPPUNIT_TEST(testUpdateToTheSameFieldsChangesNothing);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testValidCharacteristicStartsAtVersionOne() {
    const Characteristic c = make("Speed", "100", "Mbps");
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, c.version());
    CPPUNIT_ASSERT_EQUAL(std::string("Speed"), c.name());
    CPPUNIT_ASSERT(c.unit() == UnitOfMeasure::Mbps);
    CPPUNIT_ASSERT_EQUAL(kNow, c.createdAt());
    CPPUNIT_ASSERT_EQUAL(kNow, c.updatedAt());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, c.deletionVersion());
  }

  void testEveryUnitOfTheSrsIsAccepted() {
    const char* units[] = {"Mbps",  "Gbps", "MB",     "GB",      "TB",      "GHz",
                           "Volt",  "Watt", "Meter",  "Percent", "Seconds", "Minutes",
                           "Hours", "Days", "Months", "Years",   "Unit",    "None"};
    for (const char* unit : units) {
      CPPUNIT_ASSERT_EQUAL(std::string(unit), toString(make("X", "1", unit).unit()));
    }
    CPPUNIT_ASSERT_EQUAL(std::size_t{18}, unitOfMeasureNames().size());
  }

  void testUnknownOrMiscasedUnitIsRejected() {
    CPPUNIT_ASSERT_EQUAL(std::string("unit_of_measure"),
                         rejectedField([] { make("X", "1", "Kbps"); }));
    CPPUNIT_ASSERT_EQUAL(std::string("unit_of_measure"),
                         rejectedField([] { make("X", "1", "mbps"); }));
    CPPUNIT_ASSERT_EQUAL(std::string("unit_of_measure"), rejectedField([] { make("X", "1", ""); }));
  }

  void testMeasurableUnitNeedsNumericValue() {
    CPPUNIT_ASSERT_EQUAL(std::string("value"),
                         rejectedField([] { make("Speed", "fast", "Mbps"); }));
    CPPUNIT_ASSERT_EQUAL(std::string("value"),
                         rejectedField([] { make("Speed", "100Mbps", "Mbps"); }));
    CPPUNIT_ASSERT_EQUAL(std::string("value"), rejectedField([] { make("Count", "1.", "Unit"); }));
  }

  void testUnitNoneAcceptsText() {
    CPPUNIT_ASSERT_EQUAL(std::string("Fiber"), make("Technology", "Fiber", "None").value());
  }

  void testDecimalAndNegativeNumbersAreNumeric() {
    CPPUNIT_ASSERT_EQUAL(std::string("2.5"), make("Clock", "2.5", "GHz").value());
    CPPUNIT_ASSERT_EQUAL(std::string("-3"), make("Offset", "-3", "Percent").value());
  }

  void testNameRules() {
    CPPUNIT_ASSERT_EQUAL(std::string("name"), rejectedField([] { make("", "1", "MB"); }));
    CPPUNIT_ASSERT_EQUAL(std::string("name"), rejectedField([] { make("   ", "1", "MB"); }));
    CPPUNIT_ASSERT_EQUAL(std::string("name"), rejectedField([] { make("Speed!", "1", "MB"); }));
    CPPUNIT_ASSERT_EQUAL(std::string("name"),
                         rejectedField([] { make(std::string(201, 'a'), "1", "MB"); }));
    CPPUNIT_ASSERT_EQUAL(std::string("name"), rejectedField([] {
                           make(
                               "Gr\xc3\xb6\xc3\x9f"
                               "e",
                               "1", "MB");
                         }));
    CPPUNIT_ASSERT_EQUAL(std::string("name"), rejectedField([] { make("a\xff", "1", "MB"); }));
    CPPUNIT_ASSERT_EQUAL(std::size_t{200}, make(std::string(200, 'a'), "1", "MB").name().size());
    CPPUNIT_ASSERT_EQUAL(std::string("Download Speed 2"),
                         make("Download Speed 2", "1", "MB").name());
  }

  void testValueLengthRules() {
    CPPUNIT_ASSERT_EQUAL(std::string("value"), rejectedField([] { make("X", "", "None"); }));
    CPPUNIT_ASSERT_EQUAL(std::string("value"),
                         rejectedField([] { make("X", std::string(101, 'v'), "None"); }));
    CPPUNIT_ASSERT_EQUAL(std::size_t{100}, make("X", std::string(100, 'v'), "None").value().size());
  }

  void testSurroundingSpacesAreTrimmed() {
    const Characteristic c = make("  Speed  ", " 100 ", "Mbps");
    CPPUNIT_ASSERT_EQUAL(std::string("Speed"), c.name());
    CPPUNIT_ASSERT_EQUAL(std::string("100"), c.value());
  }

  void testUpdateReplacesFieldsAndBumpsVersion() {
    Characteristic c = make("Speed", "100", "Mbps");
    CPPUNIT_ASSERT(c.update({"Speed", "1", "Gbps"}, "2026-01-16T10:00:00.000Z"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, c.version());
    CPPUNIT_ASSERT(c.unit() == UnitOfMeasure::Gbps);
    CPPUNIT_ASSERT_EQUAL(std::string("1"), c.value());
    CPPUNIT_ASSERT_EQUAL(kNow, c.createdAt());
    CPPUNIT_ASSERT_EQUAL(std::string("2026-01-16T10:00:00.000Z"), c.updatedAt());
  }

  void testUpdateToTheSameFieldsChangesNothing() {
    Characteristic c = make("Speed", "100", "Mbps");
    CPPUNIT_ASSERT(!c.update({" Speed", "100 ", "Mbps"}, "2026-01-16T10:00:00.000Z"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, c.version());
    CPPUNIT_ASSERT_EQUAL(kNow, c.updatedAt());
  }

  void testInvalidUpdateLeavesCharacteristicUnchanged() {
    Characteristic c = make("Speed", "100", "Mbps");
    CPPUNIT_ASSERT_EQUAL(std::string("value"), rejectedField([&] {
                           c.update({"Speed", "fast", "Gbps"}, kNow);
                         }));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, c.version());
    CPPUNIT_ASSERT(c.unit() == UnitOfMeasure::Mbps);
    CPPUNIT_ASSERT_EQUAL(std::string("100"), c.value());
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CharacteristicDomainTest);

}  // namespace catalog::characteristic
