#include "storage/database.hpp"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/Path.h>

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
// in WAL mode so readers never block the writer.
class SqliteSessionPool : public Poco::Data::SessionPool {
 public:
  explicit SqliteSessionPool(const std::string& path)
      : SessionPool(Poco::Data::SQLite::Connector::KEY, path, 1, kMaxSessions, kIdleSeconds) {}

 protected:
  void customizeSession(Poco::Data::Session& session) override {
    session << "PRAGMA busy_timeout = 5000", now;
    session << "PRAGMA journal_mode = WAL", now;
    session << "PRAGMA synchronous = NORMAL", now;
  }
};

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
  auto database = std::make_unique<Database>(dialect, url);
  std::string error;
  if (!database->ping(&error)) {
    throw DatabaseUnavailable("database " + database->displayUrl() + " is unreachable: " + error);
  }
  return database;
}

Database::Database(Dialect dialect, std::string url) : dialect_(dialect), url_(std::move(url)) {
  if (dialect_ == Dialect::SQLite) {
    const std::string path = sqlitePath();
    const Poco::Path parent = Poco::Path(path).parent();
    if (!parent.toString().empty()) Poco::File(parent).createDirectories();
    pool_ = std::make_unique<SqliteSessionPool>(path);
  } else {
    pool_ = std::make_unique<Poco::Data::SessionPool>(Poco::Data::PostgreSQL::Connector::KEY, url_,
                                                      1, kMaxSessions, kIdleSeconds);
  }
}

Database::~Database() {
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

Poco::Data::Session Database::session() { return pool_->get(); }

bool Database::ping(std::string* error) {
  try {
    Poco::Data::Session s = session();
    int one = 0;
    s << "SELECT 1", Poco::Data::Keywords::into(one), now;
    return one == 1;
  } catch (const Poco::Exception& e) {
    if (error != nullptr) *error = e.displayText();
  } catch (const std::exception& e) {
    if (error != nullptr) *error = e.what();
  }
  return false;
}

}  // namespace catalog::host
