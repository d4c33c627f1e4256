#include "outbox/outbox_relay.hpp"

#include <algorithm>
#include <vector>

#include "catalog/sdk/ids.hpp"
#include "observability/log.hpp"
#include "observability/observability.hpp"
#include "observability/tracing/span.hpp"
#include "storage/transaction.hpp"

namespace catalog::host {
namespace {

constexpr int kBatchSize = 100;

// SQLite hands COUNT(*) and untyped columns back as text.
std::int64_t integerOf(const SqlCell& cell) {
  return cell.type == CATALOG_VALUE_INT64 ? cell.int64 : std::stoll(cell.text);
}

struct DueEvent {
  std::int64_t sequence;
  std::string topic;
  std::string envelope;
  std::int64_t attempts;
  std::string trace_parent;
};

// The due events, in order of writing. On PostgreSQL, where the instances of a plugin share its
// database, they are claimed for `lease`: every other relay skips them until the claim lapses
// (and skips the rows another relay is claiming right now), so two relays never send one event
// at once. A SQLite file has one process, whose relay alone reads it: no claim, no extra write.
std::vector<DueEvent> takeDue(Database& database, std::chrono::milliseconds lease) {
  const bool claim = database.dialect() == Dialect::PostgreSQL;
  const std::string now = sdk::utcNow();
  const std::string limit = " ORDER BY sequence LIMIT " + std::to_string(kBatchSize);
  Transaction tx(database, claim);
  const SqlResult result =
      claim ? tx.execute(
                  "UPDATE catalog_outbox SET claimed_until = ? WHERE sequence IN (SELECT"
                  " sequence FROM catalog_outbox WHERE status = 'PENDING' AND"
                  " next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)" +
                      limit +
                      " FOR UPDATE SKIP LOCKED)"
                      " RETURNING sequence, topic, envelope, attempts, trace_parent",
                  {textParam(sdk::utcAfter(lease)), textParam(now), textParam(now)}, true)
            : tx.execute(
                  "SELECT sequence, topic, envelope, attempts, trace_parent FROM catalog_outbox"
                  " WHERE status = 'PENDING' AND next_attempt_at <= ?" +
                      limit,
                  {textParam(now)}, true);
  tx.commit();
  std::vector<DueEvent> due;
  for (const auto& row : result.rows) {
    due.push_back({integerOf(row[0]), row[1].text, row[2].text, integerOf(row[3]), row[4].text});
  }
  std::sort(due.begin(), due.end(),
            [](const DueEvent& a, const DueEvent& b) { return a.sequence < b.sequence; });
  return due;
}

}  // namespace

OutboxRelay::OutboxRelay(std::string name, Database& database, EventBus& bus, RelayPolicy policy,
                         Observability& observability, Poco::Logger& logger)
    : name_(std::move(name)),
      database_(database),
      bus_(bus),
      policy_(policy),
      observability_(observability),
      logger_(logger) {
  thread_.setName("relay-" + name_);
}

OutboxRelay::~OutboxRelay() { stop(); }

void OutboxRelay::start() {
  running_ = true;
  thread_.start(*this);
}

void OutboxRelay::stop() {
  if (!running_.exchange(false)) return;
  wake_.set();
  thread_.join();
}

// While the database fails (a restart breaks the pooled connections too), the relay tries
// again soon, backing off up to the poll interval, instead of waiting for a wake-up.
void OutboxRelay::run() {
  auto retry = policy_.first_backoff;
  while (running_) {
    int handled = 0;
    auto pause = policy_.poll_interval;
    try {
      handled = relayDue();
      retry = policy_.first_backoff;
    } catch (const std::exception& e) {
      log(logger_, Poco::Message::PRIO_WARNING, "",
          "outbox relay paused: " + std::string(e.what()));
      pause = std::min(retry, policy_.poll_interval);
      retry = std::min(retry * 2, policy_.poll_interval);
    }
    if (handled == kBatchSize) continue;  // more may be due right now
    wake_.tryWait(static_cast<long>(pause.count()));
  }
}

int OutboxRelay::relayDue() {
  const std::vector<DueEvent> due = takeDue(database_, policy_.claim);
  std::vector<OutboxEvent> events;
  std::vector<const DueEvent*> rows;
  for (const DueEvent& row : due) {
    try {
      events.push_back(OutboxEvent::fromEnvelope(row.topic, row.envelope));
      rows.push_back(&row);
    } catch (const std::exception& e) {
      markFailed(row.sequence, row.attempts + 1, e.what());
    }
  }
  if (events.empty()) return static_cast<int>(due.size());
  // One PUBLISH span per event, in the trace it was written in; its consumers are the span's
  // children. The batch goes to the bus at once, so the spans share its duration.
  std::vector<Span> spans;
  spans.reserve(events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    OutboxEvent& event = events[i];
    spans.emplace_back(observability_.tracer, "PUBLISH " + event.topic, SpanKind::Producer, name_,
                       TraceContext::fromTraceparent(rows[i]->trace_parent));
    event.trace_parent = spans.back().context().traceparent();
    spans.back().tag("messaging.destination", event.topic);
    spans.back().tag("event_id", event.event_id);
    spans.back().tag("event_type", event.event_type);
    spans.back().tag("correlation_id", event.correlation_id);
  }
  std::vector<std::string> failures;
  try {
    failures = bus_.publish(events);
  } catch (const BusUnavailable& e) {
    for (Span& span : spans) span.fail(e.what());
    std::vector<std::int64_t> sequences;
    for (const DueEvent* row : rows) sequences.push_back(row->sequence);
    releaseClaims(sequences);
    throw;
  }
  std::vector<std::int64_t> sent;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (failures[i].empty()) {
      sent.push_back(rows[i]->sequence);
      observability_.host.events_published.add({name_, events[i].topic});
    } else {
      spans[i].fail(failures[i]);
      markFailed(rows[i]->sequence, rows[i]->attempts + 1, failures[i]);
    }
  }
  markSent(sent);
  log(logger_, Poco::Message::PRIO_DEBUG, "",
      "sent " + std::to_string(sent.size()) + " of " + std::to_string(events.size()) +
          " event(s) to the bus");
  return static_cast<int>(due.size());
}

