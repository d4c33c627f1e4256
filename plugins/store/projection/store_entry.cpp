#include "projection/store_entry.hpp"

#include "catalog/sdk/amount.hpp"

namespace catalog::store {
namespace {

using sdk::Json;

// The live copy of `id`, or SourceMissing naming it.
SourceEntity required(const SourceEntities& copies, SourceKind kind, const std::string& id) {
  auto copy = copies.find(kind, id);
  if (!copy) {
    throw SourceMissing(std::string(toString(kind)) + " " + id + " has not reached the store yet");
  }
  if (copy->deleted) throw SourceMissing(std::string(toString(kind)) + " " + id + " was deleted");
  return std::move(*copy);
}

std::vector<std::string> idsOf(const Json& data, const char* field) {
  std::vector<std::string> ids;
  for (const Json& id : data.value(field, Json::array()))
    if (id.is_string()) ids.push_back(id);
  return ids;
}

}  // namespace

std::string StoreEntry::characteristicText() const {
  std::string text;
  for (const EntryCharacteristic& c : characteristics)
    text += c.name + " " + c.value + (c.unit == "None" ? "" : " " + c.unit) + "\n";
  return text;
}

StoreEntry buildEntry(const SourceEntities& copies, const std::string& offering_id,
                      const std::string& saga_id) {
  const SourceEntity offering = required(copies, SourceKind::Offering, offering_id);
  const Json& o = offering.data;
  const std::string status = o.value("lifecycle_status", "");
  if (status != "PUBLISHING" && status != "PUBLISHED")
    throw SourceMissing("offering " + offering_id + " is " + status + ", not being published");

  StoreEntry entry;
  entry.offering_id = offering_id;
  entry.saga_id = saga_id;
  entry.visible = status == "PUBLISHED";
  entry.name = o.value("name", "");
  entry.description = o.value("description", Json()).is_string() ? o["description"] : Json("");
  if (o.value("published_at", Json()).is_string()) entry.published_at = o["published_at"];
  entry.channels = idsOf(o, "sales_channels");
  entry.sources.emplace_back(SourceKind::Offering, offering_id);

  Json specifications = Json::array();
  for (const std::string& specification_id : idsOf(o, "specification_ids")) {
    const SourceEntity specification =
        required(copies, SourceKind::Specification, specification_id);
    entry.sources.emplace_back(SourceKind::Specification, specification_id);
    Json characteristics = Json::array();
    for (const std::string& characteristic_id : idsOf(specification.data, "characteristic_ids")) {
      const Json c = required(copies, SourceKind::Characteristic, characteristic_id).data;
      entry.sources.emplace_back(SourceKind::Characteristic, characteristic_id);
      EntryCharacteristic fact{characteristic_id,    c.value("name", ""),
                               c.value("value", ""), c.value("unit_of_measure", "None"),
                               std::nullopt,         std::nullopt};
      fact.number = decimalOf(fact.value);
      fact.measure = measureOf(fact.value, fact.unit);
      characteristics.push_back(
          {{"id", fact.id}, {"name", fact.name}, {"value", fact.value}, {"unit", fact.unit}});
      entry.characteristics.push_back(std::move(fact));
    }
    specifications.push_back({{"id", specification_id},
                              {"name", specification.data.value("name", "")},
                              {"characteristics", std::move(characteristics)}});
  }

  Json pricing = Json::array();
  for (const std::string& price_id : idsOf(o, "pricing_ids")) {
    const Json p = required(copies, SourceKind::Price, price_id).data;
    entry.sources.emplace_back(SourceKind::Price, price_id);
    const sdk::Amount amount = sdk::Amount::fromJson(p.value("value", Json()));
    entry.prices.push_back({price_id, amount.minorUnits(), p.value("currency", "")});
    pricing.push_back({{"id", price_id},
                       {"name", p.value("name", "")},
                       {"value", amount.toString()},
                       {"currency", p.value("currency", "")},
                       {"unit", p.value("unit", "")}});
  }

  entry.document = {{"id", offering_id},
                    {"name", entry.name},
                    {"description", entry.description},
                    {"specifications", std::move(specifications)},
                    {"pricing", std::move(pricing)},
                    {"sales_channels", entry.channels},
                    {"published_at", entry.published_at ? Json(*entry.published_at) : Json()},
                    {"lifecycle_status", status}};
  return entry;
}

}  // namespace catalog::store
