#include "support/temp_dir.hpp"

#include <Poco/File.h>

#include <cstdlib>
#include <stdexcept>

namespace catalog::test {

TempDir::TempDir() {
  char pattern[] = "/tmp/catalog-test-XXXXXX";
  if (mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  try {
    Poco::File(path_).remove(true);
  } catch (...) {
    // A test left something that can't be removed; /tmp is cleaned eventually.
  }
}

}  // namespace catalog::test
