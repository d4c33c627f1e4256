#include "storage/price_repository.hpp"

#include <stdexcept>

#include "catalog/sdk/entities.hpp"
#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/ids.hpp"

namespace catalog::pricing {
namespace {

constexpr const char* kColumns =
    "id, name, value_cents, unit, currency, locked_by_saga_id, version, created_at, updated_at";

Price fromRow(const sdk::Row& row) {
  const auto currency = parseCurrency(row.text("currency"));
  if (!currency)
    throw std::runtime_error("stored price has unknown currency " + row.text("currency"));
  return Price::restore(
      row.text("id"),
      PriceTerms::restore(row.text("name"), Amount::fromMinorUnits(row.int64("value_cents")),
                          row.text("unit"), *currency),
      row.optionalText("locked_by_saga_id"), row.int64("version"), row.text("created_at"),
      row.text("updated_at"));
}

std::vector<Price> fromRows(const sdk::Rows& rows) {
  std::vector<Price> result;
  result.reserve(rows.size());
  for (const sdk::Row& row : rows) result.push_back(fromRow(row));
  return result;
}

std::string select(const std::string& rest) {
  return std::string("SELECT ") + kColumns + " FROM prices " + rest;
}

}  // namespace

std::optional<Price> PriceRepository::find(const std::string& id) {
  const sdk::Rows rows = tx_.query(select("WHERE id = ?"), {id});
  if (rows.empty()) return std::nullopt;
  return fromRow(rows[0]);
}

Price PriceRepository::require(std::string_view raw_id) {
  return sdk::requireFound("price", raw_id, [this](const std::string& id) { return find(id); });
}

std::vector<Price> PriceRepository::findAll(const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  const std::vector<sdk::Value> params(ids.begin(), ids.end());
  return fromRows(tx_.query(
      select("WHERE id IN (" + sdk::placeholders(ids.size()) + ") ORDER BY lower(name), id"),
      params));
}

std::vector<Price> PriceRepository::heldBy(const std::string& saga_id) {
  return fromRows(tx_.query(select("WHERE locked_by_saga_id = ? ORDER BY id"), {saga_id}));
}

std::optional<std::string> PriceRepository::idOfName(const std::string& name) {
  const sdk::Rows rows = tx_.query("SELECT id FROM prices WHERE lower(name) = lower(?)", {name});
  if (rows.empty()) return std::nullopt;
  return rows[0].text("id");
}

void PriceRepository::insert(const Price& p) {
  tx_.execute(
      std::string("INSERT INTO prices (") + kColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {p.id(), p.name(), p.value().minorUnits(), p.unit(), toString(p.currency()),
       p.lockedBySagaId(), p.version(), p.createdAt(), p.updatedAt()});
}

bool PriceRepository::update(const Price& p, std::int64_t expected_version) {
  return tx_.execute(
             "UPDATE prices SET name = ?, value_cents = ?, unit = ?, currency = ?,"
             " locked_by_saga_id = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?",
             {p.name(), p.value().minorUnits(), p.unit(), toString(p.currency()),
              p.lockedBySagaId(), p.version(), p.updatedAt(), p.id(), expected_version}) == 1;
}

bool PriceRepository::remove(const std::string& id, std::int64_t expected_version) {
  return tx_.execute("DELETE FROM prices WHERE id = ? AND version = ?", {id, expected_version}) ==
         1;
}

std::int64_t PriceRepository::count() {
  return tx_.query("SELECT COUNT(*) AS n FROM prices")[0].int64("n");
}

std::vector<Price> PriceRepository::list(std::int64_t offset, std::int64_t limit,
                                         const sdk::ListOrder& order) {
  return fromRows(tx_.query(select(order.sql() + " LIMIT ? OFFSET ?"), {limit, offset}));
}

}  // namespace catalog::pricing
