#include "crypto/private_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace catalog::identity {
namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw std::runtime_error(what + " " + path + ": " + std::strerror(errno));
}

std::string directoryOf(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// The file descriptor of a new temporary file beside `path`. mkstemp creates it 0600 whatever
// the umask, so the secret is never readable by others, not even before a chmod.
int createTemporary(const std::string& path, std::string& temporary) {
  std::vector<char> name(path.begin(), path.end());
  const std::string suffix = ".XXXXXX";
  name.insert(name.end(), suffix.begin(), suffix.end());
  name.push_back('\0');
  const int fd = mkstemp(name.data());
  if (fd < 0) fail("cannot create a temporary file for", path);
  temporary = name.data();
  return fd;
}

void writeAll(int fd, const std::string& content, const std::string& path) {
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot write", path);
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) fail("cannot sync", path);
}

// A rename or link survives a crash only once the directory entry is on disk.
void syncDirectory(const std::string& path) {
  const std::string directory = directoryOf(path);
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) fail("cannot open directory", directory);
  const int synced = ::fsync(fd);
  ::close(fd);
  if (synced != 0) fail("cannot sync directory", directory);
}

}  // namespace

bool writePrivateFile(const std::string& path, const std::string& content, IfExists if_exists) {
  std::string temporary;
  const int fd = createTemporary(path, temporary);
  try {
    writeAll(fd, content, path);
  } catch (...) {
    ::close(fd);
    ::unlink(temporary.c_str());
    throw;
  }
  ::close(fd);
  // rename() replaces; link() fails with EEXIST instead, so of two processes racing one wins.
  const bool replace = if_exists == IfExists::Replace;
  const int placed =
      replace ? ::rename(temporary.c_str(), path.c_str()) : ::link(temporary.c_str(), path.c_str());
  const int cause = errno;
  if (!replace || placed != 0) ::unlink(temporary.c_str());
  if (placed != 0) {
    if (!replace && cause == EEXIST) return false;
    errno = cause;
    fail("cannot write", path);
  }
  syncDirectory(path);
  return true;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read", path);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

bool readableByOthers(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) fail("cannot stat", path);
  return (info.st_mode & (S_IRGRP | S_IROTH)) != 0;
}

bool fileExists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

}  // namespace catalog::identity
