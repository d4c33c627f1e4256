// sdk/cmake/check_abi_lock.cmake, run as the build runs it, on copies of abi.h and abi.lock: an
// edit to the header needs a version change, and a new version needs its hash recorded.
#include <cppunit/extensions/HelperMacros.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "catalog/abi.h"
#include "support/temp_dir.hpp"

namespace catalog::sdk {
namespace {

const std::string kHeader = std::string(CATALOG_SDK_DIR) + "/include/catalog/abi.h";
const std::string kLock = std::string(CATALOG_SDK_DIR) + "/abi.lock";

struct CheckResult {
  int exit_code = -1;
  std::string output;  // whitespace collapsed: CMake wraps its messages wherever it likes
};

std::string collapseWhitespace(const std::string& text) {
  std::istringstream words(text);
  std::string collapsed;
  for (std::string word; words >> word;) collapsed += (collapsed.empty() ? "" : " ") + word;
  return collapsed;
}

CheckResult checkAbiLock(const std::string& header, const std::string& lock) {
  const std::string command = std::string("'") + CATALOG_CMAKE_COMMAND + "' -DHEADER='" + header +
                              "' -DLOCK='" + lock + "' -P '" + CATALOG_SDK_DIR +
                              "/cmake/check_abi_lock.cmake' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  CPPUNIT_ASSERT_MESSAGE("cannot run " + command, pipe != nullptr);
  CheckResult result;
  char buffer[4096];
  while (const std::size_t count = std::fread(buffer, 1, sizeof buffer, pipe))
    result.output.append(buffer, count);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.output = collapseWhitespace(result.output);
  return result;
}

std::string read(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

void write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// The released header with its minor version replaced by `minor`.
std::string headerWithMinor(int minor) {
  std::string text = read(kHeader);
  const std::string released =
      "#define CATALOG_ABI_MINOR " + std::to_string(CATALOG_ABI_MINOR) + "\n";
  const std::size_t at = text.find(released);
  CPPUNIT_ASSERT_MESSAGE("abi.h has no line '" + released + "'", at != std::string::npos);
  return text.replace(at, released.size(),
                      "#define CATALOG_ABI_MINOR " + std::to_string(minor) + "\n");
}

std::string version(int major, int minor) {
  return std::to_string(major) + "." + std::to_string(minor);
}

void assertContains(const std::string& text, const std::string& part) {
  CPPUNIT_ASSERT_MESSAGE("'" + part + "' is missing from: " + text,
                         text.find(part) != std::string::npos);
}

}  // namespace

class AbiLockTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(AbiLockTest);
  CPPUNIT_TEST(testReleasedHeaderPasses);
  CPPUNIT_TEST(testEditedHeaderWithSameVersionFails);
  CPPUNIT_TEST(testNewVersionWithoutLockLineFails);
  CPPUNIT_TEST(testNewVersionWithSuggestedLockLinePasses);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testReleasedHeaderPasses() {
    const CheckResult result = checkAbiLock(kHeader, kLock);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.output, 0, result.exit_code);
  }

  // Even a comment changes the hash: the lock can't tell a harmless edit from a layout change.
  void testEditedHeaderWithSameVersionFails() {
    test::TempDir dir;
    write(dir.file("abi.h"), read(kHeader) + "/* an edit without a version change */\n");

    const CheckResult result = checkAbiLock(dir.file("abi.h"), kLock);
    CPPUNIT_ASSERT_MESSAGE(result.output, result.exit_code != 0);
    assertContains(result.output, "changed but its version is still " +
                                      version(CATALOG_ABI_MAJOR, CATALOG_ABI_MINOR));
    assertContains(result.output, "bump");
  }

  void testNewVersionWithoutLockLineFails() {
    test::TempDir dir;
    write(dir.file("abi.h"), headerWithMinor(CATALOG_ABI_MINOR + 1));

    const CheckResult result = checkAbiLock(dir.file("abi.h"), kLock);
    CPPUNIT_ASSERT_MESSAGE(result.output, result.exit_code != 0);
    assertContains(result.output,
                   "ABI " + version(CATALOG_ABI_MAJOR, CATALOG_ABI_MINOR + 1) + " has no hash in");
  }

  // The failure tells the developer which line to add; adding it is all a new version needs.
  void testNewVersionWithSuggestedLockLinePasses() {
    test::TempDir dir;
    write(dir.file("abi.h"), headerWithMinor(CATALOG_ABI_MINOR + 1));
    write(dir.file("abi.lock"), read(kLock));
    const std::string output = checkAbiLock(dir.file("abi.h"), dir.file("abi.lock")).output;
    const std::string marker = "add the line: ";
    const std::size_t at = output.find(marker);
    CPPUNIT_ASSERT_MESSAGE(output, at != std::string::npos);
    std::istringstream suggestion(output.substr(at + marker.size()));
    std::string new_version;
    std::string hash;
    suggestion >> new_version >> hash;
    CPPUNIT_ASSERT_EQUAL(version(CATALOG_ABI_MAJOR, CATALOG_ABI_MINOR + 1), new_version);
    write(dir.file("abi.lock"), read(kLock) + new_version + " " + hash + "\n");

    const CheckResult result = checkAbiLock(dir.file("abi.h"), dir.file("abi.lock"));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.output, 0, result.exit_code);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AbiLockTest);

}  // namespace catalog::sdk
