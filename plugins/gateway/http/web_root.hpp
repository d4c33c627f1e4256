#pragma once

#include <optional>
#include <string>

#include "catalog/sdk/request.hpp"
#include "catalog/sdk/response.hpp"

namespace catalog::gateway {

/// The web UI's built files (gateway.webRoot), served to GET requests no route claims. A path
/// that names no file and has no extension is a page of the single-page app and gets
/// index.html, so that links such as /store/offerings/{id} can be shared and reloaded.
class WebRoot {
 public:
  /// `directory` may be missing (the UI not built): then nothing is served.
  explicit WebRoot(std::string directory);

  /// The file or page for `request`, or nullopt when it is not a GET, or names a missing file.
  std::optional<sdk::Response> serve(const sdk::Request& request) const;

 private:
  std::optional<std::string> read(const std::string& relative) const;

  std::string directory_;
};

}  // namespace catalog::gateway
