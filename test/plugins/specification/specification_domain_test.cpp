// The Specification aggregate (SRS §3.2.2, §9.2) without storage or HTTP: its name and
// characteristic-list rules, full replacement, and invalidation by a deleted characteristic.
#include <cppunit/extensions/HelperMacros.h>

#include <cctype>
#include <functional>
#include <string>
#include <vector>

#include "catalog/sdk/errors.hpp"
#include "domain/specification.hpp"
#include "support/assertions.hpp"

namespace catalog::specification {
namespace {

using sdk::Json;
using test::rejectedField;

const std::string kId = "6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
const std::string kNow = "2026-01-15T10:00:00.000Z";
const std::string kLater = "2026-01-16T10:00:00.000Z";
const std::string kSpeed = "0b8f3c1e-8f4a-4c1e-9a51-3f2e1d0c9b8a";
const std::string kLatency = "1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5";
const std::string kStorage = "d4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70";

Specification make(const std::string& name, const std::vector<std::string>& ids) {
  return Specification::create(kId, {name, ids}, kNow);
}

// The details of the ValidationError `action` throws; null when it throws none.
Json rejectionDetails(const std::function<void()>& action) {
  try {
    action();
  } catch (const sdk::ValidationError& e) {
    return e.details();
  }
  return Json();
}

std::string repeated(const std::string& text, std::size_t times) {
  std::string result;
  for (std::size_t i = 0; i < times; ++i) result += text;
  return result;
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

class SpecificationDomainTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(SpecificationDomainTest);
  CPPUNIT_TEST(testValidSpecificationStartsAtVersionOneAndValid);
  CPPUNIT_TEST(testNameIsTrimmed);
  CPPUNIT_TEST(testNameIsRequired);
  CPPUNIT_TEST(testNameIsAtMost200CodePoints);
  CPPUNIT_TEST(testNameWithControlCharactersIsRejected);
  CPPUNIT_TEST(testEmptyCharacteristicListIsRejected);
  CPPUNIT_TEST(testMalformedCharacteristicIdsAreListed);
  CPPUNIT_TEST(testRepeatedCharacteristicIdsAreListed);
  CPPUNIT_TEST(testIdsDifferingOnlyInCaseAreRepeated);
  CPPUNIT_TEST(testUpperCaseIdsAreCanonicalAndOrderIsKept);
  CPPUNIT_TEST(testUpdateReplacesEverythingAndBumpsVersion);
  CPPUNIT_TEST(testUpdateThatChangesNothingKeepsVersion);
  CPPUNIT_TEST(testInvalidUpdateLeavesSpecificationUnchanged);
  CPPUNIT_TEST(testUpdateWithTheSameIdsMakesAnInvalidSpecificationValid);
  CPPUNIT_TEST(testDeletedCharacteristicNotListedChangesNothing);
  CPPUNIT_TEST(testDeletedListedCharacteristicMakesSpecificationInvalid);
  CPPUNIT_TEST(testSameDeletionTwiceIsRecordedOnce);
  CPPUNIT_TEST(testEveryDeletedCharacteristicIsAReason);
  CPPUNIT_TEST(testDeletionVersionFollowsTheCurrentVersion);
  CPPUNIT_TEST(testRestoreKeepsWhatWasStored);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testValidSpecificationStartsAtVersionOneAndValid() {
    const Specification s = make("High-Speed Package", {kSpeed, kLatency});
    CPPUNIT_ASSERT_EQUAL(kId, s.id());
    CPPUNIT_ASSERT_EQUAL(std::string("High-Speed Package"), s.name());
    CPPUNIT_ASSERT((s.characteristicIds() == std::vector<std::string>{kSpeed, kLatency}));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, s.version());
    CPPUNIT_ASSERT(s.valid());
    CPPUNIT_ASSERT(s.invalidReasons().empty());
    CPPUNIT_ASSERT_EQUAL(kNow, s.createdAt());
    CPPUNIT_ASSERT_EQUAL(kNow, s.updatedAt());
  }

  void testNameIsTrimmed() {
    CPPUNIT_ASSERT_EQUAL(std::string("Fiber 1G"), make(" \t Fiber 1G \t ", {kSpeed}).name());
    // Inner spaces are part of the name.
    CPPUNIT_ASSERT_EQUAL(std::string("Fiber  1G"), make("Fiber  1G", {kSpeed}).name());
  }

  void testNameIsRequired() {
    CPPUNIT_ASSERT_EQUAL(std::string("name"), rejectedField([] { make("", {kSpeed}); }));
    CPPUNIT_ASSERT_EQUAL(std::string("name"), rejectedField([] { make("  \t ", {kSpeed}); }));
  }

