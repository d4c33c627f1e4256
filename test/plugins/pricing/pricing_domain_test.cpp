#include <cppunit/extensions/HelperMacros.h>

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/amount.hpp"
#include "domain/price.hpp"
#include "domain/saga_id.hpp"
#include "support/assertions.hpp"

namespace catalog::pricing {
namespace {

using sdk::Json;
using test::rejectedField;

const std::string kNow = "2026-01-15T10:00:00.000Z";
const std::string kLater = "2026-01-16T10:00:00.000Z";
const std::string kId = "0b8f3c1e-8f4a-4c1e-9a51-3f2e1d0c9b8a";

PriceTerms terms(const std::string& name, const std::string& value = "49.99",
                 const std::string& unit = "per month", const std::string& currency = "USD") {
  return PriceTerms::of(name, Amount::parse(value), unit, currency);
}

Price make(const std::string& name = "Monthly Fee") {
  return Price::create(kId, terms(name), kNow);
}

// The message of the sdk::ValidationError `action` throws, or "" when it throws none.
std::string rejection(const std::function<void()>& action) {
  try {
    action();
  } catch (const sdk::ValidationError& e) {
    return e.what();
  }
  return "";
}

bool mentions(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The status and details of the sdk::Error `action` throws; status 0 when it throws none.
std::pair<int, Json> errorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const sdk::Error& e) {
    return {e.status(), e.details()};
  }
  return {0, Json()};
}

}  // namespace

class PricingDomainTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(PricingDomainTest);
  CPPUNIT_TEST(testDecimalTextIsHeldExactlyInMinorUnits);
  CPPUNIT_TEST(testAmountIsRenderedWithTwoDecimals);
  CPPUNIT_TEST(testJsonNumberIsReadByItsShortestText);
  CPPUNIT_TEST(testMoreThanTwoDecimalsIsRejected);
  CPPUNIT_TEST(testZeroAndNegativeAmountsAreRejectedAsNotPositive);
  CPPUNIT_TEST(testMalformedDecimalTextIsRejected);
  CPPUNIT_TEST(testAmountAboveDecimalTenTwoIsRejected);
  CPPUNIT_TEST(testJsonOtherThanStringOrNumberIsRejected);
  CPPUNIT_TEST(testStoredMinorUnitsOutOfRangeAreRefused);
  CPPUNIT_TEST(testEveryCurrencyOfTheSrsIsAccepted);
  CPPUNIT_TEST(testUnknownOrMiscasedCurrencyIsRejectedListingAllowed);
  CPPUNIT_TEST(testNameIsTrimmedAndCountedInCodePoints);
  CPPUNIT_TEST(testNameRules);
  CPPUNIT_TEST(testUnitRules);
  CPPUNIT_TEST(testNewPriceIsUnlockedAtVersionOne);
  CPPUNIT_TEST(testUpdateReplacesTermsAndBumpsVersion);
  CPPUNIT_TEST(testUpdateToTheSameTermsChangesNothing);
  CPPUNIT_TEST(testLockedPriceCannotBeUpdated);
  CPPUNIT_TEST(testLockBumpsVersionAndNamesTheSaga);
  CPPUNIT_TEST(testLockBySameSagaIsIdempotent);
  CPPUNIT_TEST(testLockByAnotherSagaIsLockedNamingTheHolder);
  CPPUNIT_TEST(testUnlockByHolderUnlocksAndBumpsVersion);
  CPPUNIT_TEST(testUnlockByNonHolderIsConflict);
  CPPUNIT_TEST(testSagaIdRules);
  CPPUNIT_TEST(testSagaIdMustBeWellFormedUtf8);
  CPPUNIT_TEST(testOvertakenWriteIsAnsweredFromTheCurrentPrice);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testDecimalTextIsHeldExactlyInMinorUnits() {
    CPPUNIT_ASSERT_EQUAL(std::int64_t{4999}, Amount::parse("49.99").minorUnits());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{5000}, Amount::parse("50").minorUnits());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{4990}, Amount::parse("49.9").minorUnits());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, Amount::parse("0.01").minorUnits());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{750}, Amount::parse("007.50").minorUnits());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1234567891}, Amount::parse("12345678.91").minorUnits());
    CPPUNIT_ASSERT_EQUAL(Amount::kMaxMinorUnits, Amount::parse("99999999.99").minorUnits());
  }

  void testAmountIsRenderedWithTwoDecimals() {
    CPPUNIT_ASSERT_EQUAL(std::string("50.00"), Amount::parse("50").toString());
    CPPUNIT_ASSERT_EQUAL(std::string("49.90"), Amount::parse("49.9").toString());
    CPPUNIT_ASSERT_EQUAL(std::string("0.05"), Amount::parse("0.05").toString());
    CPPUNIT_ASSERT_EQUAL(std::string("99999999.99"), Amount::parse("99999999.99").toString());
    CPPUNIT_ASSERT_EQUAL(std::string("0.01"), Amount::fromMinorUnits(1).toString());
  }

  void testJsonNumberIsReadByItsShortestText() {
    CPPUNIT_ASSERT_EQUAL(std::string("49.99"), Amount::fromJson(Json(49.99)).toString());
    CPPUNIT_ASSERT_EQUAL(std::string("100.00"), Amount::fromJson(Json::parse("1e2")).toString());
    CPPUNIT_ASSERT_EQUAL(std::string("50.00"), Amount::fromJson(Json(50)).toString());
    CPPUNIT_ASSERT_EQUAL(std::string("0.10"), Amount::fromJson(Json::parse("0.1")).toString());
    CPPUNIT_ASSERT_EQUAL(std::string("50.00"), Amount::fromJson(Json("50")).toString());
    CPPUNIT_ASSERT_EQUAL(std::string("value"),
                         rejectedField([] { Amount::fromJson(Json::parse("49.999")); }));
  }

  void testMoreThanTwoDecimalsIsRejected() {
    const std::string message = rejection([] { Amount::parse("49.999"); });
    CPPUNIT_ASSERT_MESSAGE(message, mentions(message, "at most two decimal places"));
    CPPUNIT_ASSERT_EQUAL(std::string("value"), rejectedField([] { Amount::parse("49.999"); }));
    CPPUNIT_ASSERT_EQUAL(std::string("value"), rejectedField([] { Amount::parse("1.000"); }));
  }

  void testZeroAndNegativeAmountsAreRejectedAsNotPositive() {
    for (const std::string text : {"0", "0.00", "-1", "-0", "-49.99", "000"}) {
      const std::string message = rejection([&] { Amount::parse(text); });
      CPPUNIT_ASSERT_MESSAGE(text + ": " + message, mentions(message, "must be positive"));
    }
    CPPUNIT_ASSERT_EQUAL(std::string("value"), rejectedField([] { Amount::fromJson(Json(-1)); }));
    CPPUNIT_ASSERT_EQUAL(std::string("value"), rejectedField([] { Amount::fromJson(Json(0)); }));
    CPPUNIT_ASSERT_EQUAL(std::string("value"),
                         rejectedField([] { Amount::fromJson(Json::parse("-0.0")); }));
  }

  void testMalformedDecimalTextIsRejected() {
    for (const std::string text : {"1e2", "", " ", "abc", "1.", ".5", "+1", " 1", "1 ", "1,5",
                                   "1.2.3", "--1", "0x10", "-", ".", "1e+20", "NaN", "\xd9\xa1"}) {
      CPPUNIT_ASSERT_EQUAL_MESSAGE("'" + text + "'", std::string("value"),
                                   rejectedField([&] { Amount::parse(text); }));
    }
  }

  void testAmountAboveDecimalTenTwoIsRejected() {
    for (const std::string text : {"100000000", "100000000.00", "99999999999999999999999",
                                   "18446744073709551615", "9223372036854775807"}) {
      const std::string message = rejection([&] { Amount::parse(text); });
      CPPUNIT_ASSERT_MESSAGE(text + ": " + message, mentions(message, "at most 99999999.99"));
    }
    CPPUNIT_ASSERT_EQUAL(std::string("value"),
                         rejectedField([] { Amount::fromJson(Json::parse("1e20")); }));
    CPPUNIT_ASSERT_EQUAL(std::string("value"), rejectedField([] {
                           Amount::fromJson(Json::parse("18446744073709551615"));
                         }));
  }

  void testJsonOtherThanStringOrNumberIsRejected() {
    for (const Json& json : {Json(), Json(true), Json::array({1}), Json::object()}) {
      CPPUNIT_ASSERT_EQUAL_MESSAGE(json.dump(), std::string("value"),
                                   rejectedField([&] { Amount::fromJson(json); }));
    }
    CPPUNIT_ASSERT(mentions(rejection([] { Amount::fromJson(Json()); }), "required"));
    CPPUNIT_ASSERT_EQUAL(std::string("amount"),
                         rejectedField([] { Amount::fromJson(Json(false), "amount"); }));
  }

  void testStoredMinorUnitsOutOfRangeAreRefused() {
    CPPUNIT_ASSERT_THROW(Amount::fromMinorUnits(0), std::invalid_argument);
    CPPUNIT_ASSERT_THROW(Amount::fromMinorUnits(Amount::kMaxMinorUnits + 1), std::invalid_argument);
    CPPUNIT_ASSERT(Amount::fromMinorUnits(5000) == Amount::parse("50.00"));
  }

  void testEveryCurrencyOfTheSrsIsAccepted() {
    for (const std::string code : {"USD", "EUR", "TRY"}) {
      CPPUNIT_ASSERT_EQUAL(code, toString(terms("Fee", "1", "one-time", code).currency()));
    }
    CPPUNIT_ASSERT_EQUAL(std::size_t{3}, currencyCodes().size());
  }

  void testUnknownOrMiscasedCurrencyIsRejectedListingAllowed() {
    for (const std::string code : {"GBP", "usd", "", " USD", "US"}) {
      const auto [status, details] = errorOf([&] { terms("Fee", "1", "one-time", code); });
      CPPUNIT_ASSERT_EQUAL_MESSAGE(code, 400, status);
      CPPUNIT_ASSERT_EQUAL(std::string("currency"), details.value("field", ""));
      CPPUNIT_ASSERT_EQUAL(Json({"USD", "EUR", "TRY"}).dump(), details["allowed"].dump());
    }
  }

  void testNameIsTrimmedAndCountedInCodePoints() {
    CPPUNIT_ASSERT_EQUAL(std::string("Monthly Fee"), terms("  Monthly Fee\t").name());
    std::string umlauts;
    for (int i = 0; i < 200; ++i) umlauts += "\xc3\xbc";  // ü, two bytes each
    CPPUNIT_ASSERT_EQUAL(umlauts, terms(umlauts).name());
    CPPUNIT_ASSERT_EQUAL(std::string("name"), rejectedField([&] { terms(umlauts + "u"); }));
  }

  void testNameRules() {
    CPPUNIT_ASSERT_EQUAL(std::string("name"), rejectedField([] { terms(""); }));
    CPPUNIT_ASSERT_EQUAL(std::string("name"), rejectedField([] { terms("   "); }));
    CPPUNIT_ASSERT_EQUAL(std::string("name"), rejectedField([] { terms(std::string(201, 'n')); }));
    CPPUNIT_ASSERT_EQUAL(std::string("name"), rejectedField([] { terms(std::string("a\0b", 3)); }));
    CPPUNIT_ASSERT_EQUAL(std::string("name"), rejectedField([] { terms("Fee\nTwo"); }));
    CPPUNIT_ASSERT_EQUAL(std::size_t{200}, terms(std::string(200, 'n')).name().size());
    CPPUNIT_ASSERT_EQUAL(std::string("Fee: 50% off!"), terms("Fee: 50% off!").name());
  }

  void testUnitRules() {
    CPPUNIT_ASSERT_EQUAL(std::string("per month"), terms("Fee", "1", " per month ").unit());
    CPPUNIT_ASSERT_EQUAL(std::size_t{50}, terms("Fee", "1", std::string(50, 'u')).unit().size());
    CPPUNIT_ASSERT_EQUAL(std::string("unit"),
                         rejectedField([] { terms("Fee", "1", std::string(51, 'u')); }));
    CPPUNIT_ASSERT_EQUAL(std::string("unit"), rejectedField([] { terms("Fee", "1", ""); }));
    CPPUNIT_ASSERT_EQUAL(std::string("unit"), rejectedField([] { terms("Fee", "1", " \t "); }));
    CPPUNIT_ASSERT_EQUAL(std::string("unit"), rejectedField([] { terms("Fee", "1", "a\x7f"); }));
  }

  void testNewPriceIsUnlockedAtVersionOne() {
    const Price price = make();
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, price.version());
    CPPUNIT_ASSERT(!price.isLocked());
    CPPUNIT_ASSERT(!price.lockedBySagaId());
    CPPUNIT_ASSERT_EQUAL(kNow, price.createdAt());
    CPPUNIT_ASSERT_EQUAL(kNow, price.updatedAt());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, price.deletionVersion());
    CPPUNIT_ASSERT_EQUAL(std::string("49.99"), price.value().toString());
  }

  void testUpdateReplacesTermsAndBumpsVersion() {
    Price price = make();
    CPPUNIT_ASSERT(price.update(terms("Monthly Fee", "59", "per month", "EUR"), kLater));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, price.version());
    CPPUNIT_ASSERT_EQUAL(std::string("59.00"), price.value().toString());
    CPPUNIT_ASSERT(price.currency() == Currency::EUR);
    CPPUNIT_ASSERT_EQUAL(kNow, price.createdAt());
    CPPUNIT_ASSERT_EQUAL(kLater, price.updatedAt());
  }

  void testUpdateToTheSameTermsChangesNothing() {
    Price price = make();
    CPPUNIT_ASSERT(!price.update(terms(" Monthly Fee ", "049.99", "per month "), kLater));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, price.version());
    CPPUNIT_ASSERT_EQUAL(kNow, price.updatedAt());
  }

  void testLockedPriceCannotBeUpdated() {
    Price price = make();
    price.lockFor("saga-1", kNow);
    const auto [status, details] =
        errorOf([&] { price.update(terms("Monthly Fee", "1"), kLater); });
    CPPUNIT_ASSERT_EQUAL(423, status);
    CPPUNIT_ASSERT_EQUAL(std::string("saga-1"), details.value("locked_by_saga_id", ""));
    CPPUNIT_ASSERT_EQUAL(423, errorOf([&] { price.update(price.terms(), kLater); }).first);
    CPPUNIT_ASSERT_EQUAL(std::string("49.99"), price.value().toString());
    CPPUNIT_ASSERT_EQUAL(423, errorOf([&] { price.requireUnlocked(); }).first);
  }

  void testLockBumpsVersionAndNamesTheSaga() {
    Price price = make();
    CPPUNIT_ASSERT(price.lockFor("saga-1", kLater));
    CPPUNIT_ASSERT(price.isLocked());
    CPPUNIT_ASSERT(price.isHeldBy("saga-1"));
    CPPUNIT_ASSERT_EQUAL(std::string("saga-1"), *price.lockedBySagaId());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, price.version());
    CPPUNIT_ASSERT_EQUAL(kLater, price.updatedAt());
  }

  void testLockBySameSagaIsIdempotent() {
    Price price = make();
    price.lockFor("saga-1", kNow);
    CPPUNIT_ASSERT(!price.lockFor("saga-1", kLater));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, price.version());
    CPPUNIT_ASSERT_EQUAL(kNow, price.updatedAt());
  }

  void testLockByAnotherSagaIsLockedNamingTheHolder() {
    Price price = make();
    price.lockFor("saga-1", kNow);
    const auto [status, details] = errorOf([&] { price.lockFor("saga-2", kLater); });
    CPPUNIT_ASSERT_EQUAL(423, status);
    CPPUNIT_ASSERT_EQUAL(std::string("saga-1"), details.value("locked_by_saga_id", ""));
    CPPUNIT_ASSERT_EQUAL(kId, details.value("id", ""));
    CPPUNIT_ASSERT(price.isHeldBy("saga-1"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, price.version());
  }

  void testUnlockByHolderUnlocksAndBumpsVersion() {
    Price price = make();
    price.lockFor("saga-1", kNow);
    price.unlockFor("saga-1", kLater);
    CPPUNIT_ASSERT(!price.isLocked());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{3}, price.version());
    CPPUNIT_ASSERT(price.update(terms("Monthly Fee", "1"), kLater));
  }

  void testUnlockByNonHolderIsConflict() {
    Price price = make();
    CPPUNIT_ASSERT_EQUAL(409, errorOf([&] { price.unlockFor("saga-1", kLater); }).first);
    price.lockFor("saga-1", kNow);
    const auto [status, details] = errorOf([&] { price.unlockFor("saga-2", kLater); });
    CPPUNIT_ASSERT_EQUAL(409, status);
    CPPUNIT_ASSERT_EQUAL(std::string("saga-1"), details.value("locked_by_saga_id", ""));
    CPPUNIT_ASSERT(price.isHeldBy("saga-1"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, price.version());
  }

  void testSagaIdRules() {
    CPPUNIT_ASSERT_EQUAL(std::string("saga-1"), validSagaId("saga-1"));
    CPPUNIT_ASSERT_EQUAL(std::size_t{100}, validSagaId(std::string(100, 's')).size());
    CPPUNIT_ASSERT_EQUAL(std::string("saga_id"), rejectedField([] { validSagaId(""); }));
    CPPUNIT_ASSERT_EQUAL(std::string("saga_id"),
                         rejectedField([] { validSagaId(std::string(101, 's')); }));
    CPPUNIT_ASSERT_EQUAL(std::string("saga-1"), validSagaId(" saga-1\t"));
    CPPUNIT_ASSERT_EQUAL(std::string("saga_id"), rejectedField([] { validSagaId("s\n"); }));
  }

  void testOvertakenWriteIsAnsweredFromTheCurrentPrice() {
    CPPUNIT_ASSERT_EQUAL(404, errorOf([] { throwOvertaken(kId, std::nullopt, 1); }).first);
    Price locked = make();
    locked.lockFor("saga-1", kNow);
    CPPUNIT_ASSERT_EQUAL(423, errorOf([&] { throwOvertaken(kId, locked, 1); }).first);
    Price changed = make();
    changed.update(terms("Monthly Fee", "1"), kLater);
    const auto [status, details] = errorOf([&] { throwOvertaken(kId, changed, 1); });
    CPPUNIT_ASSERT_EQUAL(409, status);
    CPPUNIT_ASSERT_EQUAL(2, details.value("current_version", 0));
  }

  // A saga id may come from a URL path as any bytes; PostgreSQL stores only UTF-8.
  void testSagaIdMustBeWellFormedUtf8() {
    CPPUNIT_ASSERT_EQUAL(std::string("s\xc3\xbc\xf0\x9f\x92\xb6"),
                         validSagaId("s\xc3\xbc\xf0\x9f\x92\xb6"));
    for (const std::string bytes :
         {"\xff", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc3", "\x80"}) {
      CPPUNIT_ASSERT_EQUAL(std::string("saga_id"),
                           rejectedField([&] { validSagaId("s" + bytes); }));
    }
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PricingDomainTest);

}  // namespace catalog::pricing
