// The ProductOffering aggregate (SRS §3.2.4, §9.4) without storage or HTTP: the draft's rules,
// what publication needs, and every lifecycle transition, allowed and refused.
#include <cppunit/extensions/HelperMacros.h>

#include <cctype>
#include <functional>
#include <string>
#include <vector>

#include "catalog/sdk/errors.hpp"
#include "domain/offering.hpp"
#include "support/assertions.hpp"

namespace catalog::offering {
namespace {

using sdk::Json;
using test::rejectedField;

const std::string kId = "7b2e1d0c-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
const std::string kNow = "2026-02-01T09:00:00.000Z";
const std::string kLater = "2026-02-02T09:00:00.000Z";
const std::string kSaga = "c0ffee00-1111-4222-8333-444455556666";
const std::string kSpeedSpec = "0b8f3c1e-8f4a-4c1e-9a51-3f2e1d0c9b8a";
const std::string kTvSpec = "1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5";
const std::string kMonthly = "d4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70";
const std::string kSetup = "e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7081";

OfferingDraft named(const std::string& name) { return {name, "", {}, {}, {}}; }

OfferingDraft complete() {
  return {"Fiber 1G", "Home fiber", {kSpeedSpec}, {kMonthly}, {"online"}};
}

Offering draftOf(const OfferingDraft& draft) { return Offering::create(kId, draft, kNow); }

// A complete offering moved along the lifecycle to `status` the only way the saga moves it.
Offering offeringIn(LifecycleStatus status) {
  Offering offering = draftOf(complete());
  if (status == LifecycleStatus::Draft) return offering;
  offering.startPublishing(kNow);
  offering.recordSaga(kSaga, kNow);
  if (status == LifecycleStatus::Publishing) return offering;
  offering.confirmPublication(kSaga, kNow);
  if (status == LifecycleStatus::Published) return offering;
  offering.retire(kNow);
  return offering;
}

const std::vector<LifecycleStatus> kNotDraft = {
    LifecycleStatus::Publishing, LifecycleStatus::Published, LifecycleStatus::Retired};

// The status of the sdk::Error `action` throws (0 when none) and its details.
struct Thrown {
  int status = 0;
  Json details;
};

Thrown thrownBy(const std::function<void()>& action) {
  try {
    action();
  } catch (const sdk::Error& e) {
    return {e.status(), e.details()};
  }
  return {};
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

class OfferingDomainTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(OfferingDomainTest);
  CPPUNIT_TEST(testDraftWithOnlyANameIsVersionOneDraft);
  CPPUNIT_TEST(testCompleteDraftKeepsEverythingInOrder);
  CPPUNIT_TEST(testNameIsRequiredTrimmedAndAtMost200Characters);
  CPPUNIT_TEST(testDescriptionIsOptionalTrimmedAndAtMost2000Characters);
  CPPUNIT_TEST(testIdsAreCanonicalAndRepeatsDropped);
  CPPUNIT_TEST(testMalformedIdIsRejectedNamingItsField);
  CPPUNIT_TEST(testChannelsAreTrimmedBoundedAndDeduplicated);
  CPPUNIT_TEST(testPublicationGapsNameEveryMissingList);
  CPPUNIT_TEST(testUpdateReplacesTheDraftAndBumpsTheVersion);
  CPPUNIT_TEST(testUpdateThatChangesNothingKeepsTheVersion);
  CPPUNIT_TEST(testInvalidUpdateLeavesTheDraftUnchanged);
  CPPUNIT_TEST(testUpdateOutsideDraftIsValidationError);
  CPPUNIT_TEST(testOnlyDraftsCanBeDeleted);
  CPPUNIT_TEST(testStartPublishingMovesACompleteDraftToPublishing);
  CPPUNIT_TEST(testStartPublishingAnIncompleteDraftListsWhatIsMissing);
  CPPUNIT_TEST(testStartPublishingOutsideDraftIsConflict);
  CPPUNIT_TEST(testStartPublishingClearsThePreviousFailure);
  CPPUNIT_TEST(testRecordSagaRecordsItOnce);
  CPPUNIT_TEST(testConfirmPublicationPublishesOnceAndIsIdempotent);
  CPPUNIT_TEST(testConfirmPublicationRecordsItsSagaWhenPublishHasNotYet);
  CPPUNIT_TEST(testConfirmPublicationOutsidePublishingIsConflict);
  CPPUNIT_TEST(testRevertToDraftRecordsTheReasonAndIsIdempotent);
  CPPUNIT_TEST(testRevertWithoutSagaLeavesNoSagaRecorded);
  CPPUNIT_TEST(testRevertToDraftOfPublishedOrRetiredIsConflict);
  CPPUNIT_TEST(testAnotherSagaNeitherConfirmsNorReverts);
  CPPUNIT_TEST(testRetireOnlyFromPublished);
  CPPUNIT_TEST(testEveryTransitionBumpsTheVersion);
  CPPUNIT_TEST(testLifecycleStatusNamesRoundTrip);
  CPPUNIT_TEST(testRestoreKeepsWhatWasStored);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testDraftWithOnlyANameIsVersionOneDraft() {
    const Offering o = draftOf(named("Fiber 1G"));
    CPPUNIT_ASSERT_EQUAL(kId, o.id());
    CPPUNIT_ASSERT_EQUAL(std::string("Fiber 1G"), o.name());
    CPPUNIT_ASSERT(o.status() == LifecycleStatus::Draft);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, o.version());
    CPPUNIT_ASSERT(o.draft().description.empty());
    CPPUNIT_ASSERT(o.draft().specification_ids.empty());
    CPPUNIT_ASSERT(o.draft().pricing_ids.empty());
    CPPUNIT_ASSERT(o.draft().sales_channels.empty());
    CPPUNIT_ASSERT(!o.stored().saga_id && !o.stored().failure_reason);
    CPPUNIT_ASSERT(!o.stored().published_at && !o.stored().retired_at);
    CPPUNIT_ASSERT_EQUAL(kNow, o.stored().created_at);
    CPPUNIT_ASSERT_EQUAL(kNow, o.stored().updated_at);
  }

