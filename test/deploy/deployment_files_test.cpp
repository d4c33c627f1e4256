// The container files can't run here (no Docker engine), so they are checked against what they
// name: deploy/Dockerfile, deploy/compose.yaml and deploy/kubernetes parse; each starts every
// role of etc/roles, and only those, with its own role file at the path the image installs it
// to, on the port the role file sets; probes and health checks use the host's /health routes;
// every CATALOG_* variable they set is a setting the host or a plugin reads (documented in
// etc/catalog.properties or host/config/settings.hpp); every role file names existing plugins,
// and every service address in it is another role.
#include <Poco/File.h>
#include <Poco/Glob.h>
#include <Poco/Path.h>
#include <Poco/String.h>
#include <Poco/Util/PropertyFileConfiguration.h>
#include <cppunit/extensions/HelperMacros.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "config/settings.hpp"
#include "support/files.hpp"

namespace catalog::test {
namespace {

const std::string kSource = CATALOG_SOURCE_DIR;
// Where the image installs catalogd (CMAKE_INSTALL_PREFIX in the Dockerfile).
const std::string kPrefix = "/opt/catalog";

// The roles: etc/roles/<role>.properties.
std::set<std::string> roles() {
  std::set<std::string> files;
  Poco::Glob::glob(kSource + "/etc/roles/*.properties", files);
  std::set<std::string> names;
  for (const std::string& file : files) names.insert(Poco::Path(file).getBaseName());
  return names;
}

Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> roleFile(const std::string& role) {
  return new Poco::Util::PropertyFileConfiguration(kSource + "/etc/roles/" + role + ".properties");
}

std::string configArgument(const std::string& role) {
  return "--config=" + kPrefix + "/etc/catalog/roles/" + role + ".properties";
}

std::string upper(std::string text) { return Poco::toUpper(text); }

// Every CATALOG_* variable the host or a plugin reads: the host's table in settings.hpp, the
// plugin keys documented in etc/catalog.properties (set or commented out), each plugin's
// database URL and each role's service URL.
std::set<std::string> knownVariables() {
  std::set<std::string> known;
  const std::string table = readFile(kSource + "/host/config/settings.hpp");
  const std::regex variable("CATALOG_[A-Z0-9_]+");
  for (std::sregex_iterator it(table.begin(), table.end(), variable), end; it != end; ++it)
    known.insert(it->str());
  const std::string documented = readFile(kSource + "/etc/catalog.properties");
  const std::regex plugin_key(R"(^#? *([a-z]+\.[A-Za-z0-9.]+) =)", std::regex::multiline);
  for (std::sregex_iterator it(documented.begin(), documented.end(), plugin_key), end; it != end;
       ++it) {
    if ((*it)[1].str().rfind("catalog.", 0) != 0) known.insert(host::environmentName((*it)[1]));
  }
  std::set<std::string> plugins;
  Poco::Glob::glob(kSource + "/plugins/*/CMakeLists.txt", plugins);
  for (const std::string& file : plugins) {
    const Poco::Path path(file);
    const std::string plugin = path.directory(path.depth() - 1);
    known.insert("CATALOG_" + upper(plugin) + "_DATABASE_URL");
    known.insert("CATALOG_" + upper(plugin) + "_SERVICE_URL");
  }
  known.insert("CATALOG_ENGINE_SERVICE_URL");
  return known;
}

void assertKnown(const std::string& where, const std::string& name) {
  static const std::set<std::string> known = knownVariables();
  if (name.rfind("CATALOG_", 0) != 0) return;  // the manifests' own (POSTGRES_PASSWORD, …)
  CPPUNIT_ASSERT_MESSAGE(where + " sets " + name + ", which nothing reads", known.count(name) == 1);
}

std::vector<std::string> sequence(const YAML::Node& node) {
  std::vector<std::string> items;
  for (const auto& item : node) items.push_back(item.as<std::string>());
  return items;
}

}  // namespace

class DeploymentFilesTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(DeploymentFilesTest);
  CPPUNIT_TEST(testRoleFilesNamePluginsAndRoles);
  CPPUNIT_TEST(testDockerfileBuildsOneImageThatRunsAsNonRoot);
  CPPUNIT_TEST(testComposeStartsEveryRoleAfterWhatItNeeds);
  CPPUNIT_TEST(testKubernetesHasADeploymentAndServicePerRole);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testRoleFilesNamePluginsAndRoles() {
    const std::set<std::string> all = roles();
    CPPUNIT_ASSERT_EQUAL(std::size_t{7}, all.size());
    for (const std::string& role : all) {
      const auto config = roleFile(role);
      std::stringstream plugins(config->getString("catalog.plugins"));
      for (std::string plugin; std::getline(plugins, plugin, ',');) {
        plugin = Poco::trim(plugin);
        CPPUNIT_ASSERT_MESSAGE(role + " loads " + plugin,
                               Poco::File(kSource + "/plugins/" + plugin).exists());
      }
      CPPUNIT_ASSERT_EQUAL_MESSAGE(role, 8000, config->getInt("catalog.port"));
      Poco::Util::AbstractConfiguration::Keys services;
      config->keys("catalog.services", services);
      for (const std::string& service : services) {
        const std::string key = "catalog.services." + service + ".url";
        if (!config->hasProperty(key)) continue;  // timeouts and retries
        const std::string target = service == "engine" ? "offering" : service;
        CPPUNIT_ASSERT_MESSAGE(role + ": " + key, all.count(target) == 1);
        CPPUNIT_ASSERT_EQUAL(std::string("http://") + target + ":8000", config->getString(key));
      }
      if (config->hasProperty("catalog.engine.url")) {
        CPPUNIT_ASSERT_EQUAL(std::string("http://offering:8000/engine-rest"),
                             config->getString("catalog.engine.url"));
        CPPUNIT_ASSERT_MESSAGE(role, config->hasProperty("catalog.serviceAccount.username"));
      }
    }
    CPPUNIT_ASSERT(roleFile("offering")->getBool("catalog.engine.enabled"));
  }

