#pragma once

#include <Poco/Util/AbstractConfiguration.h>

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bus/amqp/consumer_policy.hpp"
#include "http/upstream_policy.hpp"
#include "observability/tracing/tracer.hpp"
#include "outbox/outbox_relay.hpp"

namespace catalog::host {

/// How the host verifies access tokens. The signing keys come from the first of: a PEM public
/// key file, a JWKS file, a JWKS (or PEM) URL, or else the identity context — in process when
/// identity is loaded here, at catalog.services.identity.url otherwise.
struct SecuritySettings {
  std::string issuer = "catalog-identity";
  std::string audience = "catalog-api";
  std::string public_key_file;
  std::string jwks_file;
  std::string jwks_url;
  std::chrono::seconds clock_skew{30};
};

/// The workflow engine: embedded in this host (`enabled`), or a remote one at `url` (another
/// host's /engine-rest, or a Camunda 7) that this host's workers and processes use over REST.
struct EngineSettings {
  bool enabled = false;
  std::string database_url;  ///< empty: sqlite:<dataDir>/engine.db
  int max_parked_fetches = 32;
  std::string url;  ///< e.g. http://engine:8000/engine-rest; empty: no remote engine
};

/// The event bus: in process, or RabbitMQ at `url` (amqp://user:password@host:port/vhost).
struct BusSettings {
  std::string url;  ///< empty: the in-process bus
  ConsumerPolicy consumer;
  std::chrono::seconds heartbeat{30};
};

/// The account a host signs in with for calls made on nobody's behalf (workers fetching tasks
/// from a remote engine): a user of the identity context, usually an ADMIN.
struct ServiceAccountSettings {
  std::string username;  ///< empty: such calls carry no token
  std::string password;
};

/// The host's resolved configuration. Each value comes from, in order: the command line, the
/// environment, the configuration file, the default.
///
///   key                            environment              default
///   catalog.plugins                CATALOG_PLUGINS          (the seven below)
///     gateway,identity,characteristic,specification,pricing,offering,store
///   catalog.port                   CATALOG_PORT             8000
///   catalog.dataDir                CATALOG_DATA_DIR         ./var
///   catalog.pluginPath             CATALOG_PLUGIN_PATH      (none; ':'-separated directories)
///   catalog.skipRefusedPlugins     CATALOG_SKIP_REFUSED_PLUGINS  false
///   catalog.http.maxBodyBytes      CATALOG_HTTP_MAX_BODY_BYTES   1048576
///   catalog.http.threads           CATALOG_HTTP_THREADS     64
///   catalog.outbox.pollMs          CATALOG_OUTBOX_POLL_MS   1000
///   catalog.outbox.backoffMs       CATALOG_OUTBOX_BACKOFF_MS  500
///   catalog.outbox.maxAttempts     CATALOG_OUTBOX_MAX_ATTEMPTS  10
///   catalog.outbox.claimMs         CATALOG_OUTBOX_CLAIM_MS  30000
///   catalog.bus.url                CATALOG_BUS_URL          (none: in process; amqp://…)
///   catalog.bus.prefetch           CATALOG_BUS_PREFETCH     16
///   catalog.bus.maxDeliveries      CATALOG_BUS_MAX_DELIVERIES  10
///   catalog.bus.retryBackoffMs     CATALOG_BUS_RETRY_BACKOFF_MS  1000 (doubling, up to 10 s)
///   catalog.bus.heartbeatSeconds   CATALOG_BUS_HEARTBEAT_SECONDS  30
///   catalog.log.level              CATALOG_LOG_LEVEL        information
///   <plugin>.log.level             CATALOG_<PLUGIN>_LOG_LEVEL  catalog.log.level
///   catalog.tracing.zipkinUrl      ZIPKIN_URL               (none: spans are not exported)
///   catalog.tracing.sampleRatio    CATALOG_TRACING_SAMPLE_RATIO  1.0 (share of new traces kept)
///   catalog.tracing.queueSpans     CATALOG_TRACING_QUEUE_SPANS  10000
///   catalog.security.issuer        CATALOG_SECURITY_ISSUER  catalog-identity
///   catalog.security.audience      CATALOG_SECURITY_AUDIENCE  catalog-api
///   catalog.security.publicKeyFile CATALOG_SECURITY_PUBLIC_KEY_FILE  (none)
///   catalog.security.jwksFile      CATALOG_SECURITY_JWKS_FILE  (none)
///   catalog.security.jwksUrl       CATALOG_SECURITY_JWKS_URL  (none)
///   catalog.security.clockSkewSeconds  CATALOG_SECURITY_CLOCK_SKEW_SECONDS  30
///   catalog.engine.enabled         CATALOG_ENGINE_ENABLED   false
///   catalog.engine.database.url    CATALOG_ENGINE_DATABASE_URL  sqlite:<dataDir>/engine.db
///   catalog.engine.maxParkedFetches  CATALOG_ENGINE_MAX_PARKED_FETCHES  32
///   catalog.engine.url             CATALOG_ENGINE_URL       (none; excludes engine.enabled)
///   catalog.serviceAccount.username  CATALOG_SERVICE_ACCOUNT_USERNAME  (none)
///   catalog.serviceAccount.password  CATALOG_SERVICE_ACCOUNT_PASSWORD  (none)
///   <plugin>.database.url          CATALOG_<PLUGIN>_DATABASE_URL  sqlite:<dataDir>/<plugin>.db
///   catalog.services.<name>.url    CATALOG_<NAME>_SERVICE_URL     (in process only; instances
///                                  of a remote context, comma-separated, taken round-robin)
///   catalog.services.connectTimeoutMs  CATALOG_SERVICES_CONNECT_TIMEOUT_MS  2000
///   catalog.services.readTimeoutMs CATALOG_SERVICES_READ_TIMEOUT_MS  4000
///   catalog.services.attempts      CATALOG_SERVICES_ATTEMPTS  3 (idempotent methods only)
///   catalog.services.backoffMs     CATALOG_SERVICES_BACKOFF_MS  1000 (doubling, with jitter)
///   catalog.services.instanceRestMs  CATALOG_SERVICES_INSTANCE_REST_MS  5000
struct Settings {
  std::vector<std::string> plugins;
  int port = 8000;
  std::string data_dir = "./var";
  std::vector<std::string> plugin_dirs;
  bool skip_refused_plugins = false;
  std::size_t max_body_bytes = 1048576;
  int http_threads = 64;
  RelayPolicy relay;
  BusSettings bus;
  std::string log_level = "information";
  TracingSettings tracing;
  SecuritySettings security;
  EngineSettings engine;
  ServiceAccountSettings service_account;
  UpstreamPolicy upstream;

