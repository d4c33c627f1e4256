#include "support/free_port.hpp"

#include <Poco/Net/ServerSocket.h>

namespace catalog::test {

int freePort() {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  return socket.address().port();
}

}  // namespace catalog::test
