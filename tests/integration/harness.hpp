// Integration-test harness: a real PostgreSQL (CUTOVER_TEST_PG_URL, started by
// scripts/test.sh), SQLite fixture files built in code, and the real cutover
// binary run as a child process. Every test gets its own temp directory and
// its own PostgreSQL database, so tests are isolated and run in parallel.
//
// Run by hand: CUTOVER_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/cutover
// build/integration_tests [--gtest_filter=...]; CUTOVER_IT_KEEP=1 keeps each test's
// temp directory (source.db, report.json, rejects/, the runs' stdout/stderr), which
// is also kept, and printed, when a test fails.
//
// Helpers throw std::runtime_error on infrastructure failures (a query that
// should work, a fixture that does not build); GoogleTest reports the throw
// as a failure of the test that called them.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

namespace cutover::it {

using Cell = std::optional<std::string>;
using Row = std::vector<Cell>;
using Rows = std::vector<Row>;

// CUTOVER_TEST_PG_URL, or nullopt when the suite runs without a server.
std::optional<std::string> admin_url();
// `url` with its database (the path) replaced by `db`.
std::string with_database(const std::string& url, const std::string& db);

// One libpq connection. Text results; every session uses UTC, ISO dates,
// hex bytea and shortest-exact float output.
class PgConn {
 public:
  explicit PgConn(const std::string& url);
  Rows query(const std::string& sql, const std::vector<Cell>& params = {});
  void exec(const std::string& sql) { (void)query(sql); }
  // The first column of the first row (throws when there is no row).
  Cell scalar(const std::string& sql, const std::vector<Cell>& params = {});
  // Runs `sql` expecting an error; returns the error message ("" if it succeeded).
  std::string error_of(const std::string& sql);
  bool table_exists(const std::string& schema, const std::string& table);

 private:
  struct Finish {
    void operator()(PGconn* c) const { PQfinish(c); }
  };
  std::unique_ptr<PGconn, Finish> conn_;
};

// A connection to the server of CUTOVER_TEST_PG_URL for creating and dropping
// databases (its database, else `postgres`). REQUIRES: admin_url().
std::unique_ptr<PgConn> connect_admin();

// A SQLite value of any storage class, as stored.
struct SqlValue {
  int type = SQLITE_NULL;
  int64_t i = 0;
  double f = 0;
  std::string bytes;  // TEXT or BLOB content

  static SqlValue null() { return {}; }
  static SqlValue integer(int64_t v) { return {SQLITE_INTEGER, v, 0, {}}; }
  static SqlValue real(double v) { return {SQLITE_FLOAT, 0, v, {}}; }
  static SqlValue text(std::string v) { return {SQLITE_TEXT, 0, 0, std::move(v)}; }
  static SqlValue blob(std::string v) { return {SQLITE_BLOB, 0, 0, std::move(v)}; }
  std::string describe() const;  // for failure messages
};

// A SQLite database file opened read-write (created when missing).
class SqliteFile {
 public:
  explicit SqliteFile(const std::string& path);
  void exec(const std::string& sql);
  // INSERT INTO table VALUES (?, ?, ...) with the values bound as they are
  // (their storage class is kept unless the column affinity converts it).
  void insert(const std::string& table, const std::vector<SqlValue>& row);
  std::vector<std::vector<SqlValue>> rows(const std::string& sql);
  const std::string& path() const { return path_; }

 private:
  struct Close {
    void operator()(sqlite3* d) const { sqlite3_close(d); }
  };
  std::string path_;
  std::unique_ptr<sqlite3, Close> db_;
};

// A finished child process.
struct CutoverRun {
  int exit_code = -1;
  std::string out, err;
  nlohmann::json report;  // parsed --report file; null when none was written
};

// Runs the cutover binary with `args` (not through a shell word splitter:
// each argument is quoted), capturing stdout and stderr into `dir`.
CutoverRun run_cutover(const std::vector<std::string>& args, const std::string& dir);
std::string read_file(const std::string& path);
// One parsed JSON object per non-empty line.
std::vector<nlohmann::json> read_json_lines(const std::string& path);
// "it_" + the current test's name, lower case, made unique per process.
std::string unique_db_name();

// Base fixture: a temp dir, a source SQLite file `source.db` in it, and a
// fresh target database. Skips the test when no server is configured.
class MigrationTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  SqliteFile& source() { return *source_; }
  const std::string& source_path() const { return source_->path(); }
  const std::string& dir() const { return dir_; }
  const std::string& target_url() const { return target_url_; }
  std::string report_path() const { return dir_ + "/report.json"; }
  std::string reject_dir() const { return dir_ + "/rejects"; }
  PgConn& pg();

  // `cutover migrate source.db target --report .. --reject-dir .. --quiet extra...`
  CutoverRun migrate(const std::vector<std::string>& extra = {});
  // Any command, with the source and target appended when `with_urls`.
  CutoverRun cutover(const std::vector<std::string>& args);

 private:
  std::string dir_, db_name_, target_url_;
  std::unique_ptr<SqliteFile> source_;
  std::unique_ptr<PgConn> pg_;
  bool created_ = false;
};

// The report's entry for source table `source_name` (throws when absent).
const nlohmann::json& report_table(const nlohmann::json& report, const std::string& source_name);
// The report's column decision for `column` of `table` (throws when absent).
const nlohmann::json& report_column(const nlohmann::json& report, const std::string& table,
                                    const std::string& column);
// Prints exit code, stdout, stderr — for EXPECT messages.
std::string describe(const CutoverRun& r);

}  // namespace cutover::it