  void testCompleteDraftKeepsEverythingInOrder() {
    const Offering o = draftOf({"Bundle",
                                "TV and fiber",
                                {kTvSpec, kSpeedSpec},
                                {kSetup, kMonthly},
                                {"retail", "online"}});
    CPPUNIT_ASSERT_EQUAL(std::string("TV and fiber"), o.draft().description);
    CPPUNIT_ASSERT((o.draft().specification_ids == std::vector<std::string>{kTvSpec, kSpeedSpec}));
    CPPUNIT_ASSERT((o.draft().pricing_ids == std::vector<std::string>{kSetup, kMonthly}));
    CPPUNIT_ASSERT((o.draft().sales_channels == std::vector<std::string>{"retail", "online"}));
  }

  void testNameIsRequiredTrimmedAndAtMost200Characters() {
    CPPUNIT_ASSERT_EQUAL(std::string("name"), rejectedField([] { draftOf(named("")); }));
    CPPUNIT_ASSERT_EQUAL(std::string("name"), rejectedField([] { draftOf(named(" \t ")); }));
    CPPUNIT_ASSERT_EQUAL(std::string("name"),
                         rejectedField([] { draftOf(named(std::string(201, 'n'))); }));
    CPPUNIT_ASSERT_EQUAL(std::string("name"), rejectedField([] { draftOf(named("Fiber\n1G")); }));
    CPPUNIT_ASSERT_EQUAL(std::size_t{200}, draftOf(named(std::string(200, 'n'))).name().size());
    CPPUNIT_ASSERT_EQUAL(std::string("Fiber 1G"), draftOf(named(" \t Fiber 1G  ")).name());
    // Characters, not bytes: 200 two-byte é fit.
    std::string accents;
    for (int i = 0; i < 200; ++i) accents += "\xc3\xa9";
    CPPUNIT_ASSERT_EQUAL(std::size_t{400}, draftOf(named(accents)).name().size());
  }

  void testDescriptionIsOptionalTrimmedAndAtMost2000Characters() {
    OfferingDraft draft = named("Fiber");
    draft.description = "   ";
    CPPUNIT_ASSERT(draftOf(draft).draft().description.empty());
    draft.description = "  Fast fiber  ";
    CPPUNIT_ASSERT_EQUAL(std::string("Fast fiber"), draftOf(draft).draft().description);
    draft.description = std::string(2000, 'd');
    CPPUNIT_ASSERT_EQUAL(std::size_t{2000}, draftOf(draft).draft().description.size());
    draft.description = std::string(2001, 'd');
    CPPUNIT_ASSERT_EQUAL(std::string("description"), rejectedField([&] { draftOf(draft); }));
  }

