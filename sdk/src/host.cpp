#include "catalog/sdk/host.hpp"

#include <stdexcept>

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/log.hpp"

namespace catalog::sdk {
namespace {
Host the_host;
}

const Host& host() { return the_host; }

namespace detail {

void setHost(const catalog_host_api* api, catalog_plugin_context* context) {
  the_host.api = api;
  the_host.context = context;
}

// The host's message names tables, constraints and URLs: it goes to the log, and the client
// gets a message of its own.
void throwHostError(const catalog_error& error) {
  const std::string message = error.message;
  switch (error.code) {
    case CATALOG_ERR_CONFLICT:
      Logger().warning("conflict: " + message);
      throw ConflictError("The change conflicts with existing data");
    case CATALOG_ERR_UNAVAILABLE:
      Logger().warning("unavailable: " + message);
      throw UnavailableError("A dependency is unavailable; retry later");
    case CATALOG_ERR_NOT_FOUND:
      throw NotFoundError(message);
    default:
      throw std::runtime_error(message);
  }
}

}  // namespace detail
}  // namespace catalog::sdk
