#include "config/settings.hpp"

#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/NumberParser.h>
#include <Poco/Path.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include <cctype>
#include <cstdlib>
#include <stdexcept>

#include "bus/amqp/amqp_connection.hpp"
#include "observability/tracing/zipkin_exporter.hpp"

namespace catalog::host {
namespace {

std::vector<std::string> splitList(const std::string& text, const char* separators) {
  std::vector<std::string> items;
  const Poco::StringTokenizer tokens(
      text, separators, Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
  for (const std::string& token : tokens) items.push_back(token);
  return items;
}

int toInt(const std::string& key, const std::string& text, int min, int max) {
  int value = 0;
  if (!Poco::NumberParser::tryParse(Poco::trim(text), value) || value < min || value > max) {
    throw std::invalid_argument(key + " must be an integer from " + std::to_string(min) + " to " +
                                std::to_string(max) + ", not '" + text + "'");
  }
  return value;
}

bool toBool(const std::string& key, const std::string& text) {
  bool value = false;
  if (!Poco::NumberParser::tryParseBool(Poco::trim(text), value)) {
    throw std::invalid_argument(key + " must be true or false, not '" + text + "'");
  }
  return value;
}

}  // namespace

int parseLogLevel(const std::string& key, const std::string& text) {
  try {
    return Poco::Logger::parseLevel(Poco::trim(text));
  } catch (const Poco::InvalidArgumentException&) {
    throw std::invalid_argument(key +
                                " must be one of fatal, critical, error, warning, notice, "
                                "information, debug, trace, not '" +
                                text + "'");
  }
}

std::string environmentName(const std::string& key) {
  std::string name = "CATALOG_";
  for (const char c : key) {
    name += (c == '.' || c == '-') ? '_'
                                   : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name;
}

std::optional<std::string> Settings::lookup(const std::string& key, const std::string& env) const {
  if (const auto it = overrides_.find(key); it != overrides_.end()) return it->second;
  if (!env.empty()) {
    if (const char* value = std::getenv(env.c_str()); value != nullptr && *value != '\0')
      return value;
  }
  if (file_ != nullptr && file_->hasProperty(key)) return file_->getString(key);
  return std::nullopt;
}

Settings Settings::load(const Poco::Util::AbstractConfiguration& file,
                        const std::map<std::string, std::string>& overrides,
                        const std::string& default_plugin_dir) {
  Settings s;
  s.file_ = &file;
  s.overrides_ = overrides;
  const auto value = [&s](const char* key, const char* env) { return s.lookup(key, env); };

  s.plugins = splitList(
      value("catalog.plugins", "CATALOG_PLUGINS")
          .value_or("gateway,identity,characteristic,specification,pricing,offering,store"),
      ",");
  if (s.plugins.empty()) throw std::invalid_argument("catalog.plugins lists no plugin");
  if (auto v = value("catalog.port", "CATALOG_PORT")) s.port = toInt("catalog.port", *v, 1, 65535);
  if (auto v = value("catalog.dataDir", "CATALOG_DATA_DIR")) s.data_dir = *v;
  s.data_dir = Poco::Path(s.data_dir).makeAbsolute().makeDirectory().toString();
  if (s.data_dir.size() > 1) s.data_dir.pop_back();  // no trailing '/'
  if (auto v = value("catalog.pluginPath", "CATALOG_PLUGIN_PATH"))
    s.plugin_dirs = splitList(*v, ":");
  s.plugin_dirs.push_back(default_plugin_dir);
  if (auto v = value("catalog.skipRefusedPlugins", "CATALOG_SKIP_REFUSED_PLUGINS")) {
    s.skip_refused_plugins = toBool("catalog.skipRefusedPlugins", *v);
  }
  if (auto v = value("catalog.http.maxBodyBytes", "CATALOG_HTTP_MAX_BODY_BYTES")) {
    s.max_body_bytes = static_cast<std::size_t>(toInt("catalog.http.maxBodyBytes", *v, 1, 1 << 30));
  }
  if (auto v = value("catalog.http.threads", "CATALOG_HTTP_THREADS")) {
    s.http_threads = toInt("catalog.http.threads", *v, 1, 4096);
  }
  if (auto v = value("catalog.security.issuer", "CATALOG_SECURITY_ISSUER")) s.security.issuer = *v;
  if (auto v = value("catalog.security.audience", "CATALOG_SECURITY_AUDIENCE"))
    s.security.audience = *v;
  if (auto v = value("catalog.security.publicKeyFile", "CATALOG_SECURITY_PUBLIC_KEY_FILE"))
    s.security.public_key_file = *v;
  if (auto v = value("catalog.security.jwksFile", "CATALOG_SECURITY_JWKS_FILE"))
    s.security.jwks_file = *v;
  if (auto v = value("catalog.security.jwksUrl", "CATALOG_SECURITY_JWKS_URL")) {
    if (v->rfind("http://", 0) != 0) {
      throw std::invalid_argument("catalog.security.jwksUrl must be an http:// URL, not '" + *v +
                                  "'");
    }
    s.security.jwks_url = *v;
  }
  if (auto v = value("catalog.security.clockSkewSeconds", "CATALOG_SECURITY_CLOCK_SKEW_SECONDS")) {
    s.security.clock_skew =
        std::chrono::seconds(toInt("catalog.security.clockSkewSeconds", *v, 0, 600));
  }
  const auto milliseconds = [&value](const char* key, const char* env, int min, int max,
                                     std::chrono::milliseconds& into) {
    if (auto v = value(key, env)) into = std::chrono::milliseconds(toInt(key, *v, min, max));
  };
  milliseconds("catalog.outbox.pollMs", "CATALOG_OUTBOX_POLL_MS", 10, 3600000,
               s.relay.poll_interval);
  milliseconds("catalog.outbox.backoffMs", "CATALOG_OUTBOX_BACKOFF_MS", 1, 3600000,
               s.relay.first_backoff);
  milliseconds("catalog.outbox.claimMs", "CATALOG_OUTBOX_CLAIM_MS", 100, 3600000, s.relay.claim);
  if (auto v = value("catalog.outbox.maxAttempts", "CATALOG_OUTBOX_MAX_ATTEMPTS")) {
    s.relay.max_attempts = toInt("catalog.outbox.maxAttempts", *v, 1, 1000000);
  }
  if (auto v = value("catalog.bus.url", "CATALOG_BUS_URL")) {
    try {
      AmqpAddress::parse(*v);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument("catalog.bus.url: " + std::string(e.what()));
    }
    s.bus.url = *v;
  }
  if (auto v = value("catalog.bus.prefetch", "CATALOG_BUS_PREFETCH"))
    s.bus.consumer.prefetch = toInt("catalog.bus.prefetch", *v, 1, 65535);
  if (auto v = value("catalog.bus.maxDeliveries", "CATALOG_BUS_MAX_DELIVERIES"))
    s.bus.consumer.max_deliveries = toInt("catalog.bus.maxDeliveries", *v, 1, 1000);
  milliseconds("catalog.bus.retryBackoffMs", "CATALOG_BUS_RETRY_BACKOFF_MS", 0, 10000,
               s.bus.consumer.retry_backoff);
  if (auto v = value("catalog.bus.heartbeatSeconds", "CATALOG_BUS_HEARTBEAT_SECONDS")) {
    s.bus.heartbeat = std::chrono::seconds(toInt("catalog.bus.heartbeatSeconds", *v, 0, 3600));
  }
  if (auto v = value("catalog.engine.enabled", "CATALOG_ENGINE_ENABLED"))
    s.engine.enabled = toBool("catalog.engine.enabled", *v);
  if (auto v = value("catalog.engine.database.url", "CATALOG_ENGINE_DATABASE_URL"))
    s.engine.database_url = *v;
  if (auto v = value("catalog.engine.maxParkedFetches", "CATALOG_ENGINE_MAX_PARKED_FETCHES")) {
    s.engine.max_parked_fetches = toInt("catalog.engine.maxParkedFetches", *v, 0, 4096);
  }
  if (auto v = value("catalog.engine.url", "CATALOG_ENGINE_URL")) {
    if (v->rfind("http://", 0) != 0)
      throw std::invalid_argument("catalog.engine.url must be an http:// URL, not '" + *v + "'");
    if (s.engine.enabled) {
      throw std::invalid_argument(
          "catalog.engine.enabled and catalog.engine.url exclude each other: a host runs the "
          "engine itself or uses a remote one (set catalog.engine.enabled = false to use the one "
          "at " +
          *v + ")");
    }
    s.engine.url = *v;
  }
  if (auto v = value("catalog.serviceAccount.username", "CATALOG_SERVICE_ACCOUNT_USERNAME"))
    s.service_account.username = *v;
  if (auto v = value("catalog.serviceAccount.password", "CATALOG_SERVICE_ACCOUNT_PASSWORD"))
    s.service_account.password = *v;
  if (s.service_account.username.empty() != s.service_account.password.empty()) {
    throw std::invalid_argument(
        "catalog.serviceAccount.username and catalog.serviceAccount.password go together");
  }
  milliseconds("catalog.services.connectTimeoutMs", "CATALOG_SERVICES_CONNECT_TIMEOUT_MS", 1,
               600000, s.upstream.connect_timeout);
  milliseconds("catalog.services.readTimeoutMs", "CATALOG_SERVICES_READ_TIMEOUT_MS", 1, 600000,
               s.upstream.read_timeout);
  milliseconds("catalog.services.backoffMs", "CATALOG_SERVICES_BACKOFF_MS", 0, 60000,
               s.upstream.backoff);
  milliseconds("catalog.services.instanceRestMs", "CATALOG_SERVICES_INSTANCE_REST_MS", 0, 3600000,
               s.upstream.instance_rest);
  if (auto v = value("catalog.services.attempts", "CATALOG_SERVICES_ATTEMPTS"))
    s.upstream.attempts = toInt("catalog.services.attempts", *v, 1, 10);
  if (auto v = value("catalog.log.level", "CATALOG_LOG_LEVEL")) {
    parseLogLevel("catalog.log.level", *v);
    s.log_level = Poco::trim(*v);
  }
  if (auto v = value("catalog.tracing.zipkinUrl", "ZIPKIN_URL")) {
    try {
      zipkinSpansUrl(*v);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument("catalog.tracing.zipkinUrl: " + std::string(e.what()));
    }
    s.tracing.zipkin_url = *v;
  }
  if (auto v = value("catalog.tracing.sampleRatio", "CATALOG_TRACING_SAMPLE_RATIO")) {
    double ratio = -1;
    if (!Poco::NumberParser::tryParseFloat(Poco::trim(*v), ratio) || !(ratio >= 0 && ratio <= 1)) {
      throw std::invalid_argument(
          "catalog.tracing.sampleRatio must be a number from 0 to 1, not '" + *v + "'");
    }
    s.tracing.sample_ratio = ratio;
  }
  if (auto v = value("catalog.tracing.queueSpans", "CATALOG_TRACING_QUEUE_SPANS")) {
    s.tracing.queue_spans =
        static_cast<std::size_t>(toInt("catalog.tracing.queueSpans", *v, 1, 10000000));
  }
  return s;
}

std::string Settings::databaseUrl(const std::string& plugin) const {
  if (auto url = pluginValue(plugin, "database.url")) return *url;
  return "sqlite:" + Poco::Path(data_dir).makeDirectory().setFileName(plugin + ".db").toString();
}

std::string Settings::engineDatabaseUrl() const {
  if (!engine.database_url.empty()) return engine.database_url;
  return "sqlite:" + Poco::Path(data_dir).makeDirectory().setFileName("engine.db").toString();
}

std::optional<std::string> Settings::pluginValue(const std::string& plugin,
                                                 const std::string& key) const {
  const std::string full = plugin + "." + key;
  return lookup(full, environmentName(full));
}

std::vector<std::string> Settings::serviceUrls(const std::string& service) const {
  const std::string key = "catalog.services." + service + ".url";
  const auto value = lookup(key, environmentName(service + ".service.url"));
  if (!value) return {};
  std::vector<std::string> urls = splitList(*value, ", ");
  for (const std::string& url : urls) {
    if (url.rfind("http://", 0) != 0)
      throw std::invalid_argument(key + " must list http:// URLs, not '" + url + "'");
  }
  return urls;
}

}  // namespace catalog::host
