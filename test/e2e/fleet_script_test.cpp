// scripts/fleet, the split deployment the README offers on one machine: it starts PostgreSQL,
// RabbitMQ and the seven roles from the build tree, the fleet answers through its gateway with
// every context remote, and Ctrl-C (SIGTERM) stops every process it started.
#include <Poco/Net/ServerSocket.h>
#include <cppunit/extensions/HelperMacros.h>
#include <sys/stat.h>

#include <fstream>
#include <random>
#include <string>

#include "support/catalogd_process.hpp"
#include "support/eventually.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"

namespace catalog::test {
namespace {

using sdk::Json;

// The script takes the gateway's port and the 13 above it.
constexpr int kPortsUsed = 14;

bool portFree(int port) {
  try {
    Poco::Net::ServerSocket socket;
    // SO_REUSEADDR: connections the test made may linger in TIME_WAIT on a closed port.
    socket.bind(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)), true);
    return true;
  } catch (const Poco::Exception&) {
    return false;
  }
}

// The first port of kPortsUsed free ones in a row, below the ephemeral range.
int freePortRange() {
  std::mt19937 random(std::random_device{}());
  for (int tries = 0; tries < 100; ++tries) {
    const int base = std::uniform_int_distribution<int>(200, 1500)(random) * 20;
    bool free = true;
    for (int port = base; free && port < base + kPortsUsed; ++port) free = portFree(port);
    if (free) return base;
  }
  throw std::runtime_error("no range of free ports");
}

std::string firstLine(const std::string& path) {
  std::ifstream file(path);
  std::string line;
  std::getline(file, line);
  return line;
}

}  // namespace

class FleetScriptTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(FleetScriptTest);
  CPPUNIT_TEST(testFleetServesThroughItsGatewayAndStopsOnSigterm);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testFleetServesThroughItsGatewayAndStopsOnSigterm() {
    TempDir dir;
    ::chmod(dir.path().c_str(), 0755);  // PostgreSQL and RabbitMQ run as their own users
    const int port = freePortRange();
    CatalogdProcess fleet({{"--no-build"},
                           {{"FLEET_DIR", dir.file("fleet")}, {"BUILD_DIR", CATALOG_BINARY_DIR}},
                           dir.file("fleet.log"),
                           port,
                           false,
                           std::string(CATALOG_SOURCE_DIR) + "/scripts/fleet"});
    eventually(
        [&] {
          return !fleet.running() || fleet.logs().find("catalog fleet on") != std::string::npos;
        },
        std::chrono::seconds(120));
    CPPUNIT_ASSERT_MESSAGE(fleet.logs(), fleet.running());

    const HttpResult login = httpRequest(
        port, "POST", "/api/v1/auth/login",
        Json{{"username", "admin"}, {"password", firstLine(dir.file("fleet/admin-password"))}}
            .dump());
    CPPUNIT_ASSERT_EQUAL_MESSAGE(login.text, 200, login.status);
    const HttpResult created =
        httpRequest(port, "POST", "/api/v1/characteristics",
                    Json{{"name", "Speed"}, {"value", "100"}, {"unit_of_measure", "Mbps"}}.dump(),
                    {{"Authorization", "Bearer " + login.json.value("access_token", "")}});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(created.text, 201, created.status);
    const HttpResult dependencies = httpRequest(port, "GET", "/health/dependencies");
    for (const char* context :
         {"identity", "characteristic", "specification", "pricing", "offering", "store"}) {
      CPPUNIT_ASSERT_EQUAL_MESSAGE(context, Json("remote"),
                                   dependencies.json["dependencies"][context]["location"]);
    }

    CPPUNIT_ASSERT_EQUAL(0, fleet.terminate(60));

    for (int used = port; used < port + kPortsUsed; ++used) {
      CPPUNIT_ASSERT_MESSAGE(std::to_string(used) + " is still taken:\n" + fleet.logs(),
                             eventually([&] { return portFree(used); }));
    }
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(FleetScriptTest);

}  // namespace catalog::test
