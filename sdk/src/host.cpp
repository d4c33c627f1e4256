#include "catalog/sdk/host.hpp"

#include <stdexcept>

#include "catalog/sdk/errors.hpp"

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

void throwHostError(const catalog_error& error) {
  const std::string message = error.message;
  switch (error.code) {
    case CATALOG_ERR_CONFLICT:
      throw ConflictError(message);
    case CATALOG_ERR_UNAVAILABLE:
      throw UnavailableError(message);
    case CATALOG_ERR_NOT_FOUND:
      throw NotFoundError(message);
    default:
      throw std::runtime_error(message);
  }
}

}  // namespace detail
}  // namespace catalog::sdk
