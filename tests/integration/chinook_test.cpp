// End to end on a realistic database nobody on the team wrote: Chinook
// (11 tables, 15,607 rows; /work/shared/data/chinook, MIT). Every table's
// row count and every value must be equal.
#include <filesystem>

#include "compare.hpp"
#include "harness.hpp"

namespace cutover::it {
namespace {

namespace fs = std::filesystem;

// The sample lives in the shared data folder beside the repository.
std::string chinook_file() {
  for (const char* p : {"/work/shared/data/chinook/Chinook_Sqlite.sqlite",
                        CUTOVER_TEST_DATA "/../../../shared/data/chinook/Chinook_Sqlite.sqlite"})
    if (fs::exists(p)) return p;
  return "";
}

class ChinookTest : public MigrationTest {};

TEST_F(ChinookTest, MigratesWithEveryRowAndValueEqual) {
  std::string original = chinook_file();
  if (original.empty()) GTEST_SKIP() << "Chinook_Sqlite.sqlite not found under shared/data/chinook";
  // Work on a copy: the shared file is read-only and must not be touched.
  fs::copy_file(original, dir() + "/chinook.db");
  SqliteFile chinook(dir() + "/chinook.db");
  CutoverRun r = cutover({"migrate", chinook.path(), target_url(), "--report", report_path(),
                          "--reject-dir", reject_dir(), "--quiet", "--chunk-rows", "1000"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  auto tables = chinook.rows(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  ASSERT_EQ(tables.size(), 11u);
  int64_t total = 0;
  for (const auto& t : tables) {
    const std::string& name = t[0].bytes;
    SCOPED_TRACE(name);
    TableCompare cmp = expect_same_rows(chinook, pg(), r.report, name);
    EXPECT_EQ(cmp.rejected, 0u);
    EXPECT_EQ(static_cast<int64_t>(cmp.target_rows), sqlite_count(chinook, name));
    EXPECT_EQ(pg_count(pg(), target_table_sql(r.report, name)), sqlite_count(chinook, name));
    total += sqlite_count(chinook, name);
  }
  EXPECT_EQ(total, 15607);
  EXPECT_EQ(r.report["totals"]["rows_copied"], 15607);
  EXPECT_GE(
      std::stoll(pg().scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f'").value()),
      11);
}

}  // namespace
}  // namespace cutover::it
