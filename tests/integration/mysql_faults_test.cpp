// Faults of a MySQL/MariaDB source during a copy (issue: crash-safe resume
// and retries, for every source): reader connections killed by an
// administrator (KILL <id>) and a real server restarted mid-copy. Either must
// cost only retries on replacement connections (exit 0, every value equal),
// and the report must no longer claim one consistent snapshot: the
// replacements cannot join it, and the chunks they read are named.
#include <cstdio>
#include <thread>

#include <fmt/format.h>

#include "child_process.hpp"
#include "mysql_harness.hpp"

namespace cutover::it {
namespace {

constexpr int k_rows = 120000;

// A keyed table of mixed types, in any MariaDB database (SEQUENCE engine).
std::string source_sql() {
  return fmt::format(R"(
    CREATE TABLE items (id int PRIMARY KEY, name varchar(100) NOT NULL, qty int, price decimal(10,2),
                        note text, at datetime(3));
    INSERT INTO items SELECT seq, CONCAT('item-', seq, IF(seq % 7 = 0, ' é€', '')),
      IF(seq % 13 = 0, NULL, (seq * 7919) % 1009), (seq % 100000) / 100, REPEAT('n', 20 + seq % 60),
      TIMESTAMPADD(SECOND, seq * 37, '2001-02-03 04:05:06.789') FROM seq_1_to_{};)",
                     k_rows);
}

// Every value of the table, in key order, as the same text on both sides.
std::string source_digest(MyConn& my) {
  return mysql_digest(my, "items", "id, name, qty, price, note, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f')", "id");
}
std::string target_digest(PgConn& pg) {
  return pg_digest(pg, "public.items", "id, name, qty, price, note, to_char(at, 'YYYY-MM-DD HH24:MI:SS.US')", "id");
}

class MysqlFaultTest : public MysqlMigrationTest {
 protected:
  std::unique_ptr<Child> start(const std::string& source) {
    std::vector<std::string> a = {"migrate",  source, target_url(), "--chunk-rows", "2000", "--jobs", "2",
                                  "--report", report_path(), "--quiet"};
    return std::make_unique<Child>(a, dir() + "/run");
  }
  void expect_exact(MyConn& source, const CutoverRun& r) {
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.report["status"], "ok");
    EXPECT_EQ(pg().scalar("SELECT count(*) FROM public.items"), std::to_string(k_rows));
    EXPECT_EQ(target_digest(pg()), source_digest(source));
  }
  // The report admits the lost snapshot and names chunks read outside it.
  static void expect_snapshot_lost(const CutoverRun& r) {
    std::string c = r.report.value("consistency", "");
    std::printf("[ report   ] retries %d; %s\n", report_table(r.report, "items").value("retries", -1), c.c_str());
    EXPECT_TRUE(c.starts_with("point-in-time consistent: no")) << c;
    EXPECT_NE(c.find("read outside it"), std::string::npos) << c;
    EXPECT_NE(c.find("items chunk"), std::string::npos) << c;
  }
};

// KILL <id> on every connection of the run, three times while it copies.
TEST_F(MysqlFaultTest, KilledReaderConnectionsAreReplaced) {
  my().exec(source_sql());
  auto child = start(mysql_url());
  ASSERT_TRUE(wait_for_chunks(*child, pg(), 3)) << child->log();
  int killed = 0;
  for (int round = 0; round < 3; ++round) {
    auto ids = my().scalar(
        "SELECT GROUP_CONCAT(id) FROM information_schema.processlist WHERE db = DATABASE() "
        "AND id <> CONNECTION_ID() AND command IN ('Query', 'Sleep')");
    std::string list = ids.value_or("");
    for (size_t at = 0; at < list.size();) {
      size_t end = std::min(list.find(',', at), list.size());
      try {
        my().exec("KILL " + list.substr(at, end - at));
        ++killed;
      } catch (const std::exception&) {  // ended meanwhile
      }
      at = end + 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  CutoverRun r = finish_run(*child, report_path());
  ASSERT_GT(killed, 0) << "no connection of the run was found to kill";
  expect_exact(my(), r);
  expect_snapshot_lost(r);
}

// A MariaDB server of the test's own as the source.
class MysqlServerRestart : public MysqlFaultTest {
 protected:
  static void SetUpTestSuite() {
    if (mysql_admin_url()) server_.start("mysql-server.sh", "cutover-it-my-restart", 57050, 57150);
  }
  static void TearDownTestSuite() { server_.stop(); }
  static std::string own_url() { return fmt::format("mysql://root@127.0.0.1:{}/cutover", server_.port()); }

  static inline OwnServer server_;
};

TEST_F(MysqlServerRestart, RestartMidCopyCostsOnlyRetries) {
  ASSERT_TRUE(server_.started()) << server_.start_log();
  {
    MyConn own(own_url());
    own.exec("DROP TABLE IF EXISTS items");
    own.exec(source_sql());
  }
  auto child = start(own_url());
  ASSERT_TRUE(wait_for_chunks(*child, pg(), 5)) << child->log();
  ASSERT_EQ(server_.restart(), 0) << server_.restart_log();
  CutoverRun r = finish_run(*child, report_path());
  MyConn after(own_url());
  expect_exact(after, r);
  // A reader caught mid-result costs a chunk retry; one idle in the pool is
  // found dead by the next chunk's ping and replaced before it reads: either
  // way the snapshot is lost and the report says so.
  expect_snapshot_lost(r);
}

}  // namespace
}  // namespace cutover::it
