#include "support/catalogd_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/free_port.hpp"
#include "support/http_client.hpp"

extern char** environ;

namespace catalog::test {
namespace {

int exitCodeOf(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return -1;
}

}  // namespace

std::string CatalogdProcess::binary() { return std::string(CATALOG_BINARY_DIR) + "/bin/catalogd"; }

CatalogdProcess::CatalogdProcess(Options options) : options_(std::move(options)) {
  port_ = options_.port != 0 ? options_.port : freePort();
  if (options_.log_file.empty()) throw std::invalid_argument("log_file is required");

  std::vector<std::string> args = {options_.binary.empty() ? binary() : options_.binary,
                                   "--port=" + std::to_string(port_)};
  args.insert(args.end(), options_.args.begin(), options_.args.end());
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    const std::string key = entry.substr(0, entry.find('='));
    if (options_.env.count(key) == 0) env.push_back(entry);
  }
  for (const auto& [key, value] : options_.env) env.push_back(key + "=" + value);

  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);

  const int log = open(options_.log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (log < 0) throw std::runtime_error("cannot open " + options_.log_file);
  pid_ = fork();
  if (pid_ == 0) {
    dup2(log, STDOUT_FILENO);
    dup2(log, STDERR_FILENO);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  close(log);
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (!options_.wait_ready) return;

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (!running())
      throw std::runtime_error("catalogd exited with " + std::to_string(exit_code_) + ":\n" +
                               logs());
    try {
      if (httpRequest(port_, "GET", "/health/ready").status == 200) return;
    } catch (const std::exception&) {
      // not listening yet
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill9();
  throw std::runtime_error("catalogd was not ready within 20 s:\n" + logs());
}

CatalogdProcess::~CatalogdProcess() {
  if (pid_ > 0) kill9();
}

bool CatalogdProcess::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    exit_code_ = exitCodeOf(status);
    pid_ = -1;
    return false;
  }
  return true;
}

int CatalogdProcess::reap(int timeout_seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  while (running()) {
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("catalogd did not exit within " + std::to_string(timeout_seconds) +
                               " s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return exit_code_;
}

int CatalogdProcess::terminate(int timeout_seconds, int signal) {
  if (pid_ > 0) ::kill(pid_, signal);
  return reap(timeout_seconds);
}

void CatalogdProcess::kill9() {
  if (pid_ > 0) ::kill(pid_, SIGKILL);
  reap(20);
}

int CatalogdProcess::waitExit(int timeout_seconds) { return reap(timeout_seconds); }

std::string CatalogdProcess::logs() const {
  std::ifstream file(options_.log_file);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace catalog::test
