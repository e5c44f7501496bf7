// Faults of a PostgreSQL source during a copy (issue: crash-safe resume and
// retries, for every source): reader backends terminated by an administrator
// (pg_terminate_backend), the backend holding the exported snapshot
// terminated, and a real source server restarted mid-copy. Each must cost
// only retries (exit 0, every row equal). A lost snapshot cannot be joined
// again: the run exports a new one and the report says the copy is no longer
// point-in-time consistent, naming the chunks read in the new snapshot
// (docs/architecture.md, "Consistency of the source read").
#include <csignal>
#include <cstdio>
#include <thread>

#include <fmt/format.h>

#include "child_process.hpp"
#include "pg_source_harness.hpp"

namespace cutover::it {
namespace {

constexpr int k_rows = 100000;

std::string source_sql() {
  return fmt::format(R"(
    DROP TABLE IF EXISTS items;
    CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, qty int, price numeric(10,2), note text,
                        at timestamptz);
    INSERT INTO items SELECT i, 'item-' || i || CASE WHEN i % 7 = 0 THEN ' é€' ELSE '' END,
      CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 7919) % 1009 END, (i % 100000) / 100.0, repeat('n', 20 + i % 60),
      '2001-02-03 04:05:06.789+00'::timestamptz + i * interval '37 seconds'
    FROM generate_series(1, {}) i;)",
                     k_rows);
}

// Every row of the table, in key order, as text (both sessions in UTC).
std::string digest(PgConn& pg) {
  return pg.scalar("SELECT md5(string_agg(x::text, E'\\n' ORDER BY id)) FROM public.items x").value_or("NULL");
}

// The run's sessions on a source database, as a WHERE clause.
std::string run_sessions(const std::string& extra) {
  return "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
         "AND application_name LIKE 'cutover%' " + extra;
}

// A small queue and small batches: each reader waits for its writer, so it
// is mid-COPY on the source for most of its chunk, as with large tables.
// Not --quiet: the test counts the retries the run announces.
std::unique_ptr<Child> start_migrate(const std::string& source, const std::string& target, const std::string& dir,
                                     const std::string& report) {
  std::vector<std::string> a = {"migrate",       source, target, "--chunk-rows", "10000", "--batch-rows", "200",
                                "--queue-bytes", "64k",  "--jobs", "2",          "--report", report};
  return std::make_unique<Child>(a, dir + "/run");
}

bool copy_running(PgConn& source) {
  return source.scalar("SELECT count(*) " + run_sessions("AND state = 'active' AND query LIKE 'COPY%'")) != "0";
}