  void testDockerfileBuildsOneImageThatRunsAsNonRoot() {
    std::stringstream dockerfile(readFile(kSource + "/deploy/Dockerfile"));
    int stages = 0;
    std::string user;
    std::string entrypoint;
    std::vector<std::string> copied;
    for (std::string line; std::getline(dockerfile, line);) {
      std::stringstream words(line);
      std::string instruction;
      words >> instruction;
      if (instruction == "FROM") {
        std::string image;
        words >> image;
        CPPUNIT_ASSERT_EQUAL(std::string("debian:12"), image);
        ++stages;
      } else if (instruction == "USER") {
        words >> user;
      } else if (instruction == "ENTRYPOINT") {
        entrypoint = line;
      } else if (instruction == "COPY") {
        std::string source;
        words >> source;
        if (source.rfind("--from", 0) != 0) copied.push_back(source);
      }
    }
    CPPUNIT_ASSERT_EQUAL(3, stages);  // the host, the web UI, the image
    CPPUNIT_ASSERT(!user.empty() && user != "root" && user != "0");
    CPPUNIT_ASSERT(entrypoint.find(kPrefix + "/bin/catalogd") != std::string::npos);
    CPPUNIT_ASSERT(
        readFile(kSource + "/deploy/Dockerfile").find("-DCMAKE_INSTALL_PREFIX=" + kPrefix) !=
        std::string::npos);
    // The gateway role serves the UI from where the image puts it.
    CPPUNIT_ASSERT(readFile(kSource + "/deploy/Dockerfile")
                       .find("COPY --from=web /web/dist " +
                             roleFile("gateway")->getString("gateway.webRoot")) !=
                   std::string::npos);
    for (const std::string& source : copied) {
      CPPUNIT_ASSERT_MESSAGE("COPY " + source, Poco::File(kSource + "/" + source).exists());
    }
    // Everything the build reads is copied in.
    const std::string cmake = readFile(kSource + "/CMakeLists.txt");
    const std::regex subdirectory(R"(add_subdirectory\((\w+)\))");
    for (std::sregex_iterator it(cmake.begin(), cmake.end(), subdirectory), end; it != end; ++it) {
      if ((*it)[1] == "test") continue;  // BUILD_TESTING=OFF
      CPPUNIT_ASSERT_MESSAGE((*it)[1].str() + " is not copied into the build stage",
                             std::count(copied.begin(), copied.end(), (*it)[1].str()) == 1);
    }
  }

