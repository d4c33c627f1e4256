#pragma once

namespace catalog::test {

/// A TCP port on 127.0.0.1 that was free a moment ago.
int freePort();

}  // namespace catalog::test