// Waits until a COPY of the run is running on `source` (false if the run ended first).
bool wait_for_copy(Child& child, PgConn& source) {
  while (child.running()) {
    if (copy_running(source)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return false;
}

// Freezes the run (SIGSTOP) while one of its source COPYs still has rows
// to send: the backend then stays blocked writing to the frozen reader, so
// whatever happens to the server next happens mid-COPY. False when no such
// moment came (the caller's test then cannot say anything).
bool freeze_mid_copy(Child& child, PgConn& source) {
  for (int attempt = 0; attempt < 20 && wait_for_copy(child, source); ++attempt) {
    child.signal(SIGSTOP);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // a COPY with room in the socket ends by then
    if (copy_running(source)) return true;
    child.signal(SIGCONT);
  }
  return false;
}

int retries(const CutoverRun& r) { return report_table(r.report, "items").value("retries", -1); }

// Exit 0, every row equal, and every retry the run announced is in the report.
void expect_exact(PgConn& source, PgConn& target, const CutoverRun& r) {
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(r.report["status"], "ok");
  EXPECT_EQ(target.scalar("SELECT count(*) FROM public.items"), std::to_string(k_rows));
  EXPECT_EQ(digest(target), digest(source));
  EXPECT_EQ(retries(r), logged_retries(r)) << r.err;
}

// The report admits the lost snapshot and names chunks read in a new one.
void expect_snapshot_lost(const CutoverRun& r) {
  std::string c = r.report.value("consistency", "");
  std::printf("[ report   ] retries %d; %s\n", retries(r), c.c_str());
  EXPECT_TRUE(c.starts_with("point-in-time consistent: no")) << c;
  EXPECT_NE(c.find("snapshot was lost"), std::string::npos) << c;
  EXPECT_NE(c.find("public.items chunk"), std::string::npos) << c;
}

class PgSourceFaultTest : public PgSourceTest {
 protected:
  std::unique_ptr<Child> start() { return start_migrate(source_url(), target_url(), dir(), report_path()); }
};

// Readers' backends terminated three times while they COPY: each chunk is
// retried on a new connection that joins the same snapshot.
TEST_F(PgSourceFaultTest, TerminatedReaderBackendsCostOnlyRetries) {
  src().exec(source_sql());
  auto child = start();
  ASSERT_TRUE(wait_for_chunks(*child, pg(), 1)) << child->log();
  int terminated = 0;
  for (int round = 0; round < 3 && wait_for_copy(*child, src()); ++round)
    terminated += std::stoi(src().scalar("SELECT count(pg_terminate_backend(pid)) " +
                                         run_sessions("AND state = 'active' AND query LIKE 'COPY%'"))
                                .value_or("0"));
  CutoverRun r = finish_run(*child, report_path());
  ASSERT_GT(terminated, 0) << "no COPY of the run was found to terminate";
  expect_exact(src(), pg(), r);
  EXPECT_GT(retries(r), 0) << "no retry was reported";
  EXPECT_TRUE(r.report.value("consistency", "").starts_with("point-in-time consistent: yes")) << r.report["consistency"];
}

// The session that exported the snapshot terminated: readers cannot join it
// any more; a new snapshot is exported and the report says so.
TEST_F(PgSourceFaultTest, TerminatedSnapshotHolderIsReplaced) {
  src().exec(source_sql());
  auto child = start();
  ASSERT_TRUE(wait_for_chunks(*child, pg(), 1)) << child->log();
  // The coordinator: in its transaction since the catalog was read.
  auto killed = src().scalar("SELECT pg_terminate_backend(pid) " +
                             run_sessions("AND state = 'idle in transaction' ORDER BY xact_start LIMIT 1"));
  CutoverRun r = finish_run(*child, report_path());
  ASSERT_EQ(killed, "t") << "the snapshot's session was not found";
  expect_exact(src(), pg(), r);
  expect_snapshot_lost(r);
}

// A PostgreSQL server of the test's own as the source; the shared one is
// the target.
class PgSourceServerRestart : public MigrationTest {
 protected:
  static void SetUpTestSuite() {
    if (admin_url()) server_.start("pg-server.sh", "cutover-it-pgsrc-restart", 57150, 57250);
  }
  static void TearDownTestSuite() { server_.stop(); }
  static std::string own_url() { return fmt::format("postgresql://postgres@127.0.0.1:{}/cutover", server_.port()); }
  // The run reads through the server's unix socket, whose buffer (about
  // 200 kB) does not grow like a TCP one: a frozen reader's COPY soon blocks.
  static std::string socket_url() {
    return fmt::format("postgresql://postgres@/cutover?host={}/run&port={}", server_.dir().string(), server_.port());
  }

  static inline OwnServer server_;
};

TEST_F(PgSourceServerRestart, RestartMidCopyCostsOnlyRetries) {
  ASSERT_TRUE(server_.started()) << server_.start_log();
  PgConn(own_url()).exec(source_sql());
  auto child = start_migrate(socket_url(), target_url(), dir(), report_path());
  ASSERT_TRUE(wait_for_chunks(*child, pg(), 2)) << child->log();
  {
    PgConn source(own_url());
    ASSERT_TRUE(freeze_mid_copy(*child, source)) << child->log();
  }
  ASSERT_EQ(server_.restart(), 0) << server_.restart_log();
  child->signal(SIGCONT);
  CutoverRun r = finish_run(*child, report_path());
  PgConn after(own_url());
  // The read in flight costs its chunk a retry (a reader that connects
  // while the server is down waits for it, with no retry); the snapshot is
  // lost and the report says so.
  expect_exact(after, pg(), r);
  EXPECT_GT(retries(r), 0) << "no retry was reported";
  expect_snapshot_lost(r);
}

}  // namespace
}  // namespace cutover::it
