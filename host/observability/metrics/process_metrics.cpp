#include "observability/metrics/process_metrics.hpp"

#include <dirent.h>
#include <unistd.h>

#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

namespace catalog::host {
namespace {

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

void addProcessMetrics(MetricRegistry& registry, GaugeRefresher& refresher) {
  MetricFamily& resident =
      registry.gauge("process_resident_memory_bytes", "Resident memory size in bytes.");
  MetricFamily& virtual_memory =
      registry.gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.");
  MetricFamily& threads = registry.gauge("process_threads", "Threads of the process.");
  MetricFamily& files = registry.gauge("process_open_fds", "Open file descriptors.");
  MetricFamily& cpu =
      registry.counter("process_cpu_seconds_total", "User and system CPU time spent, in seconds.");
  MetricFamily& start = registry.gauge("process_start_time_seconds",
                                       "Start time of the process since the epoch, in seconds.");
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
  // Fields from 3 on: utime is field 14, stime 15, num_threads 20, starttime 22 (ticks after
  // boot), vsize 23, rss 24 (proc(5)).
  if (const std::vector<std::string> fields = statFields(); fields.size() > 19)
    start.set({}, bootTime() + std::stod(fields[19]) / ticks);
  refresher.add([resident = &resident, virtual_memory = &virtual_memory, threads = &threads,
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
