#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace catalog::test {

/// A real catalogd process, as an operator runs it, for end-to-end tests. Its stdout and
/// stderr go to a log file the test can read.
class CatalogdProcess {
 public:
  struct Options {
    std::vector<std::string> args;           ///< e.g. {"--plugins=characteristic"}
    std::map<std::string, std::string> env;  ///< added to the test's environment
    std::string log_file;                    ///< where output goes
    int port = 0;                            ///< 0: a free port, passed as --port
    bool wait_ready = true;                  ///< wait for /health/ready before returning
    std::string binary = {};                 ///< default: the build tree's catalogd
  };

  /// Starts catalogd from the build tree. When wait_ready, throws std::runtime_error (with the
  /// log) if it exits or is not ready within 20 s.
  explicit CatalogdProcess(Options options);
  /// Kills the process if it still runs.
  ~CatalogdProcess();
  CatalogdProcess(const CatalogdProcess&) = delete;
  CatalogdProcess& operator=(const CatalogdProcess&) = delete;

  int port() const noexcept { return port_; }
  /// Sends `signal` (SIGTERM by default), then waits; returns the exit code (-signal when
  /// killed by one).
  int terminate(int timeout_seconds = 20, int signal = 15);
  /// SIGKILL, then waits.
  void kill9();
  /// Waits for the process to exit by itself; returns its exit code, or throws on timeout.
  int waitExit(int timeout_seconds = 20);
  bool running();
  std::string logs() const;

  /// The path of the catalogd binary in the build tree.
  static std::string binary();

 private:
  int reap(int timeout_seconds);

  Options options_;
  int port_ = 0;
  pid_t pid_ = -1;
  int exit_code_ = 0;
};

}  // namespace catalog::test
