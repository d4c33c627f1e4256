#include "saga/publication_saga.hpp"

namespace catalog::offering {

const std::vector<SagaStep>& sagaSteps() {
  static const std::vector<SagaStep> steps = {
      {"lock-prices", "Task_LockPrices", false, "Task_UnlockPrices"},
      {"validate-specifications", "Task_ValidateSpecifications", false, nullptr},
      {"create-store-entry", "Task_CreateStoreEntry", false, "Task_DeleteStoreEntry"},
      {"confirm-publication", "Task_ConfirmPublication", false, nullptr},
      {"unlock-prices", "Task_ReleasePrices", false, nullptr},
      {"delete-store-entry", "Task_DeleteStoreEntry", true, nullptr},
      {"unlock-prices", "Task_UnlockPrices", true, nullptr},
      {"revert-offering-to-draft", "Task_RevertOfferingToDraft", true, nullptr},
  };
  return steps;
}

}  // namespace catalog::offering