  void testIdsAreCanonicalAndRepeatsDropped() {
    OfferingDraft draft = named("Fiber");
    draft.specification_ids = {upper(kSpeedSpec), kTvSpec, kSpeedSpec};
    draft.pricing_ids = {kMonthly, upper(kMonthly), kSetup, kMonthly};
    const Offering o = draftOf(draft);
    CPPUNIT_ASSERT((o.draft().specification_ids == std::vector<std::string>{kSpeedSpec, kTvSpec}));
    CPPUNIT_ASSERT((o.draft().pricing_ids == std::vector<std::string>{kMonthly, kSetup}));
  }

  void testMalformedIdIsRejectedNamingItsField() {
    OfferingDraft specs = named("Fiber");
    specs.specification_ids = {kSpeedSpec, "not-a-uuid"};
    const Thrown spec_error = thrownBy([&] { draftOf(specs); });
    CPPUNIT_ASSERT_EQUAL(400, spec_error.status);
    CPPUNIT_ASSERT_EQUAL(Json("specification_ids"), spec_error.details.value("field", Json()));
    CPPUNIT_ASSERT_EQUAL(Json("not-a-uuid"), spec_error.details.value("value", Json()));

    OfferingDraft prices = named("Fiber");
    prices.pricing_ids = {""};
    CPPUNIT_ASSERT_EQUAL(std::string("pricing_ids"), rejectedField([&] { draftOf(prices); }));
  }

  void testChannelsAreTrimmedBoundedAndDeduplicated() {
    OfferingDraft draft = named("Fiber");
    draft.sales_channels = {" online ", "retail", "online", "\tretail"};
    CPPUNIT_ASSERT(
        (draftOf(draft).draft().sales_channels == std::vector<std::string>{"online", "retail"}));
    draft.sales_channels = {std::string(50, 'c')};
    CPPUNIT_ASSERT_EQUAL(std::size_t{50}, draftOf(draft).draft().sales_channels[0].size());
    for (const std::string& bad : {std::string(51, 'c'), std::string(""), std::string("  ")}) {
      draft.sales_channels = {"online", bad};
      CPPUNIT_ASSERT_EQUAL_MESSAGE("'" + bad + "'", std::string("sales_channels"),
                                   rejectedField([&] { draftOf(draft); }));
    }
  }

  void testPublicationGapsNameEveryMissingList() {
    CPPUNIT_ASSERT(
        (draftOf(named("Fiber")).publicationGaps() ==
         std::vector<std::string>{"specification_ids", "pricing_ids", "sales_channels"}));
    OfferingDraft draft = complete();
    draft.pricing_ids.clear();
    CPPUNIT_ASSERT((draftOf(draft).publicationGaps() == std::vector<std::string>{"pricing_ids"}));
    draft = complete();
    draft.sales_channels.clear();
    CPPUNIT_ASSERT(
        (draftOf(draft).publicationGaps() == std::vector<std::string>{"sales_channels"}));
    draft = complete();
    draft.specification_ids.clear();
    CPPUNIT_ASSERT(
        (draftOf(draft).publicationGaps() == std::vector<std::string>{"specification_ids"}));
    CPPUNIT_ASSERT(draftOf(complete()).publicationGaps().empty());
  }

  void testUpdateReplacesTheDraftAndBumpsTheVersion() {
    Offering o = draftOf(complete());
    const OfferingDraft replacement = {
        " Fiber 2G ", "", {kTvSpec}, {upper(kSetup)}, {"retail", "retail"}};
    CPPUNIT_ASSERT(o.update(replacement, kLater));
    CPPUNIT_ASSERT_EQUAL(std::string("Fiber 2G"), o.name());
    CPPUNIT_ASSERT(o.draft().description.empty());
    CPPUNIT_ASSERT((o.draft().specification_ids == std::vector<std::string>{kTvSpec}));
    CPPUNIT_ASSERT((o.draft().pricing_ids == std::vector<std::string>{kSetup}));
    CPPUNIT_ASSERT((o.draft().sales_channels == std::vector<std::string>{"retail"}));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, o.version());
    CPPUNIT_ASSERT_EQUAL(kLater, o.stored().updated_at);
    CPPUNIT_ASSERT_EQUAL(kNow, o.stored().created_at);
  }

