#include "storage/offering_repository.hpp"

#include <map>
#include <stdexcept>

namespace catalog::offering {
namespace {

constexpr const char* kColumns =
    "id, name, description, lifecycle_status, saga_id, failure_reason, published_at, retired_at,"
    " version, created_at, updated_at";

std::string select(const std::string& where) {
  return std::string("SELECT ") + kColumns + " FROM product_offerings " + where;
}

std::string statusFilter(std::optional<LifecycleStatus> status) {
  return status ? "WHERE lifecycle_status = ? " : "";
}

}  // namespace

std::optional<Offering> OfferingRepository::find(const std::string& id) {
  auto found = withItems(tx_.query(select("WHERE id = ?"), {id}));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<Offering> OfferingRepository::findAll(const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  const std::vector<sdk::Value> params(ids.begin(), ids.end());
  return withItems(tx_.query(
      select("WHERE id IN (" + sdk::placeholders(ids.size()) + ") ORDER BY lower(name), id"),
      params));
}

std::vector<Offering> OfferingRepository::publishingWithoutSaga() {
  return withItems(
      tx_.query(select("WHERE lifecycle_status = 'PUBLISHING' AND saga_id IS NULL ORDER BY id")));
}

void OfferingRepository::insert(const Offering& o) {
  const Offering::Stored& s = o.stored();
  tx_.execute(
      std::string("INSERT INTO product_offerings (") + kColumns +
          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {s.id, s.draft.name, s.draft.description, toString(s.status), s.saga_id, s.failure_reason,
       s.published_at, s.retired_at, s.version, s.created_at, s.updated_at});
  insertItems(o);
}

bool OfferingRepository::update(const Offering& o, std::int64_t expected_version) {
  const Offering::Stored& s = o.stored();
  const bool written =
      tx_.execute(
          "UPDATE product_offerings SET name = ?, description = ?, lifecycle_status = ?,"
          " saga_id = ?, failure_reason = ?, published_at = ?, retired_at = ?, version = ?,"
          " updated_at = ? WHERE id = ? AND version = ?",
          {s.draft.name, s.draft.description, toString(s.status), s.saga_id, s.failure_reason,
           s.published_at, s.retired_at, s.version, s.updated_at, s.id, expected_version}) == 1;
  if (!written) return false;
  tx_.execute("DELETE FROM offering_items WHERE offering_id = ?", {s.id});
  insertItems(o);
  return true;
}

bool OfferingRepository::remove(const std::string& id, std::int64_t expected_version) {
  if (tx_.execute("DELETE FROM product_offerings WHERE id = ? AND version = ?",
                  {id, expected_version}) != 1)
    return false;
  tx_.execute("DELETE FROM offering_items WHERE offering_id = ?", {id});
  return true;
}

std::int64_t OfferingRepository::count(std::optional<LifecycleStatus> status) {
  const std::string sql = "SELECT COUNT(*) AS n FROM product_offerings " + statusFilter(status);
  return (status ? tx_.query(sql, {toString(*status)}) : tx_.query(sql))[0].int64("n");
}

std::vector<Offering> OfferingRepository::list(std::optional<LifecycleStatus> status,
                                               std::int64_t offset, std::int64_t limit,
                                               const sdk::ListOrder& order) {
  std::vector<sdk::Value> params;
  if (status) params.emplace_back(toString(*status));
  params.emplace_back(limit);
  params.emplace_back(offset);
  return withItems(
      tx_.query(select(statusFilter(status) + order.sql() + " LIMIT ? OFFSET ?"), params));
}

// One query for the items of any number of offerings.
std::vector<Offering> OfferingRepository::withItems(const sdk::Rows& rows) {
  if (rows.empty()) return {};
  std::vector<sdk::Value> ids;
  for (const sdk::Row& row : rows) ids.emplace_back(row.text("id"));
  std::map<std::string, OfferingDraft> drafts;
  for (const sdk::Row& row :
       tx_.query("SELECT offering_id, kind, value FROM offering_items WHERE offering_id IN (" +
                     sdk::placeholders(ids.size()) + ") ORDER BY offering_id, kind, position",
                 ids)) {
    OfferingDraft& draft = drafts[row.text("offering_id")];
    const std::string kind = row.text("kind");
    auto& list = kind == "specification" ? draft.specification_ids
                 : kind == "pricing"     ? draft.pricing_ids
                                         : draft.sales_channels;
    list.push_back(row.text("value"));
  }
  std::vector<Offering> result;
  result.reserve(rows.size());
  for (const sdk::Row& row : rows) {
    Offering::Stored s;
    s.id = row.text("id");
    s.draft = std::move(drafts[s.id]);
    s.draft.name = row.text("name");
    s.draft.description = row.text("description");
    const auto status = parseLifecycleStatus(row.text("lifecycle_status"));
    if (!status)
      throw std::runtime_error("stored offering has unknown status " +
                               row.text("lifecycle_status"));
    s.status = *status;
    s.saga_id = row.optionalText("saga_id");
    s.failure_reason = row.optionalText("failure_reason");
    s.published_at = row.optionalText("published_at");
    s.retired_at = row.optionalText("retired_at");
    s.version = row.int64("version");
    s.created_at = row.text("created_at");
    s.updated_at = row.text("updated_at");
    result.push_back(Offering::restore(std::move(s)));
  }
  return result;
}

void OfferingRepository::insertItems(const Offering& o) {
  const OfferingDraft& d = o.draft();
  const auto insert = [&](const char* kind, const std::vector<std::string>& values) {
    std::int64_t position = 0;
    for (const std::string& value : values) {
      tx_.execute(
          "INSERT INTO offering_items (offering_id, kind, position, value) VALUES (?, ?, ?, ?)",
          {o.id(), kind, position++, value});
    }
  };
  insert("specification", d.specification_ids);
  insert("pricing", d.pricing_ids);
  insert("channel", d.sales_channels);
}

}  // namespace catalog::offering
