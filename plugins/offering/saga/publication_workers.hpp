#pragma once

#include "catalog/sdk/plugin.hpp"

namespace catalog::offering {

/// The offering's steps of the publication saga: confirm-publication (PUBLISHING → PUBLISHED,
/// OfferingPublished) and its compensation revert-offering-to-draft (PUBLISHING → DRAFT with
/// the saga's failureReason, OfferingPublicationFailed). Both are idempotent: a task handed out
/// again after a crash finds the offering already moved and completes.
void addPublicationWorkers(sdk::Plugin& plugin);

}  // namespace catalog::offering