  /// Reads the settings. `overrides` are the command line's, keyed like the file.
  /// `default_plugin_dir` is searched after the configured directories.
  /// Throws std::invalid_argument naming the key of a malformed value.
  static Settings load(const Poco::Util::AbstractConfiguration& file,
                       const std::map<std::string, std::string>& overrides,
                       const std::string& default_plugin_dir);

  /// The database URL of a plugin.
  std::string databaseUrl(const std::string& plugin) const;
  /// The workflow engine's database URL.
  std::string engineDatabaseUrl() const;
  /// A plugin's own setting `<plugin>.<key>`.
  std::optional<std::string> pluginValue(const std::string& plugin, const std::string& key) const;
  /// The base URLs of a remote context's instances; empty when none is configured. Throws
  /// std::invalid_argument for one that is not http://.
  std::vector<std::string> serviceUrls(const std::string& service) const;

 private:
  std::optional<std::string> lookup(const std::string& key, const std::string& env) const;

  const Poco::Util::AbstractConfiguration* file_ = nullptr;
  std::map<std::string, std::string> overrides_;
};

/// The Poco log level named `text` (catalog.log.level's values). Throws std::invalid_argument
/// naming `key` for an unknown one.
int parseLogLevel(const std::string& key, const std::string& text);

/// The environment name of a plugin setting `<plugin>.<key>`: CATALOG_<PLUGIN>_<KEY>, upper
/// case, with '.' and '-' as '_' (characteristic.database.url →
/// CATALOG_CHARACTERISTIC_DATABASE_URL).
std::string environmentName(const std::string& key);

}  // namespace catalog::host
