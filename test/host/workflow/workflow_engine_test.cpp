// The embedded workflow engine on a SQLite file, as catalogd runs it by default. The cases are
// written once in WorkflowEngineCases; integration/workflow_engine_postgresql_test.cpp runs
// them on PostgreSQL.
#include "host/workflow/workflow_engine_cases.hpp"
#include "support/temp_dir.hpp"

namespace catalog::host {

class SqliteWorkflowEngineTest : public WorkflowEngineCases {
  CPPUNIT_TEST_SUB_SUITE(SqliteWorkflowEngineTest, WorkflowEngineCases);
  CPPUNIT_TEST_SUITE_END();

 protected:
  std::string newDatabaseUrl() override { return "sqlite:" + dir_.file("engine.db"); }

 private:
  test::TempDir dir_;
};

CPPUNIT_TEST_SUITE_REGISTRATION(SqliteWorkflowEngineTest);

}  // namespace catalog::host
