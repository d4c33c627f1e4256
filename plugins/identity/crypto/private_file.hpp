#pragma once

#include <string>

namespace catalog::identity {

/// What to do when the file to write already exists.
enum class IfExists { Replace, Keep };

/// Writes `content` to `path` so that nobody but this user can read it at any moment and no
/// reader ever sees half of it: a temporary file created with mode 0600 in the same directory,
/// written and synced, then renamed over `path` (Replace) or linked to it only if `path` is
/// still absent (Keep), and the directory synced. Returns false when Keep found the file already
/// there (written meanwhile by someone else). Throws std::runtime_error naming the path and the
/// cause.
bool writePrivateFile(const std::string& path, const std::string& content, IfExists if_exists);

/// The whole file; throws std::runtime_error naming the path when it can't be read.
std::string readFile(const std::string& path);

/// True when the file's mode lets its group or others read it.
bool readableByOthers(const std::string& path);

/// True when `path` exists.
bool fileExists(const std::string& path);

}  // namespace catalog::identity
