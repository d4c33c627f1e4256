#include "support/rabbitmq_server.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "bus/amqp/amqp_connection.hpp"
#include "support/files.hpp"
#include "support/free_port.hpp"

namespace catalog::test {
namespace {

using host::AmqpConnection;

constexpr const char* kBinDir = "/usr/lib/rabbitmq/bin";

void writeFile(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

std::unique_ptr<AmqpConnection> connect(const std::string& url) {
  host::AmqpTimeouts timeouts;
  timeouts.heartbeat = std::chrono::seconds(0);
  return std::make_unique<AmqpConnection>(host::AmqpAddress::parse(url), timeouts, "catalog test");
}

}  // namespace

RabbitMqServer::RabbitMqServer()
    : node_("catalog-test-" + std::to_string(::getpid()) + "-" + std::to_string(freePort()) +
            "@localhost"),
      port_(freePort()),
      epmd_port_(freePort()) {
  for (const char* sub : {"mnesia", "log", "home"}) {
    if (std::system(("mkdir -p " + dir_.file(sub)).c_str()) != 0)
      throw std::runtime_error("cannot create " + dir_.file(sub));
  }
  writeFile(dir_.file("rabbitmq.conf"),
            "listeners.tcp.default = 127.0.0.1:" + std::to_string(port_) +
                "\n"
                "log.console = false\n");
  writeFile(dir_.file("enabled_plugins"), "[].\n");
  if (geteuid() == 0 && std::system(("chown -R rabbitmq " + dir_.path()).c_str()) != 0) {
    throw std::runtime_error("cannot hand " + dir_.path() + " to the rabbitmq user");
  }
  environment_ = "env HOME=" + dir_.file("home") + " RABBITMQ_NODENAME=" + node_ +
                 " RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=" + std::to_string(port_) +
                 " RABBITMQ_DIST_PORT=" + std::to_string(freePort()) +
                 " ERL_EPMD_PORT=" + std::to_string(epmd_port_) +
                 " RABBITMQ_MNESIA_BASE=" + dir_.file("mnesia") +
                 " RABBITMQ_LOG_BASE=" + dir_.file("log") +
                 " RABBITMQ_CONFIG_FILE=" + dir_.file("rabbitmq.conf") +
                 " RABBITMQ_ENABLED_PLUGINS_FILE=" + dir_.file("enabled_plugins");
  try {
    start();
  } catch (...) {
    shutDown();  // no destructor runs for a constructor that throws
    throw;
  }
}

RabbitMqServer::~RabbitMqServer() { shutDown(); }

void RabbitMqServer::shutDown() noexcept {
  try {
    stop();
  } catch (...) {
    // The node may be gone already; the directory is removed regardless.
  }
  // The node started an epmd of its own (on its own port); it outlives the node otherwise.
  const std::string kill_epmd = std::string(geteuid() == 0 ? "runuser -u rabbitmq -- " : "") +
                                "env ERL_EPMD_PORT=" + std::to_string(epmd_port_) +
                                " epmd -kill > /dev/null 2>&1";
  [[maybe_unused]] const int status = std::system(kill_epmd.c_str());  // fails when gone
}

std::string RabbitMqServer::url(const std::string& vhost) const {
  // In an AMQP URI no path is the vhost "/", an empty path the vhost "".
  return "amqp://guest:guest@127.0.0.1:" + std::to_string(port_) +
         (vhost.empty() ? "" : "/" + vhost);
}

std::string RabbitMqServer::addVhost(const std::string& vhost) {
  control("add_vhost " + vhost);
  control("set_permissions -p " + vhost + " guest '.*' '.*' '.*'");
  return url(vhost);
}

std::string RabbitMqServer::control(const std::string& args) {
  const std::string log = dir_.file("rabbitmqctl.log");
  std::string command = environment_ + " " + kBinDir + "/rabbitmqctl -n " + node_ + " " + args;
  if (geteuid() == 0) command = "runuser -u rabbitmq -- " + command;
  if (std::system((command + " > " + log + " 2>&1").c_str()) != 0) {
    throw std::runtime_error("rabbitmqctl " + args + " failed:\n" + readFile(log));
  }
  return readFile(log);
}

void RabbitMqServer::start() {
  if (running_) return;
  std::string command = environment_ + " " + kBinDir + "/rabbitmq-server";
  if (geteuid() == 0) command = "runuser -u rabbitmq -- " + command;
  if (std::system(
          ("cd " + dir_.path() + " && " + command + " >> " + dir_.file("node.log") + " 2>&1 &")
              .c_str()) != 0) {
    throw std::runtime_error("cannot run " + std::string(kBinDir) + "/rabbitmq-server");
  }
  running_ = true;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::string last_error;
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      connect(url());
      return;
    } catch (const host::AmqpError& e) {
      last_error = e.what();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  throw std::runtime_error("RabbitMQ did not start within 60 s (" + last_error + "):\n" +
                           readFile(dir_.file("node.log")));
}

void RabbitMqServer::stop() {
  if (!running_) return;
  control("shutdown");
  running_ = false;
}

std::pair<int, int> RabbitMqServer::countsOf(const std::string& vhost, const std::string& queue) {
  const auto amqp = connect(url(vhost));
  const amqp_queue_declare_ok_t* declared =
      amqp_queue_declare(amqp->state(), AmqpConnection::kChannel, host::bytesOf(queue), true, false,
                         false, false, amqp_empty_table);
  if (declared == nullptr) {  // 404: no such queue; the broker closed the channel
    amqp->abandon();
    return {-1, -1};
  }
  return {static_cast<int>(declared->message_count), static_cast<int>(declared->consumer_count)};
}

int RabbitMqServer::readyMessages(const std::string& vhost, const std::string& queue) {
  return countsOf(vhost, queue).first;
}

int RabbitMqServer::consumers(const std::string& vhost, const std::string& queue) {
  return countsOf(vhost, queue).second;
}

std::vector<QueuedMessage> RabbitMqServer::takeAll(const std::string& vhost,
                                                   const std::string& queue) {
  const auto amqp = connect(url(vhost));
  std::vector<QueuedMessage> messages;
  for (;;) {
    const amqp_rpc_reply_t reply =
        amqp_basic_get(amqp->state(), AmqpConnection::kChannel, host::bytesOf(queue), true);
    amqp->check(reply, "getting from " + queue);
    if (reply.reply.id == AMQP_BASIC_GET_EMPTY_METHOD) return messages;
    amqp_message_t content;
    amqp->check(amqp_read_message(amqp->state(), AmqpConnection::kChannel, &content, 0),
                "reading from " + queue);
    QueuedMessage message;
    message.body = host::toString(content.body);
    const amqp_basic_properties_t& properties = content.properties;
    if ((properties._flags & AMQP_BASIC_MESSAGE_ID_FLAG) != 0)
      message.message_id = host::toString(properties.message_id);
    if ((properties._flags & AMQP_BASIC_HEADERS_FLAG) != 0) {
      for (int i = 0; i < properties.headers.num_entries; ++i) {
        const amqp_table_entry_t& entry = properties.headers.entries[i];
        if (entry.value.kind == AMQP_FIELD_KIND_UTF8)
          message.headers[host::toString(entry.key)] = host::toString(entry.value.value.bytes);
      }
      message.deliveries = host::headerInteger(properties.headers, "x-deliveries", 0);
    }
    amqp_destroy_message(&content);
    messages.push_back(std::move(message));
  }
}

void RabbitMqServer::publish(const std::string& vhost, const std::string& exchange,
                             const std::string& routing_key, const std::string& body,
                             const std::map<std::string, std::string>& headers) {
  const auto amqp = connect(url(vhost));
  host::AmqpTable table;
  for (const auto& [name, value] : headers) table.text(name, value);
  amqp_basic_properties_t properties{};
  properties._flags = AMQP_BASIC_HEADERS_FLAG;
  properties.headers = table.table();
  amqp->check(amqp_basic_publish(amqp->state(), AmqpConnection::kChannel, host::bytesOf(exchange),
                                 host::bytesOf(routing_key), false, false, &properties,
                                 host::bytesOf(body)),
              "publishing to " + exchange);
}

}  // namespace catalog::test
