// adopt_stored_chunks: a resumed run takes the chunk ranges its first run
// stored, when the stored JSON describes them whole.
#include <gtest/gtest.h>

#include "chunk_test_util.hpp"
#include "plan/plan_json.hpp"
#include "plan/plan_resume.hpp"

namespace cutover {
namespace {

using test::tuple_chunk;

MigrationPlan plan_with(std::vector<ChunkSpec> chunks, const std::string& reason) {
  MigrationPlan plan;
  TablePlan t;
  t.source.name = "orders";
  t.target_schema = "public";
  t.target_name = "orders";
  t.chunks = std::move(chunks);
  t.chunk_reason = reason;
  plan.tables.push_back(std::move(t));
  return plan;
}

TEST(PlanResume, TakesTheStoredTupleRanges) {
  MigrationPlan first = plan_with({tuple_chunk(0, {}, {"500"}), tuple_chunk(1, {"500"}, {})}, "two chunks");
  MigrationPlan now = plan_with({tuple_chunk(0, {}, {"300"}), tuple_chunk(1, {"300"}, {"600"}),
                                 tuple_chunk(2, {"600"}, {})},
                                "three chunks");
  ASSERT_TRUE(adopt_stored_chunks(now, plan_to_json(first).dump()));
  ASSERT_EQ(now.tables[0].chunks.size(), 2u);
  EXPECT_EQ(now.tables[0].chunks[1].describe(), "id in [500, +inf)");
  EXPECT_EQ(now.tables[0].chunk_reason, "two chunks");
  EXPECT_EQ(make_run_identity(now).plan_hash, make_run_identity(first).plan_hash);
}

TEST(PlanResume, LeavesIntegerKeyRangesAlone) {
  ChunkSpec c;
  c.key_column = "rowid";
  c.lo = 1;
  c.hi = 100;
  MigrationPlan first = plan_with({c}, "stored");
  MigrationPlan now = plan_with({tuple_chunk(0, {}, {})}, "now");
  EXPECT_FALSE(adopt_stored_chunks(now, plan_to_json(first).dump()));
  EXPECT_EQ(now.tables[0].chunk_reason, "now");
}

TEST(PlanResume, NeedsEveryTableOfThePlan) {
  MigrationPlan first = plan_with({tuple_chunk(0, {}, {})}, "stored");
  MigrationPlan now = plan_with({tuple_chunk(0, {}, {})}, "now");
  now.tables[0].target_name = "purchases";
  EXPECT_FALSE(adopt_stored_chunks(now, plan_to_json(first).dump()));
  EXPECT_FALSE(adopt_stored_chunks(now, "not json"));
}

}  // namespace
}  // namespace cutover
