#include "storage/characteristic_repository.hpp"

#include <stdexcept>

namespace catalog::characteristic {
namespace {

constexpr const char* kColumns =
    "id, name, value, unit_of_measure, version, created_at, updated_at";

Characteristic fromRow(const sdk::Row& row) {
  const auto unit = parseUnitOfMeasure(row.text("unit_of_measure"));
  if (!unit)
    throw std::runtime_error("stored characteristic has unknown unit " +
                             row.text("unit_of_measure"));
  return Characteristic::restore(row.text("id"), row.text("name"), row.text("value"), *unit,
                                 row.int64("version"), row.text("created_at"),
                                 row.text("updated_at"));
}

std::vector<Characteristic> fromRows(const sdk::Rows& rows) {
  std::vector<Characteristic> result;
  result.reserve(rows.size());
  for (const sdk::Row& row : rows) result.push_back(fromRow(row));
  return result;
}

}  // namespace

std::optional<Characteristic> CharacteristicRepository::find(const std::string& id) {
  const sdk::Rows rows =
      tx_.query(std::string("SELECT ") + kColumns + " FROM characteristics WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return fromRow(rows[0]);
}

std::vector<Characteristic> CharacteristicRepository::findAll(const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  const std::vector<sdk::Value> params(ids.begin(), ids.end());
  return fromRows(tx_.query(std::string("SELECT ") + kColumns +
                                " FROM characteristics WHERE id IN (" +
                                sdk::placeholders(ids.size()) + ") ORDER BY lower(name), id",
                            params));
}

std::optional<std::string> CharacteristicRepository::idOfName(const std::string& name) {
  const sdk::Rows rows =
      tx_.query("SELECT id FROM characteristics WHERE lower(name) = lower(?)", {name});
  if (rows.empty()) return std::nullopt;
  return rows[0].text("id");
}

void CharacteristicRepository::insert(const Characteristic& c) {
  tx_.execute(
      std::string("INSERT INTO characteristics (") + kColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
      {c.id(), c.name(), c.value(), toString(c.unit()), c.version(), c.createdAt(), c.updatedAt()});
}

bool CharacteristicRepository::update(const Characteristic& c, std::int64_t expected_version) {
  return tx_.execute(
             "UPDATE characteristics SET name = ?, value = ?, unit_of_measure = ?, version = ?,"
             " updated_at = ? WHERE id = ? AND version = ?",
             {c.name(), c.value(), toString(c.unit()), c.version(), c.updatedAt(), c.id(),
              expected_version}) == 1;
}

bool CharacteristicRepository::remove(const std::string& id) {
  return tx_.execute("DELETE FROM characteristics WHERE id = ?", {id}) == 1;
}

std::int64_t CharacteristicRepository::count() {
  return tx_.query("SELECT COUNT(*) AS n FROM characteristics")[0].int64("n");
}

std::vector<Characteristic> CharacteristicRepository::list(std::int64_t offset, std::int64_t limit,
                                                           const sdk::ListOrder& order) {
  const sdk::Rows rows = tx_.query(std::string("SELECT ") + kColumns + " FROM characteristics " +
                                       order.sql() + " LIMIT ? OFFSET ?",
                                   {limit, offset});
  return fromRows(rows);
}

}  // namespace catalog::characteristic
