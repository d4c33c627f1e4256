#include "storage/specification_repository.hpp"

#include <map>

namespace catalog::specification {
namespace {

constexpr const char* kColumns = "id, name, version, created_at, updated_at";

std::string select(const std::string& where) {
  return std::string("SELECT ") + kColumns + " FROM specifications " + where;
}

}  // namespace

std::optional<Specification> SpecificationRepository::find(const std::string& id) {
  auto found = withChildren(tx_.query(select("WHERE id = ?"), {id}));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<Specification> SpecificationRepository::findAll(const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  const std::vector<sdk::Value> params(ids.begin(), ids.end());
  return withChildren(tx_.query(
      select("WHERE id IN (" + sdk::placeholders(ids.size()) + ") ORDER BY lower(name), id"),
      params));
}

std::vector<Specification> SpecificationRepository::listing(const std::string& characteristic_id) {
  return withChildren(tx_.query(select("WHERE id IN (SELECT specification_id FROM"
                                       " specification_characteristics WHERE characteristic_id = ?)"
                                       " ORDER BY id"),
                                {characteristic_id}));
}

std::optional<std::string> SpecificationRepository::idOfName(const std::string& name) {
  const sdk::Rows rows =
      tx_.query("SELECT id FROM specifications WHERE lower(name) = lower(?)", {name});
  if (rows.empty()) return std::nullopt;
  return rows[0].text("id");
}

void SpecificationRepository::insert(const Specification& s) {
  tx_.execute(std::string("INSERT INTO specifications (") + kColumns + ") VALUES (?, ?, ?, ?, ?)",
              {s.id(), s.name(), s.version(), s.createdAt(), s.updatedAt()});
  insertChildren(s);
}

bool SpecificationRepository::update(const Specification& s, std::int64_t expected_version) {
  const bool written =
      tx_.execute(
          "UPDATE specifications SET name = ?, version = ?, updated_at = ? WHERE id = ? AND "
          "version = ?",
          {s.name(), s.version(), s.updatedAt(), s.id(), expected_version}) == 1;
  if (!written) return false;
  removeChildren(s.id());
  insertChildren(s);
  return true;
}

bool SpecificationRepository::remove(const std::string& id) {
  removeChildren(id);
  return tx_.execute("DELETE FROM specifications WHERE id = ?", {id}) == 1;
}

std::int64_t SpecificationRepository::count() {
  return tx_.query("SELECT COUNT(*) AS n FROM specifications")[0].int64("n");
}

std::vector<Specification> SpecificationRepository::list(std::int64_t offset, std::int64_t limit,
                                                         const sdk::ListOrder& order) {
  return withChildren(tx_.query(select(order.sql() + " LIMIT ? OFFSET ?"), {limit, offset}));
}

// Two queries for any number of specifications, not two per specification.
std::vector<Specification> SpecificationRepository::withChildren(const sdk::Rows& rows) {
  if (rows.empty()) return {};
  std::vector<sdk::Value> ids;
  for (const sdk::Row& row : rows) ids.emplace_back(row.text("id"));
  const std::string in = " IN (" + sdk::placeholders(ids.size()) + ")";

  std::map<std::string, std::vector<std::string>> characteristics;
  for (const sdk::Row& row :
       tx_.query("SELECT specification_id, characteristic_id FROM specification_characteristics"
                 " WHERE specification_id" +
                     in + " ORDER BY specification_id, position",
                 ids)) {
    characteristics[row.text("specification_id")].push_back(row.text("characteristic_id"));
  }
  std::map<std::string, std::vector<InvalidReason>> reasons;
  for (const sdk::Row& row :
       tx_.query("SELECT specification_id, characteristic_id, reason FROM specification_problems"
                 " WHERE specification_id" +
                     in + " ORDER BY specification_id, position",
                 ids)) {
    reasons[row.text("specification_id")].push_back(
        {row.text("characteristic_id"), row.text("reason")});
  }

  std::vector<Specification> result;
  result.reserve(rows.size());
  for (const sdk::Row& row : rows) {
    const std::string id = row.text("id");
    result.push_back(Specification::restore(id, row.text("name"), std::move(characteristics[id]),
                                            std::move(reasons[id]), row.int64("version"),
                                            row.text("created_at"), row.text("updated_at")));
  }
  return result;
}

void SpecificationRepository::insertChildren(const Specification& s) {
  std::int64_t position = 0;
  for (const std::string& characteristic_id : s.characteristicIds()) {
    tx_.execute(
        "INSERT INTO specification_characteristics (specification_id, position, "
        "characteristic_id) VALUES (?, ?, ?)",
        {s.id(), position++, characteristic_id});
  }
  position = 0;
  for (const InvalidReason& reason : s.invalidReasons()) {
    tx_.execute(
        "INSERT INTO specification_problems (specification_id, position, characteristic_id, "
        "reason) VALUES (?, ?, ?, ?)",
        {s.id(), position++, reason.characteristic_id, reason.reason});
  }
}

void SpecificationRepository::removeChildren(const std::string& id) {
  tx_.execute("DELETE FROM specification_characteristics WHERE specification_id = ?", {id});
  tx_.execute("DELETE FROM specification_problems WHERE specification_id = ?", {id});
}

}  // namespace catalog::specification
