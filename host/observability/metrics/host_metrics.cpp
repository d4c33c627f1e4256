#include "observability/metrics/host_metrics.hpp"

#include <vector>

namespace catalog::host {
namespace {

// Event lag and saga steps range from milliseconds (in process) to minutes (a backlog).
const std::vector<double> kSlowBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
                                          2.5,   5,    10,    30,   60,  120,  300};

}  // namespace

HostMetrics::HostMetrics(MetricRegistry& registry)
    : http_requests(registry.counter("catalog_http_requests_total",
                                     "HTTP requests served, by route pattern and status.",
                                     {"method", "route", "status"})),
      http_duration(
          registry.histogram("catalog_http_request_duration_seconds",
                             "Time to answer an HTTP request, by route pattern and status.",
                             {"method", "route", "status"})),
      http_in_flight(
          registry.gauge("catalog_http_requests_in_flight", "HTTP requests being answered now.")),
      events_published(registry.counter("catalog_events_published_total",
                                        "Events the outbox relays handed to the bus.",
                                        {"plugin", "topic"})),
      events_consumed(registry.counter(
          "catalog_events_consumed_total",
          "Events a subscription processed; a redelivery its inbox skips is not counted.",
          {"subscription"})),
      events_failed(registry.counter("catalog_events_failed_total",
                                     "Deliveries a subscription's handler or database failed.",
                                     {"subscription"})),
      events_dead_lettered(registry.counter("catalog_events_dead_lettered_total",
                                            "Messages a consumer moved to its dead-letter queue.",
                                            {"subscription"})),
      event_lag(
          registry.histogram("catalog_event_lag_seconds",
                             "Time from an event's commit to its processing by a subscription.",
                             {"subscription"}, kSlowBuckets)),
      saga_steps(registry.counter("catalog_saga_steps_total",
                                  "External tasks run by this host's workers, by verdict.",
                                  {"process", "step", "outcome"})),
      saga_step_duration(registry.histogram("catalog_saga_step_duration_seconds",
                                            "Time a worker took over an external task.",
                                            {"process", "step"}, kSlowBuckets)) {}

}  // namespace catalog::host
