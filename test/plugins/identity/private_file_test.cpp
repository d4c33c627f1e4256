// Secrets on disk: never readable by others, never half-written.
#include "crypto/private_file.hpp"

#include <cppunit/extensions/HelperMacros.h>
#include <dirent.h>
#include <sys/stat.h>

#include <string>

#include "support/temp_dir.hpp"

namespace catalog::identity {
namespace {

mode_t modeOf(const std::string& path) {
  struct stat info {};
  ::stat(path.c_str(), &info);
  return info.st_mode & 07777;
}

int entriesIn(const std::string& directory) {
  int count = 0;
  DIR* dir = ::opendir(directory.c_str());
  while (const dirent* entry = ::readdir(dir)) {
    if (std::string(entry->d_name) != "." && std::string(entry->d_name) != "..") ++count;
  }
  ::closedir(dir);
  return count;
}

// Sets the umask for the lifetime of the guard.
class Umask {
 public:
  explicit Umask(mode_t mask) : previous_(::umask(mask)) {}
  ~Umask() { ::umask(previous_); }

 private:
  mode_t previous_;
};

}  // namespace

class PrivateFileTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(PrivateFileTest);
  CPPUNIT_TEST(testFileIsWrittenWithMode0600WhateverTheUmask);
  CPPUNIT_TEST(testReplaceOverwritesAndLeavesNoTemporaryBehind);
  CPPUNIT_TEST(testKeepLeavesAnExistingFileAlone);
  CPPUNIT_TEST(testUnwritableDirectoryIsAnErrorNamingThePath);
  CPPUNIT_TEST(testGroupReadableFileIsDetected);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testFileIsWrittenWithMode0600WhateverTheUmask() {
    test::TempDir dir;
    const Umask permissive(0);
    CPPUNIT_ASSERT(writePrivateFile(dir.file("secret"), "s3cret", IfExists::Replace));
    CPPUNIT_ASSERT_EQUAL(mode_t(0600), modeOf(dir.file("secret")));
    CPPUNIT_ASSERT_EQUAL(std::string("s3cret"), readFile(dir.file("secret")));
    CPPUNIT_ASSERT(!readableByOthers(dir.file("secret")));
  }

  void testReplaceOverwritesAndLeavesNoTemporaryBehind() {
    test::TempDir dir;
    writePrivateFile(dir.file("secret"), "old", IfExists::Replace);
    CPPUNIT_ASSERT(writePrivateFile(dir.file("secret"), "new", IfExists::Replace));
    CPPUNIT_ASSERT_EQUAL(std::string("new"), readFile(dir.file("secret")));
    CPPUNIT_ASSERT_EQUAL(1, entriesIn(dir.path()));
  }

  void testKeepLeavesAnExistingFileAlone() {
    test::TempDir dir;
    CPPUNIT_ASSERT(writePrivateFile(dir.file("secret"), "first", IfExists::Keep));
    CPPUNIT_ASSERT(!writePrivateFile(dir.file("secret"), "second", IfExists::Keep));
    CPPUNIT_ASSERT_EQUAL(std::string("first"), readFile(dir.file("secret")));
    CPPUNIT_ASSERT_EQUAL(1, entriesIn(dir.path()));
  }

  void testUnwritableDirectoryIsAnErrorNamingThePath() {
    try {
      writePrivateFile("/nonexistent-directory/secret", "x", IfExists::Replace);
      CPPUNIT_FAIL("wrote into a missing directory");
    } catch (const std::runtime_error& e) {
      CPPUNIT_ASSERT(std::string(e.what()).find("/nonexistent-directory/secret") !=
                     std::string::npos);
    }
  }

  void testGroupReadableFileIsDetected() {
    test::TempDir dir;
    writePrivateFile(dir.file("secret"), "x", IfExists::Replace);
    ::chmod(dir.file("secret").c_str(), 0640);
    CPPUNIT_ASSERT(readableByOthers(dir.file("secret")));
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PrivateFileTest);

}  // namespace catalog::identity
