// The monitoring files operators load: etc/prometheus (alerting rules, their unit tests, an
// example scrape configuration) checked by promtool, the checker Prometheus ships, and the
// Grafana dashboard in etc/grafana. Every metric they query must be one catalogd serves at
// GET /metrics, so a misspelt name fails here instead of drawing an empty panel or arming an
// alert that never fires.
#include <Poco/Environment.h>
#include <Poco/Glob.h>
#include <Poco/Path.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <Poco/Util/PropertyFileConfiguration.h>
#include <cppunit/extensions/HelperMacros.h>
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "support/files.hpp"

namespace catalog::test {
namespace {

const std::string kSource = CATALOG_SOURCE_DIR;
const std::string kAlerts = "etc/prometheus/catalog-alerts.yml";
const std::string kAlertTests = "etc/prometheus/catalog-alerts.test.yml";
const std::string kScrapeConfig = "etc/prometheus/prometheus.yml";
const std::string kDashboard = "etc/grafana/catalog-dashboard.json";

// What catalogd serves at GET /metrics: the host's metrics, the process's, and those of the
// gateway and identity plugins.
const std::set<std::string> kServedMetrics = {
    "catalog_http_requests_total",
    "catalog_http_request_duration_seconds",
    "catalog_http_requests_in_flight",
    "catalog_db_connections",
    "catalog_db_connections_max",
    "catalog_db_up",
    "catalog_outbox_pending_events",
    "catalog_outbox_oldest_pending_age_seconds",
    "catalog_outbox_dead_events",
    "catalog_events_published_total",
    "catalog_events_consumed_total",
    "catalog_events_failed_total",
    "catalog_events_dead_lettered_total",
    "catalog_event_lag_seconds",
    "catalog_saga_instances",
    "catalog_saga_incidents_open",
    "catalog_saga_steps_total",
    "catalog_saga_step_duration_seconds",
    "catalog_trace_spans_exported_total",
    "catalog_trace_spans_dropped_total",
    "process_resident_memory_bytes",
    "process_virtual_memory_bytes",
    "process_threads",
    "process_open_fds",
    "process_cpu_seconds_total",
    "process_start_time_seconds",
    "catalog_gateway_circuit_breaker_state",
    "catalog_identity_login_failures_total",
};

// Queried through their _bucket, _sum and _count series.
const std::set<std::string> kHistograms = {
    "catalog_http_request_duration_seconds",
    "catalog_event_lag_seconds",
    "catalog_saga_step_duration_seconds",
};

struct CommandResult {
  int exit_code = -1;
  std::string output;
};

// promtool run from the source root, its stdout and stderr together: what it says explains a
// failure.
CommandResult promtool(const std::vector<std::string>& args) {
  Poco::Path binary;
  CPPUNIT_ASSERT_MESSAGE("promtool is missing: run scripts/install-deps --test",
                         Poco::Path::find(Poco::Environment::get("PATH", ""), "promtool", binary));
  Poco::Pipe output;
  Poco::ProcessHandle process =
      Poco::Process::launch(binary.toString(), args, kSource, nullptr, &output, &output);
  Poco::PipeInputStream stream(output);
  CommandResult result;
  Poco::StreamCopier::copyToString(stream, result.output);
  result.exit_code = process.wait();
  return result;
}

void assertSucceeds(const CommandResult& result) {
  CPPUNIT_ASSERT_EQUAL_MESSAGE(result.output, 0, result.exit_code);
}

std::vector<YAML::Node> alertRules() {
  std::vector<YAML::Node> alerts;
  for (const YAML::Node& group : YAML::LoadFile(kSource + "/" + kAlerts)["groups"]) {
    for (const YAML::Node& rule : group["rules"]) {
      if (rule["alert"]) alerts.push_back(rule);
    }
  }
  return alerts;
}

// The alerts some test case of the unit tests expects to fire.
std::set<std::string> alertsTestedFiring() {
  std::set<std::string> names;
  for (const YAML::Node& test : YAML::LoadFile(kSource + "/" + kAlertTests)["tests"]) {
    for (const YAML::Node& check : test["alert_rule_test"]) {
      const YAML::Node expected = check["exp_alerts"];
      if (expected && expected.size() > 0) names.insert(check["alertname"].as<std::string>());
    }
  }
  return names;
}

nlohmann::json dashboard() { return nlohmann::json::parse(readFile(kSource + "/" + kDashboard)); }

// Panels in the order they are drawn, with those of collapsed rows.
std::vector<nlohmann::json> panels(const nlohmann::json& board) {
  std::vector<nlohmann::json> all;
  for (const nlohmann::json& panel : board.at("panels")) {
    all.push_back(panel);
    for (const nlohmann::json& nested : panel.value("panels", nlohmann::json::array()))
      all.push_back(nested);
  }
  return all;
}

// The queries of a dashboard: its targets' expressions and its variables' queries, wherever
// they sit.
void collectQueries(const nlohmann::json& node, const std::string& key,
                    std::vector<std::string>& queries) {
  if (node.is_string() && (key == "expr" || key == "query" || key == "definition")) {
    queries.push_back(node.get<std::string>());
  } else if (node.is_object()) {
    for (const auto& [child_key, child] : node.items()) collectQueries(child, child_key, queries);
  } else if (node.is_array()) {
    for (const nlohmann::json& child : node) collectQueries(child, key, queries);
  }
}

std::string metricOf(const std::string& series) {
  for (const std::string suffix : {"_bucket", "_sum", "_count"}) {
    if (series.size() <= suffix.size()) continue;
    const std::string base = series.substr(0, series.size() - suffix.size());
    if (series.compare(base.size(), suffix.size(), suffix) == 0 && kHistograms.count(base) == 1)
      return base;
  }
  return series;
}

void assertQueriesServedMetrics(const std::string& where, const std::string& query) {
  static const std::regex series("(catalog|process)_[a-z0-9_]+");
  for (std::sregex_iterator it(query.begin(), query.end(), series), end; it != end; ++it) {
    CPPUNIT_ASSERT_MESSAGE(where + " queries " + it->str() + ", which catalogd does not serve",
                           kServedMetrics.count(metricOf(it->str())) == 1);
  }
}

std::set<std::string> roleTargets() {
  std::set<std::string> files;
  Poco::Glob::glob(kSource + "/etc/roles/*.properties", files);
  std::set<std::string> targets;
  for (const std::string& file : files) {
    Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> role(
        new Poco::Util::PropertyFileConfiguration(file));
    targets.insert(Poco::Path(file).getBaseName() + ":" + role->getString("catalog.port"));
  }
  return targets;
}

}  // namespace

class MonitoringFilesTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(MonitoringFilesTest);
  CPPUNIT_TEST(testAlertRulesAreValid);
  CPPUNIT_TEST(testAlertUnitTestsPass);
  CPPUNIT_TEST(testEveryAlertHasACaseThatFiresIt);
  CPPUNIT_TEST(testEveryAlertHasASeverityAndExplainsItself);
  CPPUNIT_TEST(testAlertRulesQueryOnlyServedMetrics);
  CPPUNIT_TEST(testScrapeConfigIsValid);
  CPPUNIT_TEST(testScrapeConfigScrapesEveryRole);
  CPPUNIT_TEST(testDashboardPanelsHaveUniqueIdsAndQueries);
  CPPUNIT_TEST(testDashboardQueriesOnlyServedMetrics);
  CPPUNIT_TEST_SUITE_END();

