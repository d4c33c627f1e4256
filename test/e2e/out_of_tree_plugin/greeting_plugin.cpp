#include "catalog/sdk/ids.hpp"
#include "catalog/sdk/plugin.hpp"

using catalog::sdk::Access;
using catalog::sdk::Request;
using catalog::sdk::Response;
using catalog::sdk::Transaction;

class GreetingPlugin : public catalog::sdk::Plugin {
 public:
  GreetingPlugin() {
    post("/api/v1/greetings/{name}", Access::publicRoute(), [](const Request& request) {
      Transaction tx(Transaction::Mode::ReadWrite, request.correlationId());
      tx.execute("INSERT INTO greetings (id, name) VALUES (?, ?)",
                 {catalog::sdk::newUuid(), request.param("name")});
      const auto count = tx.query("SELECT COUNT(*) AS n FROM greetings")[0].int64("n");
      tx.commit();
      return Response::created({{"hello", request.param("name")}, {"greetings", count}});
    });
  }
};

CATALOG_PLUGIN(GreetingPlugin, "greeting", CATALOG_PLUGIN_VERSION)
