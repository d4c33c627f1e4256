#include "catalogd.hpp"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/File.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Path.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <pthread.h>
#include <signal.h>

#include <iostream>

#include "catalog_host.hpp"
#include "config/settings.hpp"
#include "observability/json_log_formatter.hpp"
#include "observability/log.hpp"
#include "storage/database.hpp"

namespace catalog::host {
namespace {

using Poco::Util::Option;

// Every thread inherits this mask, so SIGINT/SIGTERM/SIGQUIT wait for the main thread's
// waitForTerminationRequest() instead of killing the process from whichever thread the kernel
// picks (Poco's own threads block SIGTERM but not SIGINT).
void blockTerminationSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGQUIT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

void setUpLogging() {
  Poco::AutoPtr<Poco::ConsoleChannel> console(new Poco::ConsoleChannel(std::cout));
  Poco::AutoPtr<Poco::FormattingChannel> channel(
      new Poco::FormattingChannel(new JsonLogFormatter, console));
  Poco::Logger::root().setChannel(channel);
  Poco::Logger::root().setLevel(Poco::Message::PRIO_INFORMATION);
}

std::string relativeToExecutable(const std::string& app_dir, const std::string& relative) {
  return Poco::Path(app_dir)
      .makeDirectory()
      .resolve(Poco::Path(relative))
      .makeAbsolute()
      .toString();
}

}  // namespace

void Catalogd::defineOptions(Poco::Util::OptionSet& options) {
  ServerApplication::defineOptions(options);
  options.addOption(Option("help", "h", "print this help and exit"));
  options.addOption(
      Option("config", "c",
             "configuration file (default: ../etc/catalog/catalog.properties next to catalogd)")
          .argument("FILE"));
  options.addOption(
      Option("plugins", "p", "comma-separated plugins to load, overriding catalog.plugins")
          .argument("LIST"));
  options.addOption(Option("port", "", "HTTP port (default 8000)").argument("N"));
  options.addOption(Option("data-dir", "d", "directory of the embedded databases (default ./var)")
                        .argument("DIR"));
}

void Catalogd::handleOption(const std::string& name, const std::string& value) {
  ServerApplication::handleOption(name, value);
  if (name == "help") {
    help_ = true;
    stopOptionsProcessing();
  } else if (name == "config") {
    config_file_ = value;
  } else if (name == "plugins") {
    overrides_["catalog.plugins"] = value;
  } else if (name == "port") {
    overrides_["catalog.port"] = value;
  } else if (name == "data-dir") {
    overrides_["catalog.dataDir"] = value;
  }
}

void Catalogd::printHelp() {
  Poco::Util::HelpFormatter help(options());
  help.setCommand(commandName());
  help.setUsage("[options]");
  help.setHeader(
      "catalogd hosts product catalog bounded contexts as plugins. Environment overrides: "
      "CATALOG_PORT, CATALOG_DATA_DIR, CATALOG_PLUGINS, CATALOG_PLUGIN_PATH, "
      "CATALOG_<PLUGIN>_DATABASE_URL (sqlite:<file> or postgresql://...).");
  help.format(std::cout);
}

int Catalogd::main(const std::vector<std::string>&) {
  if (help_) {
    printHelp();
    return EXIT_OK;
  }
  blockTerminationSignals();
  setUpLogging();
  // Poco's own lines (subsystems at debug level) come out as JSON like the rest.
  setLogger(Poco::Logger::get("catalogd"));
  try {
    return serve();
  } catch (const Poco::Exception& e) {
    log(Poco::Logger::get("catalogd"), Poco::Message::PRIO_CRITICAL, "", e.displayText());
    return EXIT_SOFTWARE;
  } catch (const std::exception& e) {
    log(Poco::Logger::get("catalogd"), Poco::Message::PRIO_CRITICAL, "", e.what());
    return EXIT_SOFTWARE;
  }
}

int Catalogd::serve() {
  Poco::Logger& logger = Poco::Logger::get("catalogd");
  const std::string app_dir = config().getString("application.dir");
  const std::string config_file =
      config_file_.empty() ? relativeToExecutable(app_dir, "../etc/catalog/catalog.properties")
                           : config_file_;
  if (!Poco::File(config_file).exists()) {
    log(logger, Poco::Message::PRIO_CRITICAL, "",
        "configuration file " + config_file + " not found");
    return EXIT_CONFIG;
  }
  loadConfiguration(config_file);

  Settings settings;
  try {
    settings = Settings::load(config(), overrides_,
                              relativeToExecutable(app_dir, "../lib/catalog/plugins"));
  } catch (const std::invalid_argument& e) {
    log(logger, Poco::Message::PRIO_CRITICAL, "",
        "invalid configuration: " + std::string(e.what()));
    return EXIT_CONFIG;
  }
  Poco::Logger::root().setLevel(settings.log_level);
  Poco::Logger::setLevel("", Poco::Logger::parseLevel(settings.log_level));

  CatalogHost host(std::move(settings), logger);
  try {
    host.load();
  } catch (const UnknownPlugin& e) {
    log(logger, Poco::Message::PRIO_CRITICAL, "", e.what());
    return EXIT_CONFIG;
  } catch (const PluginRefused& e) {
    log(logger, Poco::Message::PRIO_CRITICAL, "", e.what());
    return EXIT_SOFTWARE;
  } catch (const DatabaseUnavailable& e) {
    log(logger, Poco::Message::PRIO_CRITICAL, "", e.what());
    return EXIT_UNAVAILABLE;
  } catch (const std::invalid_argument& e) {
    log(logger, Poco::Message::PRIO_CRITICAL, "", e.what());
    return EXIT_CONFIG;
  }
  host.start();
  waitForTerminationRequest();
  log(logger, Poco::Message::PRIO_INFORMATION, "", "shutting down");
  host.stop();
  return EXIT_OK;
}

}  // namespace catalog::host
