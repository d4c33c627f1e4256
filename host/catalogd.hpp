#pragma once

#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>

#include <map>
#include <string>
#include <vector>

namespace catalog::host {

/// The catalogd process: options, configuration, logging, and the CatalogHost until SIGTERM.
class Catalogd : public Poco::Util::ServerApplication {
 protected:
  void defineOptions(Poco::Util::OptionSet& options) override;
  void handleOption(const std::string& name, const std::string& value) override;
  int main(const std::vector<std::string>& args) override;

 private:
  int serve();
  void printHelp();

  bool help_ = false;
  std::string config_file_;
  std::map<std::string, std::string> overrides_;
};

}  // namespace catalog::host
