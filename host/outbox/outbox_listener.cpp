#include "outbox/outbox_listener.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <chrono>
#include <memory>

#include "observability/log.hpp"

namespace catalog::host {
namespace {

constexpr const char* kChannel = "catalog_outbox";  // as in the outbox trigger's migration
constexpr int kPollMs = 500;                        // how soon stop() is noticed
constexpr std::chrono::milliseconds kFirstRetry{250};
constexpr std::chrono::milliseconds kMaxRetry{10000};

using Connection = std::unique_ptr<PGconn, void (*)(PGconn*)>;

// TCP keepalives, so that a server gone without closing the connection is noticed too.
Connection connect(const std::string& url) {
  const char* keywords[] = {
      "dbname",          "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count",
      "connect_timeout", nullptr};
  const char* values[] = {url.c_str(), "1", "10", "5", "3", "5", nullptr};
  return Connection(PQconnectdbParams(keywords, values, 1), PQfinish);
}

std::string errorOf(PGconn* connection) {
  std::string message = PQerrorMessage(connection);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

}  // namespace

OutboxListener::OutboxListener(std::string name, std::string url, std::function<void()> wake,
                               Poco::Logger& logger)
    : name_(std::move(name)), url_(std::move(url)), wake_(std::move(wake)), logger_(logger) {
  thread_.setName("listen-" + name_);
}

OutboxListener::~OutboxListener() { stop(); }

void OutboxListener::start() {
  running_ = true;
  thread_.start(*this);
}

void OutboxListener::stop() {
  if (!running_.exchange(false)) return;
  stopping_.set();
  thread_.join();
}

void OutboxListener::run() {
  auto retry = kFirstRetry;
  bool reported = false;  // one warning per outage, not one per attempt
  while (running_) {
    const Connection connection = connect(url_);
    bool listening = PQstatus(connection.get()) == CONNECTION_OK;
    if (listening) {
      const std::unique_ptr<PGresult, void (*)(PGresult*)> result(
          PQexec(connection.get(), (std::string("LISTEN ") + kChannel).c_str()), PQclear);
      listening = PQresultStatus(result.get()) == PGRES_COMMAND_OK;
    }
    if (!listening) {
      if (!reported) {
        log(logger_, Poco::Message::PRIO_WARNING, "",
            "outbox listener of " + name_ +
                " can't listen, retrying: " + errorOf(connection.get()));
        reported = true;
      }
      stopping_.tryWait(static_cast<long>(retry.count()));
      retry = std::min(retry * 2, kMaxRetry);
      continue;
    }
    if (reported)
      log(logger_, Poco::Message::PRIO_INFORMATION, "",
          "outbox listener of " + name_ + " listening again");
    reported = false;
    retry = kFirstRetry;
    wake_();  // whatever was notified while no one listened
    listen(connection.get());
  }
}

void OutboxListener::listen(PGconn* connection) {
  pollfd socket{PQsocket(connection), POLLIN, 0};
  while (running_) {
    if (::poll(&socket, 1, kPollMs) <= 0) continue;  // quiet, or interrupted
    if (PQconsumeInput(connection) == 0 || PQstatus(connection) != CONNECTION_OK) {
      log(logger_, Poco::Message::PRIO_WARNING, "",
          "outbox listener of " + name_ + " lost its connection: " + errorOf(connection));
      return;
    }
    bool notified = false;
    while (PGnotify* notification = PQnotifies(connection)) {
      PQfreemem(notification);
      notified = true;
    }
    if (notified) wake_();
  }
}

}  // namespace catalog::host
