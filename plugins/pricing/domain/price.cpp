#include "domain/price.hpp"

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/fields.hpp"

namespace catalog::pricing {
namespace {

constexpr std::size_t kMaxNameLength = 200;
constexpr std::size_t kMaxUnitLength = 50;

Currency validCurrency(const std::string& raw) {
  const auto currency = parseCurrency(raw);
  if (!currency) {
    throw sdk::ValidationError("Invalid currency '" + raw + "'",
                               {{"field", "currency"}, {"allowed", currencyCodes()}});
  }
  return *currency;
}

}  // namespace

PriceTerms PriceTerms::of(const std::string& name, Amount value, const std::string& unit,
                          const std::string& currency) {
  std::string valid_name = sdk::boundedText(name, "name", kMaxNameLength);
  std::string valid_unit = sdk::boundedText(unit, "unit", kMaxUnitLength);
  return PriceTerms(std::move(valid_name), value, std::move(valid_unit), validCurrency(currency));
}

PriceTerms PriceTerms::restore(std::string name, Amount value, std::string unit,
                               Currency currency) {
  return PriceTerms(std::move(name), value, std::move(unit), currency);
}

bool PriceTerms::operator==(const PriceTerms& other) const noexcept {
  return name_ == other.name_ && value_ == other.value_ && unit_ == other.unit_ &&
         currency_ == other.currency_;
}

Price::Price(std::string id, PriceTerms terms, std::optional<std::string> locked_by_saga_id,
             std::int64_t version, std::string created_at, std::string updated_at)
    : id_(std::move(id)),
      terms_(std::move(terms)),
      locked_by_saga_id_(std::move(locked_by_saga_id)),
      version_(version),
      created_at_(std::move(created_at)),
      updated_at_(std::move(updated_at)) {}

Price Price::create(std::string id, PriceTerms terms, const std::string& now) {
  return Price(std::move(id), std::move(terms), std::nullopt, 1, now, now);
}

Price Price::restore(std::string id, PriceTerms terms, std::optional<std::string> locked_by_saga_id,
                     std::int64_t version, std::string created_at, std::string updated_at) {
  return Price(std::move(id), std::move(terms), std::move(locked_by_saga_id), version,
               std::move(created_at), std::move(updated_at));
}

bool Price::update(PriceTerms terms, const std::string& now) {
  // SRS §9.3 rule 4: a locked price can't be modified, not even to what it already is.
  requireUnlocked();
  if (terms == terms_) return false;
  terms_ = std::move(terms);
  changed(now);
  return true;
}

bool Price::lockFor(const std::string& saga_id, const std::string& now) {
  if (isHeldBy(saga_id)) return false;  // a saga's retried step must succeed again
  requireUnlocked();
  locked_by_saga_id_ = saga_id;
  changed(now);
  return true;
}

void Price::unlockFor(const std::string& saga_id, const std::string& now) {
  requireHeldBy(saga_id);
  locked_by_saga_id_.reset();
  changed(now);
}

void Price::requireHeldBy(const std::string& saga_id) const {
  if (isHeldBy(saga_id)) return;
  throw sdk::ConflictError(
      "Price " + id_ + " is not locked by saga " + saga_id,
      {{"id", id_},
       {"saga_id", saga_id},
       {"locked_by_saga_id", locked_by_saga_id_ ? sdk::Json(*locked_by_saga_id_) : sdk::Json()}});
}

void Price::requireUnlocked() const {
  if (!locked_by_saga_id_) return;
  throw sdk::LockedError("Price " + id_ + " is locked by saga " + *locked_by_saga_id_,
                         {{"id", id_}, {"locked_by_saga_id", *locked_by_saga_id_}});
}

void Price::changed(const std::string& now) {
  ++version_;
  updated_at_ = now;
}

void throwOvertaken(const std::string& id, const std::optional<Price>& current,
                    std::int64_t expected_version) {
  if (!current) sdk::throwNotFound("price", id);
  current->requireUnlocked();
  sdk::throwStaleVersion("price", expected_version, current->version());
}

}  // namespace catalog::pricing
