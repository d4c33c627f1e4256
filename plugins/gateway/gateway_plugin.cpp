// The gateway context (SRS §3.2.7): the host's front door. Every request that is not the
// host's own comes here, and goes on to the context that owns its path, in process or over
// HTTP; what no context owns is the web UI.
#include "catalog/sdk/plugin.hpp"
#include "gateway.hpp"

namespace catalog::gateway {

class GatewayPlugin : public sdk::Plugin {
 public:
  GatewayPlugin() : gateway_(*this, GatewaySettings::read(*this)) {
    ingress([this](const sdk::Request& request) { return gateway_.handle(request); });
    get("/health/dependencies", sdk::Access::publicRoute(),
        [this](const sdk::Request&) { return sdk::Response::ok(gateway_.dependencies()); });
  }

  sdk::Health health() override { return gateway_.health(); }

 private:
  Gateway gateway_;
};

}  // namespace catalog::gateway

CATALOG_PLUGIN(catalog::gateway::GatewayPlugin, "gateway", CATALOG_PLUGIN_VERSION)