  void testNameIsAtMost200CodePoints() {
    const std::string e_acute = "\xc3\xa9";  // é: two bytes, one code point
    const Specification s = make(repeated(e_acute, 200), {kSpeed});
    CPPUNIT_ASSERT_EQUAL(std::size_t{400}, s.name().size());
    CPPUNIT_ASSERT_EQUAL(std::string("name"),
                         rejectedField([&] { make(repeated(e_acute, 201), {kSpeed}); }));
    CPPUNIT_ASSERT_EQUAL(std::size_t{200}, make(std::string(200, 'n'), {kSpeed}).name().size());
    CPPUNIT_ASSERT_EQUAL(std::string("name"),
                         rejectedField([] { make(std::string(201, 'n'), {kSpeed}); }));
    // Surrounding spaces do not count.
    CPPUNIT_ASSERT_EQUAL(std::size_t{200},
                         make("  " + std::string(200, 'n') + "  ", {kSpeed}).name().size());
  }

  void testNameWithControlCharactersIsRejected() {
    for (const std::string& name : {std::string("Fiber\n1G"), std::string("Fiber\r"),
                                    std::string("Fi\x01"
                                                "ber"),
                                    std::string("Fiber\x7f"), std::string("Fi") + '\0' + "ber"}) {
      CPPUNIT_ASSERT_EQUAL_MESSAGE(name, std::string("name"),
                                   rejectedField([&] { make(name, {kSpeed}); }));
    }
  }

  void testEmptyCharacteristicListIsRejected() {
    CPPUNIT_ASSERT_EQUAL(std::string("characteristic_ids"),
                         rejectedField([] { make("Basic", {}); }));
  }

  void testMalformedCharacteristicIdsAreListed() {
    const Json details = rejectionDetails([] {
      make("Basic", {kSpeed, "not-a-uuid", "", kSpeed.substr(1), kLatency});
    });
    CPPUNIT_ASSERT_EQUAL(std::string("characteristic_ids"), details.value("field", ""));
    CPPUNIT_ASSERT_EQUAL(Json::array({"not-a-uuid", "", kSpeed.substr(1)}).dump(),
                         details["invalid_ids"].dump());
  }

  void testRepeatedCharacteristicIdsAreListed() {
    const Json details = rejectionDetails([] {
      make("Basic", {kSpeed, kLatency, kSpeed, kStorage, kLatency});
    });
    CPPUNIT_ASSERT_EQUAL(std::string("characteristic_ids"), details.value("field", ""));
    CPPUNIT_ASSERT_EQUAL(Json::array({kSpeed, kLatency}).dump(), details["repeated_ids"].dump());
  }

  void testIdsDifferingOnlyInCaseAreRepeated() {
    const Json details = rejectionDetails([] { make("Basic", {kSpeed, upper(kSpeed)}); });
    CPPUNIT_ASSERT_EQUAL(std::string("characteristic_ids"), details.value("field", ""));
    CPPUNIT_ASSERT_EQUAL(Json::array({kSpeed}).dump(), details["repeated_ids"].dump());
  }

  void testUpperCaseIdsAreCanonicalAndOrderIsKept() {
    const Specification s = make("Basic", {kStorage, upper(kSpeed), kLatency});
    CPPUNIT_ASSERT((s.characteristicIds() == std::vector<std::string>{kStorage, kSpeed, kLatency}));
  }

  void testUpdateReplacesEverythingAndBumpsVersion() {
    Specification s = make("Basic", {kSpeed, kLatency});
    CPPUNIT_ASSERT(s.update({"Premium", {kStorage, kSpeed}}, kLater));
    CPPUNIT_ASSERT_EQUAL(std::string("Premium"), s.name());
    CPPUNIT_ASSERT((s.characteristicIds() == std::vector<std::string>{kStorage, kSpeed}));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, s.version());
    CPPUNIT_ASSERT_EQUAL(kNow, s.createdAt());
    CPPUNIT_ASSERT_EQUAL(kLater, s.updatedAt());
    CPPUNIT_ASSERT_EQUAL(kId, s.id());
  }

