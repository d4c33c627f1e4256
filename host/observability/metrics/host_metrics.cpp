#include "observability/metrics/host_metrics.hpp"

#include <dirent.h>
#include <unistd.h>

#include <fstream>
#include <limits>
#include <sstream>
#include <vector>

namespace catalog::host {
namespace {

MetricFamily& counter(MetricRegistry& registry, const char* name, const char* help,
                      std::vector<std::string> labels) {
  return registry.add({name, help, MetricType::Counter, std::move(labels), {}});
}

MetricFamily& gauge(MetricRegistry& registry, const char* name, const char* help,
                    std::vector<std::string> labels = {}) {
  return registry.add({name, help, MetricType::Gauge, std::move(labels), {}});
}

MetricFamily& histogram(MetricRegistry& registry, const char* name, const char* help,
                        std::vector<std::string> labels, std::vector<double> buckets = {}) {
  return registry.add({name, help, MetricType::Histogram, std::move(labels), std::move(buckets)});
}

// Event lag and saga steps range from milliseconds (in process) to minutes (a backlog).
const std::vector<double> kSlowBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
                                          2.5,   5,    10,    30,   60,  120,  300};

// /proc/self/stat's fields after the command name (which may hold spaces): field 3 on.
std::vector<std::string> statFields() {
  std::ifstream file("/proc/self/stat");
  std::string line;
  std::getline(file, line);
  std::istringstream rest(line.substr(line.rfind(')') + 2));
  std::vector<std::string> fields;
  for (std::string field; rest >> field;) fields.push_back(field);
  return fields;
}

// When the machine booted, in seconds since the epoch: /proc/stat's btime.
double bootTime() {
  std::ifstream file("/proc/stat");
  for (std::string key; file >> key;) {
    if (key == "btime") {
      double seconds = 0;
      file >> seconds;
      return seconds;
    }
    file.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
  }
  return 0;
}

double openFiles() {
  DIR* directory = opendir("/proc/self/fd");
  if (directory == nullptr) return 0;
  double count = 0;
  while (const dirent* entry = readdir(directory)) count += entry->d_name[0] != '.';
  closedir(directory);
  return count - 1;  // the descriptor reading the directory
}

}  // namespace

HostMetrics::HostMetrics(MetricRegistry& registry)
    : http_requests(counter(registry, "catalog_http_requests_total",
                            "HTTP requests served, by route pattern and status.",
                            {"method", "route", "status"})),
      http_duration(histogram(registry, "catalog_http_request_duration_seconds",
                              "Time to answer an HTTP request, by route pattern and status.",
                              {"method", "route", "status"})),
      http_in_flight(
          gauge(registry, "catalog_http_requests_in_flight", "HTTP requests being answered now.")),
      events_published(counter(registry, "catalog_events_published_total",
                               "Events the outbox relays handed to the bus.", {"plugin", "topic"})),
      events_consumed(counter(registry, "catalog_events_consumed_total",
                              "Events a subscription processed; a redelivery its inbox skips is not counted.",
                              {"subscription"})),
      events_failed(counter(registry, "catalog_events_failed_total",
                            "Deliveries a subscription's handler or database failed.",
                            {"subscription"})),
      events_dead_lettered(counter(registry, "catalog_events_dead_lettered_total",
                                   "Messages a consumer moved to its dead-letter queue.",
                                   {"subscription"})),
      event_lag(histogram(registry, "catalog_event_lag_seconds",
                          "Time from an event's commit to its processing by a subscription.",
                          {"subscription"}, kSlowBuckets)),
      saga_steps(counter(registry, "catalog_saga_steps_total",
                         "External tasks run by this host's workers, by verdict.",
                         {"process", "step", "outcome"})),
      saga_step_duration(histogram(registry, "catalog_saga_step_duration_seconds",
                                   "Time a worker took over an external task.", {"process", "step"},
                                   kSlowBuckets)) {}

void addProcessMetrics(MetricRegistry& registry) {
  MetricFamily& resident =
      gauge(registry, "process_resident_memory_bytes", "Resident memory size in bytes.");
  MetricFamily& virtual_memory =
      gauge(registry, "process_virtual_memory_bytes", "Virtual memory size in bytes.");
  MetricFamily& threads = gauge(registry, "process_threads", "Threads of the process.");
  MetricFamily& files = gauge(registry, "process_open_fds", "Open file descriptors.");
  MetricFamily& cpu = registry.add({"process_cpu_seconds_total",
                                    "User and system CPU time spent, in seconds.",
                                    MetricType::Counter,
                                    {},
                                    {}});
  MetricFamily& start = gauge(registry, "process_start_time_seconds",
                              "Start time of the process since the epoch, in seconds.");
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
  // Fields from 3 on: utime is field 14, stime 15, num_threads 20, starttime 22 (ticks after
  // boot), vsize 23, rss 24 (proc(5)).
  if (const std::vector<std::string> fields = statFields(); fields.size() > 19)
    start.set({}, bootTime() + std::stod(fields[19]) / ticks);
  registry.addCollector([resident = &resident, virtual_memory = &virtual_memory, threads = &threads,
                         files = &files, cpu = &cpu, ticks, page, last_cpu = 0.0]() mutable {
    const std::vector<std::string> fields = statFields();
    if (fields.size() < 22) return;
    const double cpu_now = (std::stod(fields[11]) + std::stod(fields[12])) / ticks;
    cpu->add({}, cpu_now - last_cpu);
    last_cpu = cpu_now;
    threads->set({}, std::stod(fields[17]));
    virtual_memory->set({}, std::stod(fields[20]));
    resident->set({}, std::stod(fields[21]) * page);
    files->set({}, openFiles());
  });
}

}  // namespace catalog::host
