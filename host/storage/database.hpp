#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>

namespace catalog::host {

enum class Dialect { SQLite, PostgreSQL };

/// "sqlite" or "postgresql", as plugins and migration folders name them.
std::string_view dialectName(Dialect dialect);

/// A database could not be opened or reached.
class DatabaseUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One plugin's database: a pool of sessions on a SQLite file or a PostgreSQL database.
class Database {
 public:
  /// Opens `url` ("sqlite:<path>" or "postgresql://…") and checks it is reachable.
  /// Throws DatabaseUnavailable with the reason, or std::invalid_argument for a bad URL.
  static std::unique_ptr<Database> open(const std::string& url);

  Database(Dialect dialect, std::string url);
  ~Database();

  Dialect dialect() const noexcept { return dialect_; }
  /// The URL without its password, for logs.
  std::string displayUrl() const;
  /// The URL as given, for native connections (migrations, LISTEN).
  const std::string& url() const noexcept { return url_; }
  /// For SQLite, the file path.
  std::string sqlitePath() const;

  /// A pooled session; returned to the pool when the last copy goes away.
  Poco::Data::Session session();
  /// True when a trivial query succeeds; otherwise false and the reason in *error.
  bool ping(std::string* error);

 private:
  Dialect dialect_;
  std::string url_;
  std::unique_ptr<Poco::Data::SessionPool> pool_;
};

}  // namespace catalog::host
