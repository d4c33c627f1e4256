#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "catalog/sdk/amount.hpp"
#include "domain/currency.hpp"

namespace catalog::pricing {

using sdk::Amount;

/// What a client asks a price to be, validated: what POST creates and PUT replaces.
class PriceTerms {
 public:
  /// Trims `name` (1-200 characters) and `unit` (1-50 characters, free text such as
  /// "per month") as sdk::boundedText does; `currency` must be one of currencyCodes(), exactly.
  /// Throws sdk::ValidationError with details {"field"} (and {"allowed"} for the currency).
  static PriceTerms of(const std::string& name, Amount value, const std::string& unit,
                       const std::string& currency);
  /// Terms as stored; not validated again.
  static PriceTerms restore(std::string name, Amount value, std::string unit, Currency currency);

  const std::string& name() const noexcept { return name_; }
  const Amount& value() const noexcept { return value_; }
  const std::string& unit() const noexcept { return unit_; }
  Currency currency() const noexcept { return currency_; }

  bool operator==(const PriceTerms& other) const noexcept;

 private:
  PriceTerms(std::string name, Amount value, std::string unit, Currency currency)
      : name_(std::move(name)), value_(value), unit_(std::move(unit)), currency_(currency) {}

  std::string name_;
  Amount value_;
  std::string unit_;
  Currency currency_;
};

/// A price, e.g. Monthly Fee 49.99 USD per month (SRS §3.2.3). The aggregate root of the
/// commercial context: every change goes through it and bumps `version`. A publication saga
/// may lock it; while locked it can't be modified or deleted, and only that saga unlocks it.
class Price {
 public:
  /// A new, unlocked price at version 1.
  static Price create(std::string id, PriceTerms terms, const std::string& now);
  /// A price as stored; `locked_by_saga_id` is nullopt when unlocked.
  static Price restore(std::string id, PriceTerms terms,
                       std::optional<std::string> locked_by_saga_id, std::int64_t version,
                       std::string created_at, std::string updated_at);

  /// Replaces the terms (PUT is a full replacement) and bumps the version; returns false and
  /// changes nothing when they are what they were. Throws sdk::LockedError while locked.
  bool update(PriceTerms terms, const std::string& now);
  /// Locks the price for `saga_id` and bumps the version; returns false and changes nothing
  /// when that saga holds it already. Throws sdk::LockedError when another saga does.
  bool lockFor(const std::string& saga_id, const std::string& now);
  /// Unlocks the price `saga_id` holds and bumps the version. Throws sdk::ConflictError when
  /// that saga does not hold it (unlocked, or held by another).
  void unlockFor(const std::string& saga_id, const std::string& now);
  /// Throws sdk::LockedError, naming the holder, while a saga holds the price.
  void requireUnlocked() const;
  /// Throws sdk::ConflictError unless `saga_id` holds the price.
  void requireHeldBy(const std::string& saga_id) const;

  bool isLocked() const noexcept { return locked_by_saga_id_.has_value(); }
  bool isHeldBy(const std::string& saga_id) const noexcept { return locked_by_saga_id_ == saga_id; }
  /// The version its deletion will carry.
  std::int64_t deletionVersion() const noexcept { return version_ + 1; }

  const std::string& id() const noexcept { return id_; }
  const PriceTerms& terms() const noexcept { return terms_; }
  const std::string& name() const noexcept { return terms_.name(); }
  const Amount& value() const noexcept { return terms_.value(); }
  const std::string& unit() const noexcept { return terms_.unit(); }
  Currency currency() const noexcept { return terms_.currency(); }
  const std::optional<std::string>& lockedBySagaId() const noexcept { return locked_by_saga_id_; }
  std::int64_t version() const noexcept { return version_; }
  const std::string& createdAt() const noexcept { return created_at_; }
  const std::string& updatedAt() const noexcept { return updated_at_; }

 private:
  Price(std::string id, PriceTerms terms, std::optional<std::string> locked_by_saga_id,
        std::int64_t version, std::string created_at, std::string updated_at);
  void changed(const std::string& now);

  std::string id_;
  PriceTerms terms_;
  std::optional<std::string> locked_by_saga_id_;
  std::int64_t version_;
  std::string created_at_;
  std::string updated_at_;
};

/// Answers a compare-and-set on version `expected_version` of price `id` that wrote nothing
/// because another transaction got there first, from `current`, the price as it is now: throws
/// sdk::NotFoundError when it is gone, sdk::LockedError when a saga holds it, else a
/// stale-version sdk::ConflictError.
[[noreturn]] void throwOvertaken(const std::string& id, const std::optional<Price>& current,
                                 std::int64_t expected_version);

}  // namespace catalog::pricing
