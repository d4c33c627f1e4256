#include "storage/host_migrations.hpp"

#include <string>

namespace catalog::host {

std::vector<Migration> hostMigrations() {
  std::vector<Migration> migrations;
  forEachHostMigration(
      [&](std::string_view dialect, int version, std::string_view name, std::string_view sql) {
        migrations.push_back({std::string(dialect), version, std::string(name), std::string(sql)});
      });
  return migrations;
}

}  // namespace catalog::host
