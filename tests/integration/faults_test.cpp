// Faults of the target during a copy (issue: crash-safe resume and retries):
// a real server restarted mid-copy, backends terminated mid-copy, and a full
// disk. A restart or a terminated backend must cost only retries (exit 0, an
// exact copy); a full disk must fail with a clear error, keep every chunk it
// recorded, record none it did not finish, and resume once space is back.
#include <sys/mount.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include <fmt/format.h>

#include "child_process.hpp"
#include "compare.hpp"
#include "harness.hpp"

namespace cutover::it {
namespace {

namespace fs = std::filesystem;

constexpr int k_rows = 150000;

std::string source_sql(int rows) {
  return fmt::format(R"(BEGIN;
    CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, qty INTEGER, price DECIMAL(10,2),
                        note TEXT);
    CREATE INDEX items_qty ON items(qty);
    WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {})
    INSERT INTO items SELECT i, 'item-' || i || CASE WHEN i % 7 = 0 THEN ' é€' ELSE '' END,
      (i * 7919) % 1009, (i % 100000) / 100.0, printf('%.*c', 20 + i % 60, 'n') FROM s;
    COMMIT;)",
                     rows);
}

// Rows recorded by committed chunks of public.items.
int64_t recorded_rows(PgConn& pg) {
  auto v = pg.scalar(
      "SELECT coalesce(sum(rows), 0) FROM cutover_state.chunks WHERE table_name = 'public.items'");
  return v ? std::stoll(*v) : -1;
}

// A migration run as a child process, so that the test can act on the
// server while it copies.
class FaultTest : public MigrationTest {
 protected:
  std::vector<std::string> args(const std::string& target) {
    return {"migrate",  source_path(), target,  "--chunk-rows", "3000", "--jobs", "2",
            "--report", report_path(), "--quiet"};
  }
  CutoverRun finish(Child& child) { return finish_run(child, report_path()); }
  void expect_exact(PgConn& target, const CutoverRun& r) {
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    TableCompare cmp = expect_same_rows(source(), target, r.report, "items");
    EXPECT_EQ(cmp.target_rows, static_cast<size_t>(k_rows));
    EXPECT_EQ(target.scalar("SELECT count(*) - count(DISTINCT id) FROM public.items"), "0");
    EXPECT_EQ(r.report["status"], "ok");
  }
};

// A server of the test's own as the target.
class ServerRestart : public FaultTest {
 protected:
  static void SetUpTestSuite() {
    if (admin_url()) server_.start("pg-server.sh", "cutover-it-restart", 56950, 57050);
  }
  static void TearDownTestSuite() { server_.stop(); }
  static std::string own_url() { return fmt::format("postgresql://postgres@127.0.0.1:{}/cutover", server_.port()); }

  static inline OwnServer server_;
};

TEST_F(ServerRestart, RestartMidCopyCostsOnlyRetries) {
  ASSERT_TRUE(server_.started()) << server_.start_log();
  source().exec(source_sql(k_rows));
  PgConn own(own_url());
  own.exec("DROP SCHEMA IF EXISTS cutover_state CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public");
  Child child(args(own_url()), dir() + "/run");
  ASSERT_TRUE(wait_for_chunks(child, own, 5)) << child.log();
  ASSERT_EQ(server_.restart(), 0) << server_.restart_log();
  CutoverRun r = finish(child);
  PgConn after(own_url());
  expect_exact(after, r);
  EXPECT_GT(report_table(r.report, "items")["retries"].get<int>(), 0) << "no retry was reported";
  EXPECT_EQ(recorded_rows(after), k_rows);
}

// Backends of the run terminated by an administrator (pg_terminate_backend)
// while they COPY: each chunk is retried on a new connection.
TEST_F(FaultTest, TerminatedBackendsCostOnlyRetries) {
  source().exec(source_sql(k_rows));
  Child child(args(target_url()), dir() + "/run");
  ASSERT_TRUE(wait_for_chunks(child, pg(), 3)) << child.log();
  for (int round = 0; round < 3; ++round) {
    pg().exec(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
        "AND pid <> pg_backend_pid() AND application_name LIKE 'cutover%' AND query LIKE 'COPY%'");
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
  }
  CutoverRun r = finish(child);
  expect_exact(pg(), r);
  EXPECT_GT(report_table(r.report, "items")["retries"].get<int>(), 0) << "no retry was reported";
}

// The target's tables live in a tablespace on a 3 MB tmpfs: the copy runs
// out of space, fails clearly, keeps what it recorded and resumes once the
// file system is grown.
class DiskFull : public FaultTest {
 protected:
  void SetUp() override {
    FaultTest::SetUp();
    if (IsSkipped()) return;
    mount_ = fs::temp_directory_path() / fmt::format("cutover-it-space-{}", ::getpid());
    fs::create_directories(mount_);
    if (::mount("tmpfs", mount_.c_str(), "tmpfs", 0, "size=3m,mode=0755") != 0)
      GTEST_SKIP() << "cannot mount a tmpfs (needs root): " << std::strerror(errno);
    mounted_ = true;
    ASSERT_EQ(shell("chown postgres:postgres " + mount_.string()), 0);
    tablespace_ = fmt::format("it_small_{}", ::getpid());
    pg().exec(fmt::format("CREATE TABLESPACE {} LOCATION '{}'", tablespace_, mount_.string()));
    pg().exec(fmt::format("ALTER DATABASE {} SET default_tablespace = {}",
                          *pg().scalar("SELECT quote_ident(current_database())"), tablespace_));
  }
  void TearDown() override {
    FaultTest::TearDown();  // drops the database, which empties the tablespace
    if (!tablespace_.empty()) {
      try {
        PgConn(*admin_url()).exec("DROP TABLESPACE IF EXISTS " + tablespace_);
      } catch (const std::exception& e) {
        ADD_FAILURE() << "cannot drop the tablespace: " << e.what();
      }
    }
    if (mounted_) ::umount2(mount_.c_str(), MNT_DETACH);
    std::error_code ec;
    fs::remove(mount_, ec);
  }
  int grow() { return ::mount("tmpfs", mount_.c_str(), "tmpfs", MS_REMOUNT, "size=256m,mode=0755"); }

  fs::path mount_;
  bool mounted_ = false;
  std::string tablespace_;
};

TEST_F(DiskFull, FailsClearlyKeepsRecordedChunksAndResumes) {
  source().exec(source_sql(k_rows));
  CutoverRun full = migrate({"--chunk-rows", "3000", "--jobs", "2"});
  ASSERT_EQ(full.exit_code, 1) << describe(full);
  std::string all = full.out + full.err + full.report.dump();
  EXPECT_NE(all.find("No space left on device"), std::string::npos) << describe(full);
  EXPECT_NE(all.find("items"), std::string::npos) << "the error does not name the table: " << describe(full);
  ASSERT_TRUE(full.report.is_object());
  EXPECT_EQ(full.report["status"], "failed");
  // Nothing half-written is recorded: the rows present are exactly the rows
  // of the recorded chunks.
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM public.items"), std::to_string(recorded_rows(pg())));
  EXPECT_LT(recorded_rows(pg()), k_rows);

  ASSERT_EQ(grow(), 0) << std::strerror(errno);
  CutoverRun resumed = migrate({"--chunk-rows", "3000", "--jobs", "2"});
  expect_exact(pg(), resumed);
  EXPECT_EQ(resumed.report["resumed"], true);
}

}  // namespace
}  // namespace cutover::it
