// The embedded workflow engine on a real PostgreSQL, a new database per test: the cases of
// host/workflow/workflow_engine_cases.hpp, which host_workflow_engine_test runs on SQLite.
#include "host/workflow/workflow_engine_cases.hpp"
#include "integration/shared_databases.hpp"

namespace catalog::host {

class PostgresWorkflowEngineTest : public WorkflowEngineCases {
  CPPUNIT_TEST_SUB_SUITE(PostgresWorkflowEngineTest, WorkflowEngineCases);
  CPPUNIT_TEST_SUITE_END();

 protected:
  std::string newDatabaseUrl() override { return test::newPostgresDatabase(); }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PostgresWorkflowEngineTest);

}  // namespace catalog::host
