#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace catalog::offering {

/// SRS §3.2.4: DRAFT → PUBLISHING → PUBLISHED → RETIRED, and PUBLISHING → DRAFT when the
/// publication saga fails.
enum class LifecycleStatus { Draft, Publishing, Published, Retired };

std::string toString(LifecycleStatus status);
std::optional<LifecycleStatus> parseLifecycleStatus(const std::string& text);

/// What a client asks an offering to be; validated when it becomes one. A draft may be partial:
/// only the name is required until publication.
struct OfferingDraft {
  std::string name;
  std::string description;
  std::vector<std::string> specification_ids;
  std::vector<std::string> pricing_ids;
  std::vector<std::string> sales_channels;
};

/// A product offering: specifications and prices sold through sales channels (SRS §3.2.4).
/// The aggregate root of the product context; every change goes through it, is checked
/// against the lifecycle, and bumps `version`.
class Offering {
 public:
  /// A new DRAFT at version 1. Throws sdk::ValidationError naming the bad field.
  static Offering create(std::string id, const OfferingDraft& draft, const std::string& now);
  /// An offering as stored; not validated again.
  struct Stored {
    std::string id;
    OfferingDraft draft;
    LifecycleStatus status = LifecycleStatus::Draft;
    std::optional<std::string> saga_id;
    std::optional<std::string> failure_reason;
    std::optional<std::string> published_at;
    std::optional<std::string> retired_at;
    std::int64_t version = 0;
    std::string created_at;
    std::string updated_at;
  };
  static Offering restore(Stored stored);

  /// Replaces the draft (PUT is a full replacement); false when nothing would change. Throws
  /// sdk::ValidationError, or sdk::ValidationError too when not a DRAFT (SRS: 400).
  bool update(const OfferingDraft& draft, const std::string& now);
  /// What is missing for publication (SRS §9.4 rule 2): empty when it may be published.
  std::vector<std::string> publicationGaps() const;
  /// DRAFT → PUBLISHING. Throws sdk::ConflictError when not a DRAFT, ValidationError listing
  /// the gaps when incomplete.
  void startPublishing(const std::string& now);
  /// Records the saga publishing it, unless recorded already (its steps may get there first);
  /// false when nothing changed.
  bool recordSaga(const std::string& saga_id, const std::string& now);
  /// PUBLISHING → PUBLISHED by `saga_id`; false when already PUBLISHED (a redelivered step).
  /// Throws sdk::ConflictError when another saga publishes it (a stale saga then compensates).
  bool confirmPublication(const std::string& saga_id, const std::string& now);
  /// PUBLISHING → DRAFT with the reason; false when already back in DRAFT or when another saga
  /// than `saga_id` publishes it. `saga_id` is empty when no saga started.
  bool revertToDraft(const std::string& saga_id, const std::string& reason, const std::string& now);
  /// PUBLISHED → RETIRED. Throws sdk::ConflictError from any other state.
  void retire(const std::string& now);
  /// Throws sdk::ValidationError unless a DRAFT (PUBLISHED and RETIRED offerings are kept).
  void requireDeletable() const;
  std::int64_t deletionVersion() const noexcept { return stored_.version + 1; }

  const std::string& id() const noexcept { return stored_.id; }
  const std::string& name() const noexcept { return stored_.draft.name; }
  const OfferingDraft& draft() const noexcept { return stored_.draft; }
  LifecycleStatus status() const noexcept { return stored_.status; }
  const Stored& stored() const noexcept { return stored_; }
  std::int64_t version() const noexcept { return stored_.version; }

 private:
  explicit Offering(Stored stored) : stored_(std::move(stored)) {}
  void changed(const std::string& now);

  Stored stored_;
};

}  // namespace catalog::offering
