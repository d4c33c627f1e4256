#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "catalog/sdk/json.hpp"
#include "domain/measure.hpp"
#include "projection/source_entities.hpp"

namespace catalog::store {

/// One price of an entry, as searches filter and sort on it.
struct EntryPrice {
  std::string price_id;
  std::int64_t value_cents = 0;
  std::string currency;
};

/// One characteristic of an entry, as searches compare it.
struct EntryCharacteristic {
  std::string id;
  std::string name;
  std::string value;
  std::string unit;
  std::optional<double> number;    ///< when the value is a number
  std::optional<Measure> measure;  ///< when it is a number in a measurable unit
};

/// A store entry: the PublishedOffering document (SRS §3.2.5) of one offering, the facts
/// searches filter on, and the source entities it was built from.
struct StoreEntry {
  std::string offering_id;
  std::string saga_id;
  bool visible = false;  ///< the offering is PUBLISHED
  std::string name;
  std::string description;
  std::optional<std::string> published_at;
  sdk::Json document;
  std::vector<EntryPrice> prices;
  std::vector<EntryCharacteristic> characteristics;
  std::vector<std::string> channels;
  std::vector<std::pair<SourceKind, std::string>> sources;

  /// Characteristic names, values and units, for full-text search.
  std::string characteristicText() const;
};

/// An entity an entry needs is not among the store's copies (its event has not arrived yet)
/// or was deleted.
class SourceMissing : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Builds the entry of offering `offering_id` for saga `saga_id` from the copies. Throws
/// SourceMissing naming what is missing, or when the offering is not being published or
/// published.
StoreEntry buildEntry(const SourceEntities& copies, const std::string& offering_id,
                      const std::string& saga_id);

}  // namespace catalog::store
