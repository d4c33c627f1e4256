#include "bus/amqp/amqp_connection.hpp"

#include <amqp_tcp_socket.h>

#include <cstring>
#include <vector>

namespace catalog::host {
namespace {

timeval toTimeval(std::chrono::milliseconds duration) {
  return timeval{static_cast<time_t>(duration.count() / 1000),
                 static_cast<suseconds_t>(duration.count() % 1000 * 1000)};
}

}  // namespace

std::string describe(const amqp_method_t& method) {
  if (method.id == AMQP_CONNECTION_CLOSE_METHOD) {
    const auto* close = static_cast<const amqp_connection_close_t*>(method.decoded);
    return "the broker closed the connection: " + std::to_string(close->reply_code) + " " +
           toString(close->reply_text);
  }
  if (method.id == AMQP_CHANNEL_CLOSE_METHOD) {
    const auto* close = static_cast<const amqp_channel_close_t*>(method.decoded);
    return "the broker closed the channel: " + std::to_string(close->reply_code) + " " +
           toString(close->reply_text);
  }
  return "unexpected method " + std::to_string(method.id);
}

AmqpAddress AmqpAddress::parse(const std::string& url) {
  std::vector<char> text(url.begin(), url.end());
  text.push_back('\0');
  amqp_connection_info info{};
  if (url.rfind("amqp://", 0) != 0 || amqp_parse_url(text.data(), &info) != AMQP_STATUS_OK) {
    throw std::invalid_argument("not an AMQP URL (amqp://user:password@host:port/vhost)");
  }
  return AmqpAddress{info.host, info.port, info.user, info.password, info.vhost};
}

std::string AmqpAddress::redacted() const {
  return "amqp://" + user + "@" + host + ":" + std::to_string(port) +
         (vhost == "/" ? "" : "/" + vhost);
}

AmqpConnection::AmqpConnection(const AmqpAddress& address, const AmqpTimeouts& timeouts,
                               const std::string& name)
    : state_(amqp_new_connection()) {
  const std::string where = " (" + address.redacted() + ")";
  amqp_socket_t* socket = amqp_tcp_socket_new(state_);
  if (socket == nullptr) {
    amqp_destroy_connection(state_);
    throw AmqpError("cannot create a socket");
  }
  try {
    const timeval connect = toTimeval(timeouts.connect);
    check(amqp_socket_open_noblock(socket, address.host.c_str(), address.port, &connect),
          "connecting" + where);
    const timeval rpc = toTimeval(timeouts.rpc);
    check(amqp_set_handshake_timeout(state_, &rpc), "setting the handshake timeout");
    check(amqp_set_rpc_timeout(state_, &rpc), "setting the call timeout");
    // consumer_cancel_notify: the broker tells a consumer when its queue is deleted, instead of
    // leaving it waiting on nothing.
    amqp_table_entry_t capability{};
    capability.key = amqp_cstring_bytes("consumer_cancel_notify");
    capability.value.kind = AMQP_FIELD_KIND_BOOLEAN;
    capability.value.value.boolean = 1;
    amqp_table_entry_t properties_entries[2]{};
    properties_entries[0].key = amqp_cstring_bytes("capabilities");
    properties_entries[0].value.kind = AMQP_FIELD_KIND_TABLE;
    properties_entries[0].value.value.table = amqp_table_t{1, &capability};
    properties_entries[1].key = amqp_cstring_bytes("connection_name");
    properties_entries[1].value.kind = AMQP_FIELD_KIND_UTF8;
    properties_entries[1].value.value.bytes = bytesOf(name);
    const amqp_table_t properties{2, properties_entries};
    check(amqp_login_with_properties(state_, address.vhost.c_str(), 0, AMQP_DEFAULT_FRAME_SIZE,
                                     static_cast<int>(timeouts.heartbeat.count()), &properties,
                                     AMQP_SASL_METHOD_PLAIN, address.user.c_str(),
                                     address.password.c_str()),
          "logging in" + where);
    amqp_channel_open(state_, kChannel);
    checkCall("opening a channel" + where);
  } catch (...) {
    amqp_destroy_connection(state_);
    throw;
  }
  usable_ = true;
}

AmqpConnection::~AmqpConnection() {
  if (usable_) {
    amqp_channel_close(state_, kChannel, AMQP_REPLY_SUCCESS);
    amqp_connection_close(state_, AMQP_REPLY_SUCCESS);
  }
  amqp_destroy_connection(state_);
}

void AmqpConnection::check(const amqp_rpc_reply_t& reply, const std::string& what) {
  switch (reply.reply_type) {
    case AMQP_RESPONSE_NORMAL:
      return;
    case AMQP_RESPONSE_LIBRARY_EXCEPTION:
      usable_ = false;
      throw AmqpError(what + ": " + amqp_error_string2(reply.library_error));
    case AMQP_RESPONSE_SERVER_EXCEPTION:
      usable_ = false;
      throw AmqpError(what + ": " + describe(reply.reply));
    default:
      usable_ = false;
      throw AmqpError(what + ": no reply");
  }
}

void AmqpConnection::check(int status, const std::string& what) {
  if (status >= 0) return;
  usable_ = false;
  throw AmqpError(what + ": " + amqp_error_string2(status));
}

void AmqpConnection::fail(const std::string& message) {
  usable_ = false;
  throw AmqpError(message);
}

AmqpTable& AmqpTable::text(std::string key, std::string value) {
  entries_.push_back({std::move(key), true, std::move(value), 0});
  return *this;
}

AmqpTable& AmqpTable::integer(std::string key, std::int64_t value) {
  entries_.push_back({std::move(key), false, {}, value});
  return *this;
}

amqp_table_t AmqpTable::table() {
  built_.clear();
  for (const Entry& entry : entries_) {
    amqp_table_entry_t built{};
    built.key = bytesOf(entry.key);
    if (entry.is_text) {
      built.value.kind = AMQP_FIELD_KIND_UTF8;
      built.value.value.bytes = bytesOf(entry.text);
    } else {
      built.value.kind = AMQP_FIELD_KIND_I64;
      built.value.value.i64 = entry.integer;
    }
    built_.push_back(built);
  }
  return amqp_table_t{static_cast<int>(built_.size()), built_.data()};
}

std::string headerText(const amqp_table_t& headers, const std::string& key) {
  for (int i = 0; i < headers.num_entries; ++i) {
    const amqp_table_entry_t& entry = headers.entries[i];
    if (toString(entry.key) == key &&
        (entry.value.kind == AMQP_FIELD_KIND_UTF8 || entry.value.kind == AMQP_FIELD_KIND_BYTES))
      return toString(entry.value.value.bytes);
  }
  return {};
}

std::int64_t headerInteger(const amqp_table_t& headers, const std::string& key,
                           std::int64_t fallback) {
  for (int i = 0; i < headers.num_entries; ++i) {
    const amqp_table_entry_t& entry = headers.entries[i];
    if (toString(entry.key) != key) continue;
    const amqp_field_value_t& value = entry.value;
    switch (value.kind) {
      case AMQP_FIELD_KIND_I8:
        return value.value.i8;
      case AMQP_FIELD_KIND_U8:
        return value.value.u8;
      case AMQP_FIELD_KIND_I16:
        return value.value.i16;
      case AMQP_FIELD_KIND_U16:
        return value.value.u16;
      case AMQP_FIELD_KIND_I32:
        return value.value.i32;
      case AMQP_FIELD_KIND_U32:
        return value.value.u32;
      case AMQP_FIELD_KIND_I64:
        return value.value.i64;
      case AMQP_FIELD_KIND_U64:
        return static_cast<std::int64_t>(value.value.u64);
      default:
        return fallback;
    }
  }
  return fallback;
}

}  // namespace catalog::host
