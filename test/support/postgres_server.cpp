#include "support/postgres_server.hpp"

#include <Poco/File.h>
#include <Poco/Glob.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>

#include "support/files.hpp"
#include "support/free_port.hpp"

namespace catalog::test {
namespace {

std::string findBinDir() {
  std::set<std::string> candidates;
  Poco::Glob::glob("/usr/lib/postgresql/*/bin/initdb", candidates);
  if (candidates.empty()) {
    throw std::runtime_error(
        "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install "
        "postgresql)");
  }
  const std::string initdb = *candidates.rbegin();  // the newest major
  return initdb.substr(0, initdb.size() - std::string("/initdb").size());
}

}  // namespace

PostgresServer::PostgresServer() : bin_dir_(findBinDir()), data_dir_(dir_.file("data")) {
  if (geteuid() == 0) {
    // initdb and postgres refuse to run as root; the server's files belong to `postgres`.
    if (std::system(("chown postgres " + dir_.path()).c_str()) != 0) {
      throw std::runtime_error("cannot hand " + dir_.path() + " to the postgres user");
    }
  }
  run("initdb", "-D " + data_dir_ + " -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8");
  port_ = freePort();
  start();
}

PostgresServer::~PostgresServer() {
  try {
    stop();
  } catch (...) {
    // Nothing more to do in a destructor; the directory is removed regardless.
  }
}

std::string PostgresServer::run(const std::string& tool, const std::string& args) {
  const std::string log = dir_.file(tool + ".log");
  std::string command = bin_dir_ + "/" + tool + " " + args + " > " + log + " 2>&1";
  if (geteuid() == 0) command = "runuser -u postgres -- sh -c '" + command + "'";
  if (std::system(command.c_str()) != 0) {
    throw std::runtime_error(tool + " failed:\n" + readFile(log) +
                             readFile(dir_.file("server.log")));
  }
  return readFile(log);
}

void PostgresServer::start() {
  if (running_) return;
  run("pg_ctl", "-D " + data_dir_ + " -l " + dir_.file("server.log") + " -w -t 30 -o \"-p " +
                    std::to_string(port_) + " -k " + dir_.path() +
                    " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start");
  running_ = true;
}

void PostgresServer::stop() {
  if (!running_) return;
  run("pg_ctl", "-D " + data_dir_ + " -m fast -w stop");
  running_ = false;
}

std::string PostgresServer::createDatabase(const std::string& name) {
  const std::string base = "postgresql://postgres@127.0.0.1:" + std::to_string(port_);
  execute(base + "/postgres", "CREATE DATABASE " + name);
  return base + "/" + name;
}

void PostgresServer::execute(const std::string& url, const std::string& sql) {
  std::unique_ptr<PGconn, void (*)(PGconn*)> conn(PQconnectdb(url.c_str()), PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn.get()));
  std::unique_ptr<PGresult, void (*)(PGresult*)> result(PQexec(conn.get(), sql.c_str()), PQclear);
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw std::runtime_error(PQresultErrorMessage(result.get()));
  }
}

}  // namespace catalog::test
