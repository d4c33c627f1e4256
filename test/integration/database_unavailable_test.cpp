// catalogd refuses to run without a plugin's database: when CATALOG_<PLUGIN>_DATABASE_URL names
// a PostgreSQL server nobody listens for, it exits at once, non-zero, saying so in one log line.
#include <cppunit/extensions/HelperMacros.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "integration/shared_databases.hpp"
#include "support/catalogd_process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_issuer.hpp"

namespace catalog::test {
namespace {

std::vector<std::string> linesContaining(const std::string& text, const std::string& word) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) {
    if (line.find(word) != std::string::npos) lines.push_back(line);
  }
  return lines;
}

}  // namespace

class DatabaseUnavailableTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(DatabaseUnavailableTest);
  CPPUNIT_TEST(testUnreachablePostgresStopsCatalogdWithFailure);
  CPPUNIT_TEST(testUnreachablePostgresIsReportedInOneLogLine);
  CPPUNIT_TEST_SUITE_END();

 public:
  void setUp() override {
    data_dir_ = std::make_unique<TempDir>();
    url_ = unreachablePostgresUrl();
  }

  void tearDown() override {
    catalogd_.reset();
    data_dir_.reset();
  }

  void testUnreachablePostgresStopsCatalogdWithFailure() {
    start();

    const int exit_code = catalogd_->waitExit(20);

    CPPUNIT_ASSERT_MESSAGE(catalogd_->logs(), exit_code != 0);
  }

  void testUnreachablePostgresIsReportedInOneLogLine() {
    start();

    catalogd_->waitExit(20);

    const std::vector<std::string> lines = linesContaining(catalogd_->logs(), "unreachable");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(catalogd_->logs(), std::size_t{1}, lines.size());
    const std::string port =
        url_.substr(url_.rfind(':') + 1, url_.rfind('/') - url_.rfind(':') - 1);
    CPPUNIT_ASSERT_MESSAGE(lines[0], lines[0].find("127.0.0.1:" + port) != std::string::npos);
  }

 private:
  void start() {
    CatalogdProcess::Options options;
    options.args = {"--plugins=characteristic", "--data-dir=" + data_dir_->path()};
    // Trusting the test issuer, so the database is all it lacks.
    options.env = TestIssuer::instance().hostEnv();
    options.env["CATALOG_CHARACTERISTIC_DATABASE_URL"] = url_;
    options.log_file = data_dir_->file("catalogd.log");
    options.wait_ready = false;
    catalogd_ = std::make_unique<CatalogdProcess>(options);
  }

  std::unique_ptr<TempDir> data_dir_;
  std::string url_;
  std::unique_ptr<CatalogdProcess> catalogd_;
};

CPPUNIT_TEST_SUITE_REGISTRATION(DatabaseUnavailableTest);

}  // namespace catalog::test