  void testComposeStartsEveryRoleAfterWhatItNeeds() {
    const YAML::Node compose = YAML::LoadFile(kSource + "/deploy/compose.yaml");
    const YAML::Node services = compose["services"];
    std::set<std::string> started;
    for (const auto& entry : services) {
      const std::string name = entry.first.as<std::string>();
      const YAML::Node service = entry.second;
      for (const auto& dependency : service["depends_on"]) {
        const std::string needed = dependency.first.as<std::string>();
        CPPUNIT_ASSERT_MESSAGE(name + " needs " + needed, services[needed].IsDefined());
        CPPUNIT_ASSERT_EQUAL(std::string("service_healthy"),
                             dependency.second["condition"].as<std::string>());
        CPPUNIT_ASSERT_MESSAGE(needed + " has no health check",
                               services[needed]["healthcheck"].IsDefined());
      }
      for (const std::string& volume : sequence(service["volumes"])) {
        const std::string source = volume.substr(0, volume.find(':'));
        if (source[0] == '.' || source[0] == '/') continue;  // a file or directory, not a volume
        CPPUNIT_ASSERT_MESSAGE(name + " mounts the undeclared volume " + source,
                               compose["volumes"][source].IsDefined());
      }
      if (name == "postgres" || name == "rabbitmq" || name == "zipkin" || name == "prometheus")
        continue;
      started.insert(name);
      CPPUNIT_ASSERT_EQUAL(std::string("catalog:latest"), service["image"].as<std::string>());
      CPPUNIT_ASSERT_EQUAL(configArgument(name), sequence(service["command"]).at(0));
      const std::vector<std::string> check = sequence(service["healthcheck"]["test"]);
      CPPUNIT_ASSERT_EQUAL(std::string("http://127.0.0.1:") +
                               std::to_string(roleFile(name)->getInt("catalog.port")) +
                               "/health/ready",
                           check.back());
      for (const auto& variable : service["environment"])
        assertKnown("compose " + name, variable.first.as<std::string>());
      CPPUNIT_ASSERT_EQUAL_MESSAGE(name, std::string("http://zipkin:9411"),
                                   service["environment"]["ZIPKIN_URL"].as<std::string>(""));
    }
    CPPUNIT_ASSERT(started == roles());
    CPPUNIT_ASSERT_EQUAL(std::string("8000:8000"),
                         services["gateway"]["ports"][0].as<std::string>());
    CPPUNIT_ASSERT(Poco::File(kSource + "/deploy/postgres-init.sql").exists());
  }

