#include "support/files.hpp"

#include <fstream>
#include <iterator>

namespace catalog::test {

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace catalog::test