  void testUpdateThatChangesNothingKeepsVersion() {
    Specification s = make("Basic", {kSpeed, kLatency});
    // The same after trimming and canonicalisation.
    CPPUNIT_ASSERT(!s.update({" Basic ", {upper(kSpeed), kLatency}}, kLater));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, s.version());
    CPPUNIT_ASSERT_EQUAL(kNow, s.updatedAt());
    // A different order is a change.
    CPPUNIT_ASSERT(s.update({"Basic", {kLatency, kSpeed}}, kLater));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, s.version());
  }

  void testInvalidUpdateLeavesSpecificationUnchanged() {
    Specification s = make("Basic", {kSpeed});
    CPPUNIT_ASSERT_EQUAL(std::string("characteristic_ids"), rejectedField([&] {
                           s.update({"Premium", {}}, kLater);
                         }));
    CPPUNIT_ASSERT_EQUAL(std::string("name"), rejectedField([&] {
                           s.update({"", {kLatency}}, kLater);
                         }));
    CPPUNIT_ASSERT_EQUAL(std::string("Basic"), s.name());
    CPPUNIT_ASSERT((s.characteristicIds() == std::vector<std::string>{kSpeed}));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, s.version());
    CPPUNIT_ASSERT_EQUAL(kNow, s.updatedAt());
  }

  void testUpdateWithTheSameIdsMakesAnInvalidSpecificationValid() {
    Specification s = make("Basic", {kSpeed, kLatency});
    CPPUNIT_ASSERT(s.characteristicDeleted(kSpeed, "Speed was deleted", kNow));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, s.version());
    CPPUNIT_ASSERT(!s.valid());
    // The caller has checked that the ids exist again (a replacement characteristic).
    CPPUNIT_ASSERT(s.update({"Basic", {kSpeed, kLatency}}, kLater));
    CPPUNIT_ASSERT(s.valid());
    CPPUNIT_ASSERT(s.invalidReasons().empty());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{3}, s.version());
    CPPUNIT_ASSERT_EQUAL(kLater, s.updatedAt());
  }

  void testDeletedCharacteristicNotListedChangesNothing() {
    Specification s = make("Basic", {kSpeed});
    CPPUNIT_ASSERT(!s.characteristicDeleted(kLatency, "Latency was deleted", kLater));
    CPPUNIT_ASSERT(s.valid());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, s.version());
    CPPUNIT_ASSERT_EQUAL(kNow, s.updatedAt());
  }

  void testDeletedListedCharacteristicMakesSpecificationInvalid() {
    Specification s = make("Basic", {kSpeed, kLatency});
    CPPUNIT_ASSERT(s.characteristicDeleted(kLatency, "Latency was deleted", kLater));
    CPPUNIT_ASSERT(!s.valid());
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, s.invalidReasons().size());
    CPPUNIT_ASSERT_EQUAL(kLatency, s.invalidReasons()[0].characteristic_id);
    CPPUNIT_ASSERT_EQUAL(std::string("Latency was deleted"), s.invalidReasons()[0].reason);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, s.version());
    CPPUNIT_ASSERT_EQUAL(kLater, s.updatedAt());
    // The list itself is kept: fail-safe, not a silent removal.
    CPPUNIT_ASSERT((s.characteristicIds() == std::vector<std::string>{kSpeed, kLatency}));
  }

  void testSameDeletionTwiceIsRecordedOnce() {
    Specification s = make("Basic", {kSpeed});
    CPPUNIT_ASSERT(s.characteristicDeleted(kSpeed, "Speed was deleted", kLater));
    CPPUNIT_ASSERT(!s.characteristicDeleted(kSpeed, "Speed was deleted", kLater));
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, s.invalidReasons().size());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, s.version());
  }

  void testEveryDeletedCharacteristicIsAReason() {
    Specification s = make("Basic", {kSpeed, kLatency, kStorage});
    CPPUNIT_ASSERT(s.characteristicDeleted(kStorage, "Storage was deleted", kLater));
    CPPUNIT_ASSERT(s.characteristicDeleted(kSpeed, "Speed was deleted", kLater));
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, s.invalidReasons().size());
    CPPUNIT_ASSERT_EQUAL(kStorage, s.invalidReasons()[0].characteristic_id);
    CPPUNIT_ASSERT_EQUAL(kSpeed, s.invalidReasons()[1].characteristic_id);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{3}, s.version());
  }

  void testDeletionVersionFollowsTheCurrentVersion() {
    Specification s = make("Basic", {kSpeed});
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, s.deletionVersion());
    CPPUNIT_ASSERT(s.update({"Premium", {kSpeed}}, kLater));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{3}, s.deletionVersion());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, s.version());  // asking does not bump
  }

  void testRestoreKeepsWhatWasStored() {
    const Specification s = Specification::restore(
        kId, "Basic", {kSpeed}, {{kSpeed, "Speed was deleted"}}, 7, kNow, kLater);
    CPPUNIT_ASSERT(!s.valid());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{7}, s.version());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{8}, s.deletionVersion());
    CPPUNIT_ASSERT_EQUAL(kNow, s.createdAt());
    CPPUNIT_ASSERT_EQUAL(kLater, s.updatedAt());
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SpecificationDomainTest);

}  // namespace catalog::specification
