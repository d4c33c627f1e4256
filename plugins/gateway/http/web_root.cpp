#include "http/web_root.hpp"

#include <fstream>
#include <map>
#include <sstream>

namespace catalog::gateway {
namespace {

const std::map<std::string, std::string>& contentTypes() {
  static const std::map<std::string, std::string> types = {
      {"html", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"json", "application/json"},
      {"map", "application/json"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"ico", "image/x-icon"},
      {"woff2", "font/woff2"},
      {"txt", "text/plain; charset=utf-8"},
      {"bpmn", "application/xml"},
      {"webmanifest", "application/manifest+json"}};
  return types;
}

std::string extensionOf(const std::string& path) {
  const auto slash = path.rfind('/');
  const auto dot = path.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  return path.substr(dot + 1);
}

// A path inside the web root: no empty, "." or ".." segment, no hidden file, no backslash or NUL.
bool isSafe(const std::string& path) {
  if (path.find('\\') != std::string::npos || path.find('\0') != std::string::npos) return false;
  std::size_t start = 1;
  while (start < path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string segment = path.substr(start, end - start);
    if (segment.empty() || segment.front() == '.') return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

WebRoot::WebRoot(std::string directory) : directory_(std::move(directory)) {
  while (directory_.size() > 1 && directory_.back() == '/') directory_.pop_back();
}

std::optional<sdk::Response> WebRoot::serve(const sdk::Request& request) const {
  if (request.method() != "GET" || directory_.empty()) return std::nullopt;
  std::string path = request.path();
  if (path.empty() || path.back() == '/') path += "index.html";
  if (!isSafe(path)) return std::nullopt;
  std::string extension = extensionOf(path);
  std::optional<std::string> body = read(path);
  if (!body && extension.empty()) {  // a page of the app: its shell decides what to show
    body = read("/index.html");
    extension = "html";
  }
  if (!body) return std::nullopt;
  const auto type = contentTypes().find(extension);
  sdk::Response response = sdk::Response::bytes(
      200, std::move(*body),
      type != contentTypes().end() ? type->second : "application/octet-stream");
  // Vite names the files under assets/ by their content hash: they never change.
  response.header("Cache-Control", path.rfind("/assets/", 0) == 0
                                       ? "public, max-age=31536000, immutable"
                                       : "no-cache");
  response.header("X-Content-Type-Options", "nosniff");
  return response;
}

std::optional<std::string> WebRoot::read(const std::string& relative) const {
  std::ifstream file(directory_ + relative, std::ios::binary);
  if (!file) return std::nullopt;
  std::ostringstream content;
  content << file.rdbuf();
  if (file.bad()) return std::nullopt;
  return content.str();
}

}  // namespace catalog::gateway
