// A table copied in one chunk is loaded with TRUNCATE + COPY ... FREEZE in
// the chunk's transaction (its pages are all-frozen at once, so the target
// does no hint-bit or freeze writes later), for every source; a table of
// several chunks, --data-only and repairs use a plain COPY. A re-run of the
// single chunk replaces what the table holds instead of adding to it.
#include "compare.hpp"
#include "harness.hpp"
#include "pg_source_harness.hpp"

namespace cutover::it {
namespace {

// Pages of `table` the visibility map marks all-frozen, and its pages.
std::pair<std::string, std::string> frozen_pages(PgConn& pg, const std::string& table) {
  pg.exec("CREATE EXTENSION IF NOT EXISTS pg_visibility");
  auto frozen =
      pg.scalar("SELECT all_frozen FROM pg_visibility_map_summary($1::regclass)", {table});
  auto pages = pg.scalar(
      "SELECT pg_relation_size($1::regclass) / current_setting('block_size')::int", {table});
  return {frozen.value_or("?"), pages.value_or("?")};
}

class FreezeTest : public MigrationTest {
 protected:
  void SetUp() override {
    MigrationTest::SetUp();
    if (IsSkipped()) return;
    source().exec(R"(
      CREATE TABLE small (id INTEGER PRIMARY KEY, name TEXT);
      CREATE TABLE big (id INTEGER PRIMARY KEY, name TEXT);
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
      INSERT INTO small SELECT i, 'row ' || i FROM n;
      INSERT INTO big SELECT id, name FROM small;
    )");
  }
};

TEST_F(FreezeTest, SingleChunkTablesAreLoadedFrozen) {
  CutoverRun r = migrate({"--tables", "small"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(report_table(r.report, "small")["freeze"], true);
  auto [frozen, pages] = frozen_pages(pg(), "public.small");
  EXPECT_EQ(frozen, pages);
  EXPECT_NE(pages, "0");
  expect_same_rows(source(), pg(), r.report, "small");
  CutoverRun big =
      migrate({"--chunk-rows", "500", "--tables", "big", "--report", dir() + "/big.json"});
  ASSERT_EQ(big.exit_code, 0) << describe(big);
  EXPECT_EQ(report_table(big.report, "big")["freeze"], false);
  EXPECT_GT(report_table(big.report, "big")["chunks"].get<int>(), 1);
}

TEST_F(FreezeTest, DataOnlyUsesAPlainCopy) {
  ASSERT_EQ(migrate({"--schema-only"}).exit_code, 0);
  CutoverRun r = migrate({"--data-only", "--report", dir() + "/data.json"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(report_table(r.report, "small")["freeze"], false);
  expect_same_rows(source(), pg(), r.report, "small");
}

TEST_F(FreezeTest, ARerunSingleChunkReplacesTheRows) {
  ASSERT_EQ(migrate().exit_code, 0);
  // The rows are there but the run is unfinished and the chunk not
  // recorded (as if the record were lost): the re-run must not add them twice.
  pg().exec(
      "DELETE FROM cutover_state.chunks WHERE table_name = 'public.small'; "
      "UPDATE cutover_state.runs SET status = 'failed'");
  CutoverRun r = migrate();
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_TRUE(r.report["resumed"].get<bool>());
  EXPECT_EQ(report_table(r.report, "small")["chunks_resumed"], 0);
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM public.small"), "2000");
  expect_same_rows(source(), pg(), r.report, "small");
}

class PgSourceFreezeTest : public PgSourceTest {};

TEST_F(PgSourceFreezeTest, SingleChunkTablesAndPartitionsAreLoadedFrozen) {
  src().exec(R"(
    CREATE TABLE parent (id int PRIMARY KEY, v text);
    CREATE TABLE child (extra int) INHERITS (parent);
    INSERT INTO parent SELECT i, 'p' || i FROM generate_series(1, 500) i;
    INSERT INTO child SELECT i, 'c' || i, i FROM generate_series(501, 900) i;
    CREATE TABLE log (at date NOT NULL, n int) PARTITION BY RANGE (at);
    CREATE TABLE log_2024 PARTITION OF log FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
    INSERT INTO log SELECT '2024-01-01'::date + i % 300, i FROM generate_series(1, 3000) i;)");
  CutoverRun r = migrate_pg();
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  for (const char* t : {"public.parent", "public.child", "public.log_2024"}) {
    auto [frozen, pages] = frozen_pages(pg(), t);
    EXPECT_EQ(frozen, pages) << t;
  }
  EXPECT_EQ(report_table(r.report, "log_2024")["freeze"], true);
  EXPECT_EQ(report_table(r.report, "log")["freeze"], false);  // a partitioned table holds no rows
  expect_same_data();
}

}  // namespace
}  // namespace cutover::it