  void testKubernetesHasADeploymentAndServicePerRole() {
    const std::string dir = kSource + "/deploy/kubernetes/";
    const YAML::Node kustomization = YAML::LoadFile(dir + "kustomization.yaml");
    const std::string notes = readFile(dir + "kustomization.yaml");
    std::set<std::string> deployed;
    for (const std::string& resource : sequence(kustomization["resources"])) {
      const std::string role = Poco::Path(resource).getBaseName();
      deployed.insert(role);
      std::map<std::string, YAML::Node> kinds;
      for (const YAML::Node& document : YAML::LoadAllFromFile(dir + resource)) {
        CPPUNIT_ASSERT_EQUAL(role, document["metadata"]["name"].as<std::string>());
        kinds[document["kind"].as<std::string>()] = document;
      }
      CPPUNIT_ASSERT_EQUAL_MESSAGE(resource, std::size_t{2}, kinds.size());
      const YAML::Node deployment = kinds.at("Deployment");
      const YAML::Node service = kinds.at("Service");
      const YAML::Node pod = deployment["spec"]["template"];
      CPPUNIT_ASSERT(pod["spec"]["securityContext"]["runAsNonRoot"].as<bool>());
      for (const auto& label : deployment["spec"]["selector"]["matchLabels"]) {
        const std::string key = label.first.as<std::string>();
        CPPUNIT_ASSERT_EQUAL(label.second.as<std::string>(),
                             pod["metadata"]["labels"][key].as<std::string>());
        CPPUNIT_ASSERT_EQUAL(label.second.as<std::string>(),
                             service["spec"]["selector"][key].as<std::string>());
      }
      const YAML::Node container = pod["spec"]["containers"][0];
      CPPUNIT_ASSERT_EQUAL(std::string("catalog:latest"), container["image"].as<std::string>());
      CPPUNIT_ASSERT_EQUAL(configArgument(role), sequence(container["args"]).at(0));
      CPPUNIT_ASSERT_EQUAL(roleFile(role)->getInt("catalog.port"),
                           container["ports"][0]["containerPort"].as<int>());
      CPPUNIT_ASSERT_EQUAL(std::string("/health/live"),
                           container["livenessProbe"]["httpGet"]["path"].as<std::string>());
      CPPUNIT_ASSERT_EQUAL(std::string("/health/ready"),
                           container["readinessProbe"]["httpGet"]["path"].as<std::string>());
      // Prometheus finds every role's /metrics on the container's port.
      const YAML::Node scrape = pod["metadata"]["annotations"];
      CPPUNIT_ASSERT_EQUAL(std::string("true"), scrape["prometheus.io/scrape"].as<std::string>(""));
      CPPUNIT_ASSERT_EQUAL(container["ports"][0]["containerPort"].as<std::string>(),
                           scrape["prometheus.io/port"].as<std::string>(""));
      CPPUNIT_ASSERT_EQUAL(std::string("/metrics"),
                           scrape["prometheus.io/path"].as<std::string>(""));
      CPPUNIT_ASSERT_EQUAL(container["ports"][0]["name"].as<std::string>(),
                           service["spec"]["ports"][0]["targetPort"].as<std::string>());
      std::set<std::string> defined;
      const std::regex reference(R"(\$\(([A-Z_]+)\))");
      for (const YAML::Node& variable : container["env"]) {
        const std::string name = variable["name"].as<std::string>();
        assertKnown(resource, name);
        if (variable["value"]) {
          const std::string value = variable["value"].as<std::string>();
          for (std::sregex_iterator it(value.begin(), value.end(), reference), end; it != end;
               ++it) {
            CPPUNIT_ASSERT_MESSAGE(name + " uses " + (*it)[1].str() + " before it is set",
                                   defined.count((*it)[1]) == 1);
          }
        } else {
          const YAML::Node secret = variable["valueFrom"]["secretKeyRef"];
          CPPUNIT_ASSERT_EQUAL(std::string("catalog"), secret["name"].as<std::string>());
          const std::string key = secret["key"].as<std::string>();
          CPPUNIT_ASSERT_MESSAGE("the secret's key " + key + " is not documented",
                                 notes.find("--from-literal=" + key + "=") != std::string::npos ||
                                     notes.find("--from-file=" + key + "=") != std::string::npos);
        }
        defined.insert(name);
      }
    }
    CPPUNIT_ASSERT(deployed == roles());
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DeploymentFilesTest);

}  // namespace catalog::test
