// SQL Server chunking by sampled key boundaries and snapshot reads, through
// FreeTDS ODBC against the TDS test server. The server evaluates every range
// predicate in its own order (uniqueidentifier bytes 10-15 first, strings
// case-insensitively), and its "live" table shows which database version
// each statement saw (tests/tds/server/clock.hpp).
#include <fmt/format.h>

#include "fixtures.hpp"
#include "mssql_harness.hpp"

namespace cutover::it {
namespace {

class MssqlChunksTest : public MssqlMigrationTest {};

TEST_F(MssqlChunksTest, UniqueidentifierKeySplitsIntoExactChunksInServerOrder) {
  CutoverRun r = migrate_mssql({"--tables", "guid_keyed", "--chunk-rows", "100", "-j", "2"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  const auto& t = report_table(r.report, "guid_keyed");
  EXPECT_EQ(t["chunks"], 5);
  EXPECT_NE(t["chunk_reason"].get<std::string>().find("sampled on the server"), std::string::npos) << t.dump();
  // Boundaries taken in the server's order cut exactly 100 rows per chunk.
  EXPECT_EQ(chunk_rows("public.guid_keyed"), (std::vector<std::int64_t>{100, 100, 100, 100, 100}));
  expect_table_matches(fixture("cutover", "guid_keyed"), "public.guid_keyed");
  EXPECT_EQ(r.report["status"], "ok");
}

TEST_F(MssqlChunksTest, CompositeKeyOfTextDatetime2AndIntSplitsIntoExactChunks) {
  CutoverRun r = migrate_mssql({"--tables", "composite_keyed", "--chunk-rows", "100", "-j", "3"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(report_table(r.report, "composite_keyed")["chunks"], 6);
  EXPECT_EQ(chunk_rows("public.composite_keyed"), (std::vector<std::int64_t>{100, 100, 100, 100, 100, 100}));
  expect_table_matches(fixture("cutover", "composite_keyed"), "public.composite_keyed");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM pg_constraint WHERE conrelid = 'composite_keyed'::regclass AND "
                        "contype = 'p'"),
            "1");
}

TEST_F(MssqlChunksTest, SnapshotReadersAllSeeOnePointInTime) {
  CutoverRun r = migrate_mssql({"--tables", "live_counts", "--chunk-rows", "200", "-j", "3"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(report_table(r.report, "live_counts")["chunks"], 10);
  // A writer commits before every statement that reads the database, except
  // while the table locks are held: every chunk saw the same version.
  EXPECT_EQ(pg().scalar("SELECT count(DISTINCT seen_version) FROM live_counts"), "1");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM live_counts"), "2000");
  std::string c = r.report["consistency"];
  EXPECT_TRUE(c.starts_with("point-in-time consistent: yes")) << c;
  EXPECT_NE(c.find("SNAPSHOT"), std::string::npos) << c;
}

TEST_F(MssqlChunksTest, WithoutSnapshotIsolationTheReportSaysTheCopyIsNotPointInTime) {
  CutoverRun r = migrate_mssql({"--tables", "live_counts", "--chunk-rows", "200", "-j", "3"}, "nosnap");
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  // Each chunk's statement saw the writer's latest commit.
  EXPECT_EQ(pg().scalar("SELECT count(DISTINCT seen_version) FROM live_counts"), "10");
  std::string c = r.report["consistency"];
  EXPECT_TRUE(c.starts_with("point-in-time consistent: no")) << c;
  EXPECT_NE(c.find("ALLOW_SNAPSHOT_ISOLATION is OFF"), std::string::npos) << c;
}

}  // namespace
}  // namespace cutover::it
