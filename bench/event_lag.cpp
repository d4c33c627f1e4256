// event-lag: how long events took from their outbox to a subscriber's handler, from what the
// two databases recorded: the outbox row's created_at (written in the transaction that emits the
// event, just before it commits) and the subscriber's inbox row's processed_at (written as its
// handler starts, in the same transaction). Both come from this machine's clock, at whole
// milliseconds; the relay, the bus (in process or RabbitMQ) and the subscriber's queueing lie
// between them.
//
// Usage: event-lag --from=DB_URL --to=DB_URL --consumer=NAME [--event-type=TYPE] [--last=200]
//   --from      the publisher's database (sqlite:<file> or postgresql://…)
//   --to        the subscriber's database
//   --consumer  the subscription's consumer name in the subscriber's inbox
//   --last      how many of the newest events of --event-type to measure
// Prints one line of p50/p95/p99 in ms; exits 1 when an event has not reached the inbox.

#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "bench_client.hpp"
#include "storage/database.hpp"
#include "storage/transaction.hpp"

namespace {

using catalog::host::Database;
using catalog::host::Dialect;
using catalog::host::SqlResult;
using catalog::host::Transaction;

// Milliseconds since the epoch of a timestamp column, in the database's own dialect.
std::string epochMilliseconds(const Database& database, const std::string& column) {
  return database.dialect() == Dialect::PostgreSQL
             ? "CAST(EXTRACT(EPOCH FROM " + column + ") * 1000 AS DOUBLE PRECISION)"
             : "(julianday(" + column + ") - 2440587.5) * 86400000.0";
}

// libpq hands every value back as text.
double number(const catalog::host::SqlCell& cell) {
  return cell.type == CATALOG_VALUE_DOUBLE ? cell.real : std::stod(cell.text);
}

std::map<std::string, double> query(Database& database, const std::string& sql,
                                    const catalog_value& parameter) {
  Transaction tx(database, false);
  const SqlResult result = tx.execute(sql, {parameter}, true);
  tx.commit();
  std::map<std::string, double> times;
  for (const auto& row : result.rows) times[row[0].text] = number(row[1]);
  return times;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace catalog::bench;
  try {
    const auto from = Database::open(option(argc, argv, "from", ""));
    const auto to = Database::open(option(argc, argv, "to", ""));
    const std::string consumer = option(argc, argv, "consumer", "");
    const std::string type = option(argc, argv, "event-type", "OfferingPublished");
    const int last = std::stoi(option(argc, argv, "last", "200"));

    const std::map<std::string, double> committed =
        query(*from,
              "SELECT CAST(event_id AS TEXT), " + epochMilliseconds(*from, "created_at") +
                  " FROM catalog_outbox WHERE event_type = ? ORDER BY sequence DESC LIMIT " +
                  std::to_string(last),
              catalog::host::textParam(type));
    const std::map<std::string, double> handled =
        query(*to,
              "SELECT CAST(event_id AS TEXT), " + epochMilliseconds(*to, "processed_at") +
                  " FROM catalog_inbox WHERE consumer = ?",
              catalog::host::textParam(consumer));
    std::vector<double> lags;
    for (const auto& [event_id, at] : committed) {
      const auto it = handled.find(event_id);
      if (it == handled.end()) throw std::runtime_error("event " + event_id + " is not handled");
      lags.push_back(it->second - at);
    }
    printLatencies("commit -> " + consumer + " handler", lags);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "event-lag: " << e.what() << "\n";
    return 1;
  }
}
