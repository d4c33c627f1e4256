#pragma once

/// @file
/// Reading another context's lists through Services: narrowed to ids, or whole, page by page.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/sdk/json.hpp"
#include "catalog/sdk/services.hpp"

namespace catalog::sdk {

/// The items of the list at `path` (e.g. "/api/v1/prices") whose ids are among `ids`, a page
/// of ids per call; ids the context doesn't know are simply absent. On behalf of `caller`.
/// Throws UnavailableError naming `service` when it can't be reached or answers anything but a
/// list.
std::vector<Json> listByIds(const Services& services, std::string_view service,
                            std::string_view path, const std::vector<std::string>& ids,
                            const Request& caller);

/// Every item of the list at `path` narrowed by `query` (e.g. {"lifecycle_status",
/// "PUBLISHED"}), page after page. Throws as listByIds.
std::vector<Json> listAll(const Services& services, std::string_view service, std::string_view path,
                          const std::vector<std::pair<std::string, std::string>>& query,
                          const Request& caller);

}  // namespace catalog::sdk
