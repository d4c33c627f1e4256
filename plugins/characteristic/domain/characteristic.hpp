#pragma once

#include <cstdint>
#include <string>

#include "domain/unit_of_measure.hpp"

namespace catalog::characteristic {

/// What a client asks a characteristic to be; validated when it becomes one.
struct CharacteristicSpec {
  std::string name;
  std::string value;
  std::string unit_of_measure;
};

/// An atomic product attribute, e.g. Speed 100 Mbps (SRS §3.2.1). The aggregate root of its
/// context: every change goes through it, validated, and bumps `version`.
class Characteristic {
 public:
  /// A new characteristic at version 1. Throws sdk::ValidationError naming the bad field.
  static Characteristic create(std::string id, const CharacteristicSpec& spec,
                               const std::string& now);
  /// A characteristic as stored; not validated again.
  static Characteristic restore(std::string id, std::string name, std::string value,
                                UnitOfMeasure unit, std::int64_t version, std::string created_at,
                                std::string updated_at);

  /// Replaces name, value and unit (PUT is a full replacement) and bumps the version; returns
  /// false and changes nothing when they are what they were. Throws sdk::ValidationError.
  bool update(const CharacteristicSpec& spec, const std::string& now);
  /// The version its deletion will carry.
  std::int64_t deletionVersion() const noexcept { return version_ + 1; }

  const std::string& id() const noexcept { return id_; }
  const std::string& name() const noexcept { return name_; }
  const std::string& value() const noexcept { return value_; }
  UnitOfMeasure unit() const noexcept { return unit_; }
  std::int64_t version() const noexcept { return version_; }
  const std::string& createdAt() const noexcept { return created_at_; }
  const std::string& updatedAt() const noexcept { return updated_at_; }

 private:
  Characteristic() = default;
  void assign(const CharacteristicSpec& spec);
  bool sameAs(const Characteristic& other) const;

  std::string id_;
  std::string name_;
  std::string value_;
  UnitOfMeasure unit_ = UnitOfMeasure::None;
  std::int64_t version_ = 0;
  std::string created_at_;
  std::string updated_at_;
};

}  // namespace catalog::characteristic
