#pragma once

#include <string>
#include <vector>

namespace catalog::offering {

/// The publication saga (bpmn/offering-publication-saga.bpmn, SRS §7.1), compiled into this
/// plugin and deployed by it at start.
inline constexpr const char* kPublicationProcess = "offering-publication-saga";
extern const char* const kPublicationSagaBpmn;

/// One step of the saga as the publication view shows it.
struct SagaStep {
  const char* topic;
  const char* activity_id;  ///< its service task in the BPMN file
  bool compensation;        ///< an undo step
  const char* undone_by;    ///< the activity id of the step that undoes it, or nullptr
};

/// The steps in the order they run: forward first, then the undo chain. Topic unlock-prices
/// runs twice: forward, to release the prices once the offering is published, and as an undo.
const std::vector<SagaStep>& sagaSteps();

}  // namespace catalog::offering
