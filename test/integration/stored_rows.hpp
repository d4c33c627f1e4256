#pragma once

#include <optional>
#include <string>
#include <vector>

namespace catalog::test {

/// A row as the database stores it: every cell as text, nullopt for NULL.
using StoredRow = std::vector<std::optional<std::string>>;

/// Runs `sql` on the database at `url` ("sqlite:<file>" or "postgresql://…") through the
/// driver's own client library, outside catalogd and the host's storage code, so a test sees
/// what was really committed. Throws std::runtime_error with the driver's message.
std::vector<StoredRow> queryStoredRows(const std::string& url, const std::string& sql);

/// The single value of a one-row, one-column query, e.g. SELECT COUNT(*); throws otherwise.
std::string queryStoredValue(const std::string& url, const std::string& sql);

}  // namespace catalog::test
