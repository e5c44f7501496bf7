// `cutover verify` and `verify --fix` with a SQL Server source (issue:
// verification, "for each source built so far"): a target migrated from the
// TDS test server is damaged by hand — a value changed, a row deleted, a
// row added, a keyless table's row changed — and verify must exit 1 naming
// the table, the key range and the keys, `verify --fix` must repair it, and
// a second verify must be clean with every value equal to the fixture's.
#include <fmt/format.h>

#include "mssql_harness.hpp"
#include "verify_checks.hpp"

namespace cutover::it {
namespace {

constexpr const char* k_chunk_rows = "200";  // 5 chunks in shop.dbo.items (ids 1..1000)

class MssqlVerifyTest : public MssqlMigrationTest {
 protected:
  void SetUp() override {
    MssqlMigrationTest::SetUp();
    if (IsSkipped()) return;
    CutoverRun r = migrate_mssql({"--tables", "items,log", "--chunk-rows", k_chunk_rows}, "shop");
    ASSERT_EQ(r.exit_code, 0) << describe(r);
  }

  CutoverRun verify(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"verify",       source_url("shop"), target_url(), "--tables",
                                     "items,log",    "--chunk-rows",     k_chunk_rows, "--report",
                                     dir() + "/verify.json", "--quiet"};
    args.insert(args.end(), extra.begin(), extra.end());
    return cutover(args);
  }
};

TEST_F(MssqlVerifyTest, CorruptedDeletedAndExtraRowsAreFoundAndFixed) {
  auto verify_with = [this](const std::vector<std::string>& extra) { return verify(extra); };
  ASSERT_NO_FATAL_FAILURE(expect_damage_found_and_fixed(pg(), verify_with, "ratio = ratio + 1", "ratio"));
  expect_table_matches(fixture("shop", "items"), "public.items");
  expect_table_matches(fixture("shop", "log"), "public.log");
}

}  // namespace
}  // namespace cutover::it