 public:
  void testAlertRulesAreValid() { assertSucceeds(promtool({"check", "rules", kAlerts})); }

  void testAlertUnitTestsPass() { assertSucceeds(promtool({"test", "rules", kAlertTests})); }

  void testEveryAlertHasACaseThatFiresIt() {
    const std::set<std::string> tested = alertsTestedFiring();
    const std::vector<YAML::Node> alerts = alertRules();

    CPPUNIT_ASSERT(!alerts.empty());
    for (const YAML::Node& alert : alerts) {
      const std::string name = alert["alert"].as<std::string>();
      CPPUNIT_ASSERT_MESSAGE(name + " has no test case that fires it", tested.count(name) == 1);
    }
  }

  void testEveryAlertHasASeverityAndExplainsItself() {
    for (const YAML::Node& alert : alertRules()) {
      const std::string name = alert["alert"].as<std::string>();
      const std::string severity = alert["labels"]["severity"].as<std::string>("");
      CPPUNIT_ASSERT_MESSAGE(name + ": severity " + severity,
                             severity == "warning" || severity == "critical");
      CPPUNIT_ASSERT_MESSAGE(name, !alert["annotations"]["summary"].as<std::string>("").empty());
      CPPUNIT_ASSERT_MESSAGE(name,
                             !alert["annotations"]["description"].as<std::string>("").empty());
    }
  }

  void testAlertRulesQueryOnlyServedMetrics() {
    for (const YAML::Node& alert : alertRules())
      assertQueriesServedMetrics(alert["alert"].as<std::string>(), alert["expr"].as<std::string>());
  }

  // promtool also checks the rule files the configuration names, found beside it.
  void testScrapeConfigIsValid() { assertSucceeds(promtool({"check", "config", kScrapeConfig})); }

  void testScrapeConfigScrapesEveryRole() {
    const YAML::Node config = YAML::LoadFile(kSource + "/" + kScrapeConfig);
    std::set<std::string> targets;
    for (const YAML::Node& job : config["scrape_configs"]) {
      if (job["job_name"].as<std::string>() != "catalog") continue;
      CPPUNIT_ASSERT_EQUAL(std::string("/metrics"), job["metrics_path"].as<std::string>());
      for (const YAML::Node& group : job["static_configs"]) {
        for (const YAML::Node& target : group["targets"]) targets.insert(target.as<std::string>());
      }
    }

    CPPUNIT_ASSERT(targets == roleTargets());
  }

  void testDashboardPanelsHaveUniqueIdsAndQueries() {
    const nlohmann::json board = dashboard();
    CPPUNIT_ASSERT_EQUAL(std::string("catalog-overview"), board.value("uid", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("Catalog"), board.value("title", ""));

    std::set<int> ids;
    for (const nlohmann::json& panel : panels(board)) {
      const std::string title = panel.value("title", "");
      CPPUNIT_ASSERT_MESSAGE(title + " has no id", panel.contains("id"));
      CPPUNIT_ASSERT_MESSAGE(title + " shares its id", ids.insert(panel["id"].get<int>()).second);
      if (panel.value("type", "") == "row") continue;
      bool queries = false;
      for (const nlohmann::json& target : panel.value("targets", nlohmann::json::array()))
        queries = queries || !target.value("expr", "").empty();
      CPPUNIT_ASSERT_MESSAGE(title + " queries nothing", queries);
    }
  }

  void testDashboardQueriesOnlyServedMetrics() {
    std::vector<std::string> queries;
    collectQueries(dashboard(), "", queries);

    CPPUNIT_ASSERT(!queries.empty());
    for (const std::string& query : queries) assertQueriesServedMetrics(kDashboard, query);
  }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MonitoringFilesTest);

}  // namespace catalog::test
