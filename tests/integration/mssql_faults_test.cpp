// Faults of a SQL Server source during a copy (issue: crash-safe resume and
// retries, for every source), against the TDS test server of this process:
// the server stopped while the run's readers are in the middle of a result
// and started again on the same port a second later (every connection lost,
// new ones refused meanwhile); errors a
// real server raises in the middle of rows for a deadlock victim (1205), a
// lock timeout (1222), a snapshot update conflict (3960) and Azure SQL's
// database-unavailable (40613). Each must cost
// only retries: exit 0, every row equal to the fixture's, each retry counted
// in the report. And values the target refuses are isolated row by row into
// the reject files with their key and reason, the rest of the chunk kept.
#include <cstdio>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "child_process.hpp"
#include "fixtures.hpp"
#include "mssql_harness.hpp"

namespace cutover::it {
namespace {

using namespace std::chrono_literals;

int retries(const CutoverRun& r, const std::string& table) {
  return report_table(r.report, table).value("retries", -1);
}

class MssqlFaultTest : public MssqlMigrationTest {
 protected:
  // Small batches and queue: each reader waits for its writer, so it is in
  // the middle of a result on the server for most of its chunk. Not
  // --quiet: the test counts the retries the run announces.
  std::unique_ptr<Child> start(const std::string& table, const std::vector<std::string>& extra = {},
                               const std::string& database = "shop") {
    std::vector<std::string> a = {"migrate",      source_url(database), target_url(), "--tables", table,
                                  "--batch-rows", "200",                "--queue-bytes", "64k",  "--jobs",
                                  "2",            "--report",           report_path()};
    a.insert(a.end(), extra.begin(), extra.end());
    return std::make_unique<Child>(a, dir() + "/run");
  }
  // Exit 0, every row equal to the fixture's, every announced retry reported.
  void expect_exact(const CutoverRun& r, const std::string& table) {
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.report["status"], "ok");
    expect_table_matches(fixture("shop", table), "public." + table);
    EXPECT_EQ(retries(r, table), logged_retries(r)) << r.err;
  }
};

// Holds every result set the server is sending once it has sent 100 rows,
// so the run's readers wait in the middle of a chunk's rows (not of a
// one-row probe of their connection); false if none came before the run
// ended.
bool hold_mid_result(Child& child, tdstest::RowGate& gate) {
  gate.after_rows = 100;
  gate.hold = true;
  while (child.running() && gate.held == 0) std::this_thread::sleep_for(1ms);
  return gate.held > 0;
}

// Stops the server once the run committed a chunk and holds another in the
// middle of its rows (every connection closed, new ones refused), and starts
// it again on the same port `down` later; the run's end.
CutoverRun restart_mid_copy(Child& child, PgConn& target, tdstest::TdsServer& server, std::chrono::milliseconds down,
                            const std::string& report) {
  if (!wait_for_chunks(child, target, 1) || !hold_mid_result(child, server.gate()))
    ADD_FAILURE() << "the run ended before the server could be stopped mid-copy\n" << child.log();
  std::uint16_t port = server.port();
  server.stop();
  std::this_thread::sleep_for(down);
  server.start(port);
  return finish_run(child, report);
}

TEST_F(MssqlFaultTest, ServerRestartMidCopyCostsOnlyRetries) {
  auto child = start("orders", {"--chunk-rows", "5000"});
  CutoverRun r = restart_mid_copy(*child, pg(), server(), 1s, report_path());
  expect_exact(r, "orders");
  EXPECT_GT(retries(r, "orders"), 0) << "no retry was reported\n" << r.err;
  // The readers' SNAPSHOT transactions died with their connections: the
  // replacements read in snapshots of their own, and the report says so.
  std::string c = r.report.value("consistency", "");
  std::printf("[ report   ] retries %d; %s\n", retries(r, "orders"), c.c_str());
  EXPECT_TRUE(c.starts_with("point-in-time consistent: no")) << c;
  EXPECT_NE(c.find("orders chunk"), std::string::npos) << c;
}

// Without snapshot isolation each chunk reads on a connection of its own,
// which waits for the server (up to a minute): an outage longer than the
// chunk's retries with their backoff (0.5 + 1 + 2 s, plus jitter) costs
// one retry, not the table.
TEST_F(MssqlFaultTest, LongerOutageWithoutSnapshotIsolationCostsOnlyRetries) {
  auto child = start("live_counts", {"--chunk-rows", "200"}, "nosnap");
  CutoverRun r = restart_mid_copy(*child, pg(), server(), 6s, report_path());
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_GT(retries(r, "live_counts"), 0) << "no retry was reported\n" << r.err;
  EXPECT_EQ(retries(r, "live_counts"), logged_retries(r)) << r.err;
  // Rows show the version each statement saw (it changes): the keys are exact.
  EXPECT_EQ(pg().scalar("SELECT count(*) || ' ' || count(DISTINCT id) || ' ' || min(id) || ' ' || max(id) FROM "
                        "live_counts"),
            "2000 2000 1 2000");
}

// Two chunks of 150 rows: each scan that reaches its 150th row raises the
// next error, so the four are spread over both chunks' retries.
TEST_F(MssqlFaultTest, DeadlockLockTimeoutSnapshotConflictAndAzureUnavailableAreRetried) {
  fixture("shop", "transient_rows").transient->raised = 0;  // each raised once more
  auto child = start("transient_rows", {"--chunk-rows", "150"});
  CutoverRun r = finish_run(*child, report_path());
  expect_exact(r, "transient_rows");
  EXPECT_EQ(retries(r, "transient_rows"), 4) << r.err;
  for (const char* code : {"error 1205", "error 1222", "error 3960", "error 40613"})
    EXPECT_NE(r.err.find(code), std::string::npos) << code;
}

// customers.code varchar(12) cast to varchar(8): the 5 codes of 11
// characters (ids 1000, 2000, ...; one in each chunk) are refused by the
// target, the other rows of their chunks kept.
TEST_F(MssqlFaultTest, RowsTheTargetRefusesAreRejectedWithTheirKeyAndReason) {
  CutoverRun r = migrate_mssql({"--tables", "customers", "--cast", "customers.code=varchar(8)", "--chunk-rows", "1000"},
                               "shop");
  EXPECT_EQ(r.exit_code, 3) << describe(r);
  EXPECT_EQ(r.report["status"], "rejected_rows");
  const auto& t = report_table(r.report, "customers");
  EXPECT_EQ(t["rejected_rows"], 5);
  EXPECT_EQ(t["copied_rows"], tdstest::k_shop_customers - 5);
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM customers"), std::to_string(tdstest::k_shop_customers - 5));
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM customers WHERE id % 1000 = 0 OR code <> 'C' || lpad(id::text, 5, '0')"),
            "0");
  auto lines = read_json_lines(t["reject_file"].get<std::string>());
  ASSERT_EQ(lines.size(), 5u) << t.dump(1);
  std::set<std::string> keys;
  for (const auto& l : lines) {
    keys.insert(l.value("key", ""));
    EXPECT_EQ(l["rule"], "target_refused") << l.dump();
    EXPECT_NE(l.dump().find("too long"), std::string::npos) << l.dump();
    EXPECT_EQ(l["column"], "code") << l.dump();
    EXPECT_EQ(l.value("value", "").size(), 11u) << l.dump();  // the refused value itself
  }
  EXPECT_EQ(keys, (std::set<std::string>{"id=1000", "id=2000", "id=3000", "id=4000", "id=5000"}));
}

}  // namespace
}  // namespace cutover::it