// The bus could take none of them: the claims go, so that whichever relay reaches the bus first
// sends them, instead of all waiting out the lease.
void OutboxRelay::releaseClaims(const std::vector<std::int64_t>& sequences) {
  if (database_.dialect() != Dialect::PostgreSQL) return;
  Transaction tx(database_, true);
  for (const std::int64_t sequence : sequences) {
    tx.execute("UPDATE catalog_outbox SET claimed_until = NULL WHERE sequence = ?",
               {intParam(sequence)});
  }
  tx.commit();
}

// One transaction for the whole batch: a crash before it commits only means redelivery, which
// inboxes absorb.
void OutboxRelay::markSent(const std::vector<std::int64_t>& sequences) {
  if (sequences.empty()) return;
  Transaction tx(database_, true);
  const std::string now = sdk::utcNow();
  for (const std::int64_t sequence : sequences) {
    tx.execute("UPDATE catalog_outbox SET status = 'SENT', processed_at = ? WHERE sequence = ?",
               {textParam(now), intParam(sequence)});
  }
  tx.commit();
}

void OutboxRelay::markFailed(std::int64_t sequence, std::int64_t attempts,
                             const std::string& error) {
  const bool dead = attempts >= policy_.max_attempts;
  const auto shift = std::min<std::int64_t>(attempts - 1, 20);
  const auto backoff =
      std::min(policy_.first_backoff * (std::int64_t{1} << shift), policy_.max_backoff);
  const std::string next = sdk::utcAfter(backoff);
  const std::string now = sdk::utcNow();
  Transaction tx(database_, true);
  tx.execute(
      "UPDATE catalog_outbox SET status = ?, attempts = ?, next_attempt_at = ?, error_message = ?,"
      " processed_at = ?, claimed_until = NULL WHERE sequence = ?",
      {textParam(dead ? "DEAD" : "PENDING"), intParam(attempts), textParam(next), textParam(error),
       dead ? textParam(now) : nullParam(), intParam(sequence)});
  tx.commit();
  if (dead) {
    log(logger_, Poco::Message::PRIO_ERROR, "",
        "outbox event " + std::to_string(sequence) + " is DEAD after " + std::to_string(attempts) +
            " attempts: " + error);
  } else {
    log(logger_, Poco::Message::PRIO_WARNING, "",
        "outbox event " + std::to_string(sequence) + " failed (attempt " +
            std::to_string(attempts) + "), retrying at " + next + ": " + error);
  }
}

OutboxCounts OutboxRelay::counts() {
  Transaction tx(database_, false);
  const SqlResult result = tx.execute(
      "SELECT status, COUNT(*) AS n FROM catalog_outbox WHERE status IN ('PENDING', 'DEAD')"
      " GROUP BY status",
      {}, true);
  const SqlResult oldest =
      tx.execute(std::string("SELECT ") +
                     (database_.dialect() == Dialect::PostgreSQL
                          ? "EXTRACT(EPOCH FROM now() - created_at)"
                          : "(julianday('now') - julianday(created_at)) * 86400.0") +
                     " FROM catalog_outbox WHERE status = 'PENDING' ORDER BY sequence LIMIT 1",
                 {}, true);
  tx.commit();
  OutboxCounts counts;
  for (const auto& row : result.rows) {
    (row[0].text == "DEAD" ? counts.dead : counts.pending) = integerOf(row[1]);
  }
  if (!oldest.rows.empty()) {
    const SqlCell& age = oldest.rows[0][0];
    counts.oldest_pending_seconds =
        std::max(0.0, age.type == CATALOG_VALUE_DOUBLE  ? age.real
                      : age.type == CATALOG_VALUE_INT64 ? static_cast<double>(age.int64)
                                                        : std::stod(age.text));
  }
  return counts;
}

}  // namespace catalog::host