  void testUpdateThatChangesNothingKeepsTheVersion() {
    Offering o = draftOf(complete());
    OfferingDraft same = complete();
    same.name = "  " + same.name;
    same.specification_ids = {upper(kSpeedSpec)};
    CPPUNIT_ASSERT(!o.update(same, kLater));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, o.version());
    CPPUNIT_ASSERT_EQUAL(kNow, o.stored().updated_at);
  }

  void testInvalidUpdateLeavesTheDraftUnchanged() {
    Offering o = draftOf(complete());
    OfferingDraft bad = complete();
    bad.name = "Renamed";
    bad.pricing_ids = {"nope"};
    CPPUNIT_ASSERT_EQUAL(std::string("pricing_ids"), rejectedField([&] { o.update(bad, kLater); }));
    CPPUNIT_ASSERT_EQUAL(std::string("Fiber 1G"), o.name());
    CPPUNIT_ASSERT((o.draft().pricing_ids == std::vector<std::string>{kMonthly}));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, o.version());
  }

  void testUpdateOutsideDraftIsValidationError() {
    for (const LifecycleStatus status : kNotDraft) {
      Offering o = offeringIn(status);
      const std::int64_t version = o.version();
      const Thrown error = thrownBy([&] { o.update(named("Renamed"), kLater); });
      CPPUNIT_ASSERT_EQUAL_MESSAGE(toString(status), 400, error.status);
      CPPUNIT_ASSERT_EQUAL(Json(toString(status)), error.details.value("lifecycle_status", Json()));
      CPPUNIT_ASSERT_EQUAL(std::string("Fiber 1G"), o.name());
      CPPUNIT_ASSERT_EQUAL(version, o.version());
    }
  }

  void testOnlyDraftsCanBeDeleted() {
    const Offering draft = draftOf(named("Fiber"));
    CPPUNIT_ASSERT_EQUAL(0, thrownBy([&] { draft.requireDeletable(); }).status);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, draft.deletionVersion());
    for (const LifecycleStatus status : kNotDraft) {
      const Offering o = offeringIn(status);
      const Thrown error = thrownBy([&] { o.requireDeletable(); });
      CPPUNIT_ASSERT_EQUAL_MESSAGE(toString(status), 400, error.status);
      CPPUNIT_ASSERT_EQUAL(Json(toString(status)), error.details.value("lifecycle_status", Json()));
    }
  }

  void testStartPublishingMovesACompleteDraftToPublishing() {
    Offering o = draftOf(complete());
    o.startPublishing(kLater);
    CPPUNIT_ASSERT(o.status() == LifecycleStatus::Publishing);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, o.version());
    CPPUNIT_ASSERT_EQUAL(kLater, o.stored().updated_at);
    CPPUNIT_ASSERT(!o.stored().published_at);
  }

  void testStartPublishingAnIncompleteDraftListsWhatIsMissing() {
    Offering o = draftOf(named("Fiber"));
    const Thrown error = thrownBy([&] { o.startPublishing(kLater); });
    CPPUNIT_ASSERT_EQUAL(400, error.status);
    CPPUNIT_ASSERT_EQUAL((Json{"specification_ids", "pricing_ids", "sales_channels"}),
                         error.details.value("missing", Json()));
    CPPUNIT_ASSERT(o.status() == LifecycleStatus::Draft);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, o.version());

    OfferingDraft no_channel = complete();
    no_channel.sales_channels.clear();
    Offering partial = draftOf(no_channel);
    CPPUNIT_ASSERT_EQUAL((Json{"sales_channels"}), thrownBy([&] {
                                                     partial.startPublishing(kLater);
                                                   }).details.value("missing", Json()));
  }

  void testStartPublishingOutsideDraftIsConflict() {
    for (const LifecycleStatus status : kNotDraft) {
      Offering o = offeringIn(status);
      const std::int64_t version = o.version();
      const Thrown error = thrownBy([&] { o.startPublishing(kLater); });
      CPPUNIT_ASSERT_EQUAL_MESSAGE(toString(status), 409, error.status);
      CPPUNIT_ASSERT_EQUAL(Json(toString(status)), error.details.value("lifecycle_status", Json()));
      CPPUNIT_ASSERT(o.status() == status);
      CPPUNIT_ASSERT_EQUAL(version, o.version());
    }
  }

  void testStartPublishingClearsThePreviousFailure() {
    Offering o = offeringIn(LifecycleStatus::Publishing);
    CPPUNIT_ASSERT(o.revertToDraft(kSaga, "Prices could not be locked", kLater));
    o.startPublishing(kLater);
    CPPUNIT_ASSERT(o.status() == LifecycleStatus::Publishing);
    CPPUNIT_ASSERT(!o.stored().failure_reason);
    CPPUNIT_ASSERT(!o.stored().saga_id);
  }

  void testRecordSagaRecordsItOnce() {
    Offering o = draftOf(complete());
    o.startPublishing(kNow);
    CPPUNIT_ASSERT(o.recordSaga(kSaga, kLater));
    CPPUNIT_ASSERT_EQUAL(kSaga, o.stored().saga_id.value_or(""));
    CPPUNIT_ASSERT(o.status() == LifecycleStatus::Publishing);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{3}, o.version());
    CPPUNIT_ASSERT_EQUAL(kLater, o.stored().updated_at);
    // Publish records it after the saga's own steps did.
    CPPUNIT_ASSERT(!o.recordSaga(kSaga, "2026-03-01T00:00:00.000Z"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{3}, o.version());
    CPPUNIT_ASSERT_EQUAL(kLater, o.stored().updated_at);
  }

  void testConfirmPublicationPublishesOnceAndIsIdempotent() {
    Offering o = offeringIn(LifecycleStatus::Publishing);
    const std::int64_t version = o.version();
    CPPUNIT_ASSERT(o.confirmPublication(kSaga, kLater));
    CPPUNIT_ASSERT(o.status() == LifecycleStatus::Published);
    CPPUNIT_ASSERT_EQUAL(kLater, o.stored().published_at.value_or(""));
    CPPUNIT_ASSERT_EQUAL(version + 1, o.version());
    // A redelivered confirm-publication task.
    CPPUNIT_ASSERT(!o.confirmPublication(kSaga, "2026-03-01T00:00:00.000Z"));
    CPPUNIT_ASSERT_EQUAL(kLater, o.stored().published_at.value_or(""));
    CPPUNIT_ASSERT_EQUAL(version + 1, o.version());
  }

  // The saga may finish before publish records its id.
  void testConfirmPublicationRecordsItsSagaWhenPublishHasNotYet() {
    Offering o = draftOf(complete());
    o.startPublishing(kNow);
    CPPUNIT_ASSERT(o.confirmPublication(kSaga, kLater));
    CPPUNIT_ASSERT_EQUAL(kSaga, o.stored().saga_id.value_or(""));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{3}, o.version());
    CPPUNIT_ASSERT(!o.recordSaga(kSaga, kLater));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{3}, o.version());
  }

  void testConfirmPublicationOutsidePublishingIsConflict() {
    for (const LifecycleStatus status : {LifecycleStatus::Draft, LifecycleStatus::Retired}) {
      Offering o = offeringIn(status);
      const std::int64_t version = o.version();
      CPPUNIT_ASSERT_EQUAL_MESSAGE(toString(status), 409,
                                   thrownBy([&] { o.confirmPublication(kSaga, kLater); }).status);
      CPPUNIT_ASSERT(o.status() == status);
      CPPUNIT_ASSERT_EQUAL(version, o.version());
    }
  }

  void testRevertToDraftRecordsTheReasonAndIsIdempotent() {
    Offering o = offeringIn(LifecycleStatus::Publishing);
    const std::int64_t version = o.version();
    CPPUNIT_ASSERT(o.revertToDraft(kSaga, "Prices could not be locked", kLater));
    CPPUNIT_ASSERT(o.status() == LifecycleStatus::Draft);
    CPPUNIT_ASSERT_EQUAL(kSaga, o.stored().saga_id.value_or(""));
    CPPUNIT_ASSERT_EQUAL(std::string("Prices could not be locked"),
                         o.stored().failure_reason.value_or(""));
    CPPUNIT_ASSERT_EQUAL(version + 1, o.version());
    CPPUNIT_ASSERT(!o.revertToDraft(kSaga, "again", kLater));
    CPPUNIT_ASSERT_EQUAL(std::string("Prices could not be locked"),
                         o.stored().failure_reason.value_or(""));
    CPPUNIT_ASSERT_EQUAL(version + 1, o.version());
    // Back in DRAFT it can be edited again.
    CPPUNIT_ASSERT(o.update(named("Fiber again"), kLater));
  }

  // A publication cut short before its saga started.
  void testRevertWithoutSagaLeavesNoSagaRecorded() {
    Offering o = draftOf(complete());
    o.startPublishing(kNow);
    CPPUNIT_ASSERT(o.revertToDraft("", "interrupted", kLater));
    CPPUNIT_ASSERT(o.status() == LifecycleStatus::Draft);
    CPPUNIT_ASSERT(!o.stored().saga_id);
    CPPUNIT_ASSERT_EQUAL(std::string("interrupted"), o.stored().failure_reason.value_or(""));
  }

  void testRevertToDraftOfPublishedOrRetiredIsConflict() {
    for (const LifecycleStatus status : {LifecycleStatus::Published, LifecycleStatus::Retired}) {
      Offering o = offeringIn(status);
      CPPUNIT_ASSERT_EQUAL_MESSAGE(
          toString(status), 409, thrownBy([&] { o.revertToDraft(kSaga, "late", kLater); }).status);
      CPPUNIT_ASSERT(o.status() == status);
      CPPUNIT_ASSERT(!o.stored().failure_reason);
    }
  }

  // A saga left over from an interrupted publication must not touch the one publishing now.
  void testAnotherSagaNeitherConfirmsNorReverts() {
    const std::string stale = "deadbeef-1111-4222-8333-444455556666";
    Offering o = offeringIn(LifecycleStatus::Publishing);
    CPPUNIT_ASSERT_EQUAL(409, thrownBy([&] { o.confirmPublication(stale, kLater); }).status);
    CPPUNIT_ASSERT(!o.revertToDraft(stale, "stale saga failed", kLater));
    CPPUNIT_ASSERT(o.status() == LifecycleStatus::Publishing);
    CPPUNIT_ASSERT_EQUAL(kSaga, o.stored().saga_id.value_or(""));
    CPPUNIT_ASSERT(o.confirmPublication(kSaga, kLater));
  }

  void testRetireOnlyFromPublished() {
    Offering o = offeringIn(LifecycleStatus::Published);
    const std::int64_t version = o.version();
    o.retire(kLater);
    CPPUNIT_ASSERT(o.status() == LifecycleStatus::Retired);
    CPPUNIT_ASSERT_EQUAL(kLater, o.stored().retired_at.value_or(""));
    CPPUNIT_ASSERT_EQUAL(version + 1, o.version());
    for (const LifecycleStatus status :
         {LifecycleStatus::Draft, LifecycleStatus::Publishing, LifecycleStatus::Retired}) {
      Offering other = offeringIn(status);
      const Thrown error = thrownBy([&] { other.retire(kLater); });
      CPPUNIT_ASSERT_EQUAL_MESSAGE(toString(status), 409, error.status);
      CPPUNIT_ASSERT_EQUAL(Json(toString(status)), error.details.value("lifecycle_status", Json()));
      CPPUNIT_ASSERT(other.status() == status);
    }
  }

  void testEveryTransitionBumpsTheVersion() {
    Offering o = draftOf(complete());
    std::vector<std::int64_t> versions = {o.version()};
    o.startPublishing(kLater);
    versions.push_back(o.version());
    o.recordSaga(kSaga, kLater);
    versions.push_back(o.version());
    o.confirmPublication(kSaga, kLater);
    versions.push_back(o.version());
    o.retire(kLater);
    versions.push_back(o.version());
    CPPUNIT_ASSERT((versions == std::vector<std::int64_t>{1, 2, 3, 4, 5}));
    CPPUNIT_ASSERT_EQUAL(kLater, o.stored().updated_at);
  }

  void testLifecycleStatusNamesRoundTrip() {
    const std::vector<std::string> names = {"DRAFT", "PUBLISHING", "PUBLISHED", "RETIRED"};
    for (const std::string& name : names) {
      const auto status = parseLifecycleStatus(name);
      CPPUNIT_ASSERT_MESSAGE(name, status.has_value());
      CPPUNIT_ASSERT_EQUAL(name, toString(*status));
    }
    CPPUNIT_ASSERT(!parseLifecycleStatus("LIVE"));
    CPPUNIT_ASSERT(!parseLifecycleStatus(""));
  }

  void testRestoreKeepsWhatWasStored() {
    Offering::Stored stored;
    stored.id = kId;
    stored.draft = {"Kept as stored", "", {}, {}, {}};
    stored.status = LifecycleStatus::Published;
    stored.saga_id = kSaga;
    stored.published_at = kNow;
    stored.version = 7;
    stored.created_at = kNow;
    stored.updated_at = kLater;
    const Offering o = Offering::restore(stored);
    CPPUNIT_ASSERT(o.status() == LifecycleStatus::Published);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{7}, o.version());
    CPPUNIT_ASSERT_EQUAL(kSaga, o.stored().saga_id.value_or(""));
    CPPUNIT_ASSERT_EQUAL(kLater, o.stored().updated_at);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OfferingDomainTest);

}  // namespace catalog::offering
