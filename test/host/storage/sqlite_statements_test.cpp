#include "storage/sqlite_statements.hpp"

#include <cppunit/extensions/HelperMacros.h>
#include <sqlite3.h>

#include <string>

#include "storage/sql_statement.hpp"

namespace catalog::host {

class SqliteStatementsTest : public CppUnit::TestFixture {
  CPPUNIT_TEST_SUITE(SqliteStatementsTest);
  CPPUNIT_TEST(testSameSqlIsPreparedOnce);
  CPPUNIT_TEST(testManyDistinctStatementsKeepWorking);
  CPPUNIT_TEST(testBadSqlIsAnError);
  CPPUNIT_TEST_SUITE_END();

 public:
  void setUp() override { CPPUNIT_ASSERT_EQUAL(SQLITE_OK, sqlite3_open(":memory:", &db_)); }
  void tearDown() override { sqlite3_close_v2(db_); }

  void testSameSqlIsPreparedOnce() {
    SqliteStatements statements(db_);
    CPPUNIT_ASSERT(statements.prepare("SELECT 1") == statements.prepare("SELECT 1"));
    CPPUNIT_ASSERT(statements.prepare("SELECT 1") != statements.prepare("SELECT 2"));
  }

  // SQL built on the fly (distinct literals) must neither fail nor grow the cache forever.
  void testManyDistinctStatementsKeepWorking() {
    SqliteStatements statements(db_);
    for (int i = 0; i < 1000; ++i) {
      sqlite3_stmt* statement = statements.prepare("SELECT " + std::to_string(i));
      CPPUNIT_ASSERT_EQUAL(SQLITE_ROW, sqlite3_step(statement));
      CPPUNIT_ASSERT_EQUAL(i, sqlite3_column_int(statement, 0));
      sqlite3_reset(statement);
      CPPUNIT_ASSERT(statements.size() <= SqliteStatements::kCapacity);
    }
    sqlite3_stmt* first = statements.prepare("SELECT 0");
    CPPUNIT_ASSERT_EQUAL(SQLITE_ROW, sqlite3_step(first));
    sqlite3_reset(first);
  }

  void testBadSqlIsAnError() {
    SqliteStatements statements(db_);
    CPPUNIT_ASSERT_THROW(statements.prepare("SELEC 1"), SqlError);
  }

 private:
  sqlite3* db_ = nullptr;
};

CPPUNIT_TEST_SUITE_REGISTRATION(SqliteStatementsTest);

}  // namespace catalog::host
