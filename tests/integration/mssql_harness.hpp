// SQL Server integration tests: the TDS test server (tests/tds/server) runs
// in this process and serves its fixtures, plus Northwind built from
// Microsoft's install script when /work/shared/data holds it; the real
// cutover binary migrates them through FreeTDS ODBC into PostgreSQL.
//
// Values are checked against an oracle independent of the adapter's
// decoding: the fixture's canonical text, cast by PostgreSQL itself to the
// target column's type (expect_table_matches).
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "harness.hpp"
#include "model.hpp"
#include "server.hpp"

namespace cutover::it {

// Microsoft's Northwind install script; "" when not found.
std::string northwind_script();
// Chinook's SQL Server script (shared/data/chinook); "" when not found.
std::string chinook_script();
// tests/tds/fixtures/extras.sql: what Northwind and Chinook lack.
std::string extras_script();

// Bytes as PostgreSQL's hex bytea text ("\x00ff").
std::string hex_bytea(const std::string& bytes);
// The fixture cell as PostgreSQL input text (nullopt for NULL).
Cell input_text(const tdstest::Value& v);
// SQL Server pads char(n)/nchar(n) with spaces and binary(n) with zero
// bytes; the fixture holds the unpadded value.
std::string padded(std::string v, const tdstest::ColumnType& t);
// The text a column of type `t` delivers for fixture value `v`: padded,
// hierarchyid as its ToString() path (nullopt for NULL).
Cell source_text(const tdstest::Value& v, const tdstest::ColumnType& t);

class MssqlMigrationTest : public MigrationTest {
 public:
  static constexpr std::int64_t k_big_rows = 50'000;
  static void SetUpTestSuite();
  static void TearDownTestSuite();

 protected:
  static std::string source_url(const std::string& database = "cutover");
  static const tdstest::Catalog& fixtures() { return *catalog_; }
  CutoverRun migrate_mssql(const std::vector<std::string>& extra, const std::string& database = "cutover");
  // The target database the helpers below read: the test's own.
  virtual PgConn& db() { return pg(); }
  // format_type() of a target column ("numeric(19,4)"); `table` may be qualified.
  std::string target_type(const std::string& table, const std::string& column);
  // Every row of fixture table `t` (materialised or generated) is in
  // `target` ("schema.table") with every value equal to PostgreSQL's cast
  // of the fixture text, and nothing else is.
  void expect_table_matches(const tdstest::Table& t, const std::string& target);
  // The fixture table `db`.`schema`.`table` (throws when absent).
  static const tdstest::Table& fixture(const std::string& db, const std::string& table,
                                       const std::string& schema = "dbo");
  // The in-process server, to stop and start again (a source restart).
  static tdstest::TdsServer& server() { return *server_; }
  // Rows of each chunk the run committed for `target`, in chunk order.
  std::vector<std::int64_t> chunk_rows(const std::string& target);

 private:
  static std::unique_ptr<tdstest::TdsServer> server_;
  static std::unique_ptr<tdstest::Catalog> catalog_;
};

// One migration of a fixture database shared by all tests of a suite (CI
// time): a suite's SetUpTestSuite calls set_up_suite, its TearDownTestSuite
// tear_down_suite, its SetUp set_up_test. The run lands in a target
// database of its own, which the helpers read (db()); tests must leave it as
// they found it (inserts that check identities run in a transaction they
// roll back).
class MssqlSharedMigrationTest : public MssqlMigrationTest {
 protected:
  // Starts the server, then runs `cutover migrate` of source database
  // `database` once when its install `script` exists.
  static void set_up_suite(const std::string& database, const std::string& script,
                           const std::vector<std::string>& extra);
  static void tear_down_suite();
  // The per-test setup; skips the test when `script` is absent.
  void set_up_test(const std::string& script);
  static const CutoverRun& shared_run() { return *run_; }
  // Fails the test (and returns false) when the shared run did not succeed.
  bool shared_run_ok();
  PgConn& db() override;
  std::set<std::string> db_set(const std::string& sql);

 private:
  static void drop_shared();

  static inline std::unique_ptr<CutoverRun> run_;
  static inline std::string db_name_, dir_, url_;
  std::unique_ptr<PgConn> conn_;
};

}  // namespace cutover::it
