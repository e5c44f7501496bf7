// MySQL side of the integration harness: a real MariaDB (CUTOVER_TEST_MYSQL_URL,
// e.g. mysql://root@127.0.0.1:PORT/, started by scripts/test.sh with
// scripts/mysql-server.sh) next to the PostgreSQL of harness.hpp. Each test
// gets its own MariaDB database, dropped afterwards. Tests skip when either
// server is not configured.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "harness.hpp"

struct st_mysql;

namespace cutover::it {

// CUTOVER_TEST_MYSQL_URL, or nullopt.
std::optional<std::string> mysql_admin_url();

// One MariaDB connection for building fixtures (multi-statement SQL).
class MyConn {
 public:
  explicit MyConn(const std::string& url);  // database taken from the URL path (may be empty)
  ~MyConn();
  void exec(const std::string& sql);  // one or more statements; throws on error
  std::optional<std::string> scalar(const std::string& sql);

 private:
  st_mysql* conn_ = nullptr;
};

// Runs an SQL script file through the `mariadb` client against the server.
void run_mysql_script(const std::string& file, const std::string& database = "");

// MD5 of every row of `table`, each CONCAT_WS('|', columns) (NULLs skipped),
// joined in `order`: the same text on both sides gives the same digest.
std::string mysql_digest(MyConn& my, const std::string& table, const std::string& columns, const std::string& order);
std::string pg_digest(PgConn& pg, const std::string& table, const std::string& columns, const std::string& order);

class MysqlMigrationTest : public MigrationTest {
 protected:
  void SetUp() override;
  void TearDown() override;

  MyConn& my() { return *my_; }
  const std::string& mysql_url() const { return mysql_url_; }  // of this test's database
  const std::string& mysql_db() const { return mysql_db_; }
  // `cutover migrate <mysql> <pg> --report .. --reject-dir .. --quiet extra...`
  CutoverRun migrate_mysql(const std::vector<std::string>& extra = {}, const std::string& url = "");
  // A one-column query on the target as strings ("NULL" for NULL), rows in order.
  std::vector<std::string> column(const std::string& sql);

 private:
  std::string mysql_url_, mysql_db_;
  std::unique_ptr<MyConn> my_;
};

}  // namespace cutover::it
