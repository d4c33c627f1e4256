#include "storage/database.hpp"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <libpq-fe.h>

#include "storage/sql_statement.hpp"

namespace catalog::host {
namespace {

using Poco::Data::Keywords::now;

constexpr std::string_view kSqlitePrefix = "sqlite:";
constexpr std::string_view kPostgresPrefix = "postgresql://";
constexpr std::string_view kPostgresShortPrefix = "postgres://";
constexpr int kMaxSessions = 32;
constexpr int kIdleSeconds = 60;

bool startsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Every SQLite connection waits for a busy writer instead of failing at once, and the file is
// in WAL mode so readers never block the writer. The pool keeps at least as many connections
// as it may open (min = max), so it never closes one: each carries its prepared statements.
class SqliteSessionPool : public Poco::Data::SessionPool {
 public:
  explicit SqliteSessionPool(const std::string& path)
      : SessionPool(Poco::Data::SQLite::Connector::KEY, path, kMaxSessions, kMaxSessions,
                    kIdleSeconds) {}

 protected:
  void customizeSession(Poco::Data::Session& session) override {
    session << "PRAGMA busy_timeout = 5000", now;
    session << "PRAGMA journal_mode = WAL", now;
    session << "PRAGMA synchronous = NORMAL", now;
  }
};

// Poco's PostgreSQL connector takes only space-separated key=value pairs, not the URI operators
// configure; libpq itself turns the URI into those pairs. (Poco can't quote: no spaces in values.)
constexpr std::chrono::seconds kConnectTimeout{5};

std::string keywordConnectionString(const std::string& url, const std::string& display_url) {
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, void (*)(PQconninfoOption*)> options(
      PQconninfoParse(url.c_str(), &error), PQconninfoFree);
  if (!options) {
    const std::string reason = error != nullptr ? error : "out of memory";
    PQfreemem(error);
    throw std::invalid_argument("bad database URL " + display_url + ": " + reason);
  }
  std::string pairs;
  bool timeout_given = false;
  for (const PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option) {
    if (option->val == nullptr || *option->val == '\0') continue;
    pairs += (pairs.empty() ? "" : " ") + std::string(option->keyword) + "=" + option->val;
    timeout_given = timeout_given || std::string(option->keyword) == "connect_timeout";
  }
  // A server cut off by the network (no refusal) would otherwise hold every connection attempt
  // for TCP's own timeout, minutes; the URL's ?connect_timeout= still wins.
  if (!timeout_given) pairs += " connect_timeout=" + std::to_string(kConnectTimeout.count());
  return pairs;
}

void registerConnectors() {
  static const bool registered = [] {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::PostgreSQL::Connector::registerConnector();
    return true;
  }();
  (void)registered;
}

}  // namespace

std::string_view dialectName(Dialect dialect) {
  return dialect == Dialect::SQLite ? "sqlite" : "postgresql";
}

std::unique_ptr<Database> Database::open(const std::string& url) {
  registerConnectors();
  Dialect dialect;
  if (startsWith(url, kSqlitePrefix)) {
    dialect = Dialect::SQLite;
  } else if (startsWith(url, kPostgresPrefix) || startsWith(url, kPostgresShortPrefix)) {
    dialect = Dialect::PostgreSQL;
  } else {
    throw std::invalid_argument("unsupported database URL '" + url +
                                "': use sqlite:<file> or postgresql://user@host:port/db");
  }
  std::unique_ptr<Database> database;
  try {
    database = std::make_unique<Database>(dialect, url);
  } catch (const Poco::Exception& e) {
    throw DatabaseUnavailable("database " + url + " can't be opened: " + e.displayText());
  }
  std::string error;
  if (!database->ping(&error)) {
    throw DatabaseUnavailable("database " + database->displayUrl() + " is unreachable: " + error);
  }
  return database;
}

Database::Database(Dialect dialect, std::string url)
    : dialect_(dialect), url_(std::move(url)), slots_(kMaxSessions) {
  if (dialect_ == Dialect::SQLite) {
    const std::string path = sqlitePath();
    const Poco::Path parent = Poco::Path(path).parent();
    if (!parent.toString().empty()) Poco::File(parent).createDirectories();
    pool_ = std::make_unique<SqliteSessionPool>(path);
  } else {
    pool_ = std::make_unique<Poco::Data::SessionPool>(Poco::Data::PostgreSQL::Connector::KEY,
                                                      keywordConnectionString(url_, displayUrl()),
                                                      1, kMaxSessions, kIdleSeconds);
  }
}

Database::~Database() {
  statements_.clear();  // finalized before their connections close
  if (pool_) pool_->shutdown();
}

std::string Database::displayUrl() const {
  if (dialect_ == Dialect::SQLite) return url_;
  // postgresql://user:secret@host/db → postgresql://user:***@host/db
  const auto scheme_end = url_.find("://") + 3;
  const auto at = url_.find('@', scheme_end);
  const auto colon = url_.find(':', scheme_end);
  if (at == std::string::npos || colon == std::string::npos || colon > at) return url_;
  return url_.substr(0, colon + 1) + "***" + url_.substr(at);
}

std::string Database::sqlitePath() const { return url_.substr(kSqlitePrefix.size()); }

Database::Lease::~Lease() {
  session_.reset();  // back to the pool before the slot is free again
  slots_.set();
}

std::unique_ptr<Database::Lease> Database::lease() {
  // Poco's pool throws at once when every session is out; callers queue here instead.
  if (!slots_.tryWait(static_cast<long>(std::chrono::milliseconds(kWaitLimit).count()))) {
    throw SqlError(CATALOG_ERR_UNAVAILABLE,
                   "all " + std::to_string(kMaxSessions) + " connections to " + displayUrl() +
                       " stayed busy for " + std::to_string(kWaitLimit.count()) + " s");
  }
  try {
    Poco::Data::Session session = pool_->get();
    SqliteStatements* statements = nullptr;
    if (dialect_ == Dialect::SQLite) {
      const void* connection = Poco::Data::SQLite::Utility::dbHandle(session);
      std::lock_guard<std::mutex> lock(statements_mutex_);
      auto& cache = statements_[connection];
      if (!cache)
        cache = std::make_unique<SqliteStatements>(Poco::Data::SQLite::Utility::dbHandle(session));
      statements = cache.get();
    }
    return std::make_unique<Lease>(std::move(session), slots_, statements);
  } catch (...) {
    slots_.set();
    throw;
  }
}

Database::PoolUse Database::poolUse() { return {pool_->used(), pool_->idle(), pool_->capacity()}; }

bool Database::ping(std::string* error) {
  try {
    const auto borrowed = lease();
    int one = 0;
    borrowed->session() << "SELECT 1", Poco::Data::Keywords::into(one), now;
    return one == 1;
  } catch (const Poco::Exception& e) {
    if (error != nullptr) *error = e.displayText();
  } catch (const std::exception& e) {
    if (error != nullptr) *error = e.what();
  }
  return false;
}

}  // namespace catalog::host
