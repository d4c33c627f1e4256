#pragma once

#include <cppunit/extensions/HelperMacros.h>

#include <memory>
#include <string>

#include "workflow/workflow_engine.hpp"

namespace catalog::host {

/// The embedded engine's behaviour, written once: deployment, the publication saga's happy and
/// failure paths, the external-task protocol (locks, workers, retries, incidents, long
/// polling), durability, concurrency and variables. A sub-suite only says which database the
/// engine runs on (newDatabaseUrl); each test gets a new, empty one.
class WorkflowEngineCases : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(WorkflowEngineCases);
  CPPUNIT_TEST(testDeployingTheSagaDefinesVersionOne);
  CPPUNIT_TEST(testDuplicateFilteringDeploysNothingNew);
  CPPUNIT_TEST(testDeployingAgainWithoutFilteringMakesVersionTwo);
  CPPUNIT_TEST(testCompensationRunsEveryHandlerLatestFirstThenMovesOn);
  CPPUNIT_TEST(testCompensationWithActivityRefCompensatesOnlyThatTask);
  CPPUNIT_TEST(testJoiningParallelGatewayIsRefused);
  CPPUNIT_TEST(testUnparsableXmlIsRefused);
  CPPUNIT_TEST(testStartedSagaIsRunning);
  CPPUNIT_TEST(testLockedTaskCarriesWhatTheWorkerNeeds);
  CPPUNIT_TEST(testFetchReturnsOnlyRequestedVariables);
  CPPUNIT_TEST(testFetchFiltersByBusinessKey);
  CPPUNIT_TEST(testHappyPathEndsAtPublished);
  CPPUNIT_TEST(testHappyPathHistoryListsThePathInOrder);
  CPPUNIT_TEST(testErrorAtLockPricesOnlyRevertsTheOffering);
  CPPUNIT_TEST(testErrorAtValidateSpecificationsUnlocksPricesThenReverts);
  CPPUNIT_TEST(testInvalidSpecificationsUnlockPricesThenRevert);
  CPPUNIT_TEST(testErrorAtCreateStoreEntryUnlocksPricesThenReverts);
  CPPUNIT_TEST(testErrorAtConfirmPublicationUndoesEveryStepInReverse);
  CPPUNIT_TEST(testUncaughtBpmnErrorEndsTheToken);
  CPPUNIT_TEST(testGatewayWithoutItsVariableRefusesTheCompletion);
  CPPUNIT_TEST(testCompleteByAnotherWorkerIsRefused);
  CPPUNIT_TEST(testFailureByAnotherWorkerIsRefused);
  CPPUNIT_TEST(testBpmnErrorByAnotherWorkerIsRefused);
  CPPUNIT_TEST(testUnknownTaskIsNotFound);
  CPPUNIT_TEST(testExtendLockByOwnerMovesExpiration);
  CPPUNIT_TEST(testExtendLockByAnotherWorkerIsRefused);
  CPPUNIT_TEST(testExtendLockWithNegativeDurationIsRefused);
  CPPUNIT_TEST(testUnlockedTaskIsFetchableAtOnce);
  CPPUNIT_TEST(testExpiredLockIsHandedToAnotherWorker);
  CPPUNIT_TEST(testCompleteAfterLockWasTakenOverIsRefused);
  CPPUNIT_TEST(testOwnerMayCompleteAfterItsLockExpired);
  CPPUNIT_TEST(testLockByIdLocksForTheWorker);
  CPPUNIT_TEST(testLockByIdIsRefusedWhileAnotherWorkerHolds);
  CPPUNIT_TEST(testFailureWithRetriesHidesTaskUntilRetryTimeout);
  CPPUNIT_TEST(testFailureWithoutRetriesRaisesIncident);
  CPPUNIT_TEST(testSetRetriesResolvesIncident);
  CPPUNIT_TEST(testSetRetriesToZeroRaisesIncident);
  CPPUNIT_TEST(testErrorMessageIsCutTo666Characters);
  CPPUNIT_TEST(testParkedFetchAnswersWhenTaskIsCreated);
  CPPUNIT_TEST(testParkedFetchAnswersWhenLockExpires);
  CPPUNIT_TEST(testParkedFetchAnswersWhenRetryTimeoutExpires);
  CPPUNIT_TEST(testParkedFetchAnswersEmptyAfterItsWait);
  CPPUNIT_TEST(testShutdownReleasesParkedFetch);
  CPPUNIT_TEST(testSagaSurvivesEngineRestart);
  CPPUNIT_TEST(testConcurrentFetchesLockEveryTaskOnce);
  CPPUNIT_TEST(testUsePriorityFetchesHigherPriorityFirst);
  CPPUNIT_TEST(testWithoutUsePriorityCreationOrderRules);
  CPPUNIT_TEST(testUnknownVariableTypeIsRefused);
  CPPUNIT_TEST(testTypeNameFirstLetterIsCaseInsensitive);
  CPPUNIT_TEST(testJsonVariableRoundTripsAsString);
  CPPUNIT_TEST(testCompleteVariablesOverwriteEarlierOnes);
  CPPUNIT_TEST_SUITE_END_ABSTRACT();

