#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace catalog::specification {

/// What a client asks a specification to be; validated when it becomes one.
struct SpecificationDraft {
  std::string name;
  std::vector<std::string> characteristic_ids;
};

/// Why a specification may not be published: a characteristic it lists has gone.
struct InvalidReason {
  std::string characteristic_id;
  std::string reason;
};

/// A technical specification: a named, ordered set of characteristics (SRS §3.2.2). The
/// aggregate root of its context: every change goes through it, validated, and bumps `version`.
///
/// Whether the listed characteristics exist is not the aggregate's to know; the caller checks
/// them against the characteristic cache before create() or update(). A characteristic deleted
/// afterwards (a race the characteristic context can't see yet) leaves the specification
/// invalid, with the reason, until a replacement lists only existing characteristics.
class Specification {
 public:
  /// A new specification at version 1. Throws sdk::ValidationError naming the bad field.
  static Specification create(std::string id, const SpecificationDraft& draft,
                              const std::string& now);
  /// A specification as stored; not validated again.
  static Specification restore(std::string id, std::string name,
                               std::vector<std::string> characteristic_ids,
                               std::vector<InvalidReason> invalid_reasons, std::int64_t version,
                               std::string created_at, std::string updated_at);

  /// Replaces name and characteristics (PUT is a full replacement), which makes it valid again,
  /// and bumps the version; returns false and changes nothing when nothing would change.
  /// Throws sdk::ValidationError.
  bool update(const SpecificationDraft& draft, const std::string& now);
  /// Records that a listed characteristic was deleted; false when it isn't listed or was
  /// already recorded.
  bool characteristicDeleted(const std::string& characteristic_id, const std::string& reason,
                             const std::string& now);
  /// The version its deletion will carry.
  std::int64_t deletionVersion() const noexcept { return version_ + 1; }

  bool valid() const noexcept { return invalid_reasons_.empty(); }

  const std::string& id() const noexcept { return id_; }
  const std::string& name() const noexcept { return name_; }
  const std::vector<std::string>& characteristicIds() const noexcept { return characteristic_ids_; }
  const std::vector<InvalidReason>& invalidReasons() const noexcept { return invalid_reasons_; }
  std::int64_t version() const noexcept { return version_; }
  const std::string& createdAt() const noexcept { return created_at_; }
  const std::string& updatedAt() const noexcept { return updated_at_; }

 private:
  Specification() = default;
  void assign(const SpecificationDraft& draft);
  void touch(const std::string& now);

  std::string id_;
  std::string name_;
  std::vector<std::string> characteristic_ids_;
  std::vector<InvalidReason> invalid_reasons_;
  std::int64_t version_ = 0;
  std::string created_at_;
  std::string updated_at_;
};

}  // namespace catalog::specification
