#pragma once

#include <memory>
#include <string>

#include "support/temp_dir.hpp"

namespace catalog::test {

/// A real PostgreSQL server for one test suite: initdb into a temporary directory, listening on
/// a free port on 127.0.0.1 with trust authentication, stopped and removed on destruction.
/// Runs the server binaries as the `postgres` user when the tests run as root (initdb refuses
/// root). Throws std::runtime_error with the server's log when it can't start.
class PostgresServer {
 public:
  PostgresServer();
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  int port() const noexcept { return port_; }
  /// Creates a database and returns its URL, postgresql://postgres@127.0.0.1:<port>/<name>.
  std::string createDatabase(const std::string& name);
  /// Runs SQL on a database (the URL of createDatabase); throws on failure.
  void execute(const std::string& url, const std::string& sql);
  /// Stops the server (as an outage would); start() brings it back on the same port.
  void stop();
  void start();

 private:
  std::string run(const std::string& tool, const std::string& args);

  TempDir dir_;
  std::string bin_dir_;
  std::string data_dir_;
  int port_ = 0;
  bool running_ = false;
};

}  // namespace catalog::test