 public:
  void setUp() override;
  void tearDown() override;

  // Deployment
  void testDeployingTheSagaDefinesVersionOne();
  void testDuplicateFilteringDeploysNothingNew();
  void testDeployingAgainWithoutFilteringMakesVersionTwo();
  void testCompensationRunsEveryHandlerLatestFirstThenMovesOn();
  void testCompensationWithActivityRefCompensatesOnlyThatTask();
  void testJoiningParallelGatewayIsRefused();
  void testUnparsableXmlIsRefused();

  // The publication saga
  void testStartedSagaIsRunning();
  void testLockedTaskCarriesWhatTheWorkerNeeds();
  void testFetchReturnsOnlyRequestedVariables();
  void testFetchFiltersByBusinessKey();
  void testHappyPathEndsAtPublished();
  void testHappyPathHistoryListsThePathInOrder();
  void testErrorAtLockPricesOnlyRevertsTheOffering();
  void testErrorAtValidateSpecificationsUnlocksPricesThenReverts();
  void testInvalidSpecificationsUnlockPricesThenRevert();
  void testErrorAtCreateStoreEntryUnlocksPricesThenReverts();
  void testErrorAtConfirmPublicationUndoesEveryStepInReverse();
  void testUncaughtBpmnErrorEndsTheToken();
  void testGatewayWithoutItsVariableRefusesTheCompletion();

  // Workers and locks
  void testCompleteByAnotherWorkerIsRefused();
  void testFailureByAnotherWorkerIsRefused();
  void testBpmnErrorByAnotherWorkerIsRefused();
  void testUnknownTaskIsNotFound();
  void testExtendLockByOwnerMovesExpiration();
  void testExtendLockByAnotherWorkerIsRefused();
  void testExtendLockWithNegativeDurationIsRefused();
  void testUnlockedTaskIsFetchableAtOnce();
  void testExpiredLockIsHandedToAnotherWorker();
  void testCompleteAfterLockWasTakenOverIsRefused();
  void testOwnerMayCompleteAfterItsLockExpired();
  void testLockByIdLocksForTheWorker();
  void testLockByIdIsRefusedWhileAnotherWorkerHolds();

  // Retries and incidents
  void testFailureWithRetriesHidesTaskUntilRetryTimeout();
  void testFailureWithoutRetriesRaisesIncident();
  void testSetRetriesResolvesIncident();
  void testSetRetriesToZeroRaisesIncident();
  void testErrorMessageIsCutTo666Characters();

  // Long polling
  void testParkedFetchAnswersWhenTaskIsCreated();
  void testParkedFetchAnswersWhenLockExpires();
  void testParkedFetchAnswersWhenRetryTimeoutExpires();
  void testParkedFetchAnswersEmptyAfterItsWait();
  void testShutdownReleasesParkedFetch();

  // Durability, concurrency, priority
  void testSagaSurvivesEngineRestart();
  void testConcurrentFetchesLockEveryTaskOnce();
  void testUsePriorityFetchesHigherPriorityFirst();
  void testWithoutUsePriorityCreationOrderRules();

  // Variables
  void testUnknownVariableTypeIsRefused();
  void testTypeNameFirstLetterIsCaseInsensitive();
  void testJsonVariableRoundTripsAsString();
  void testCompleteVariablesOverwriteEarlierOnes();

 protected:
  /// The URL of a new, empty database of the suite's dialect ("sqlite:…" or "postgresql://…").
  virtual std::string newDatabaseUrl() = 0;

 private:
  std::string url_;
  std::unique_ptr<WorkflowEngine> engine_;
};

}  // namespace catalog::host
