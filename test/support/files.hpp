#pragma once

#include <string>

namespace catalog::test {

/// The whole content of a file; empty when it can't be read.
std::string readFile(const std::string& path);

}  // namespace catalog::test
