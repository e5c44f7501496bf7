// `cutover verify` and `verify --fix` (docs/verify.md): a migrated target is
// damaged by hand — a value changed, a row deleted, a row added — and verify
// must name the chunks and keys, exit 1, repair them with --fix, and a
// second verify must exit 0 with every value equal to the source's.
#include <fmt/format.h>

#include "compare.hpp"
#include "harness.hpp"
#include "verify_checks.hpp"

namespace cutover::it {
namespace {

constexpr int k_rows = 1000;
constexpr const char* k_chunk_rows = "200";  // 5 chunks per keyed table

class VerifyTest : public MigrationTest {
 protected:
  void SetUp() override {
    MigrationTest::SetUp();
    if (IsSkipped()) return;
    source().exec(fmt::format(R"(BEGIN;
      CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, qty INTEGER, price DECIMAL(10,2),
                          meta JSON, at DATETIME, ratio REAL, data BLOB);
      WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {0})
      INSERT INTO items SELECT i, 'item ' || i || ' é', i * 3, (i % 97) || '.25',
        '{{"tags": ["a", "b"], "n": ' || i || ', "x": 1.50}}', '2024-05-01 10:00:' || printf('%02d', i % 60),
        CASE WHEN i % 10 = 0 THEN -0.0 ELSE i / 7.0 END, CAST(printf('%x', i) AS BLOB) FROM s;
      CREATE TABLE log (msg TEXT, n INTEGER);
      WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {0})
      INSERT INTO log SELECT 'line ' || (i % 50), i % 7 FROM s;
      CREATE TABLE parent (code TEXT PRIMARY KEY, label TEXT);
      WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {0})
      INSERT INTO parent SELECT printf('p%04d', i), 'parent ' || i FROM s;
      CREATE TABLE child (id INTEGER PRIMARY KEY, code TEXT NOT NULL REFERENCES parent(code) ON DELETE CASCADE);
      WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {0})
      INSERT INTO child SELECT i, printf('p%04d', (i * 7) % {0} + 1) FROM s;
      COMMIT;)",
                              k_rows));
    CutoverRun r = migrate({"--chunk-rows", k_chunk_rows});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    for (const char* t : {"items", "log", "parent", "child"})
      ASSERT_EQ(report_table(r.report, t)["mismatches"].size(), 0u) << t;
  }

  CutoverRun verify(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"verify", source_path(), target_url(), "--chunk-rows", k_chunk_rows,
                                     "--report", dir() + "/verify.json", "--quiet"};
    args.insert(args.end(), extra.begin(), extra.end());
    return cutover(args);
  }

  // Every table equal to the source, value by value.
  void expect_exact_copy(const nlohmann::json& migrate_report) {
    for (const char* t : {"items", "log", "parent", "child"}) expect_same_rows(source(), pg(), migrate_report, t);
  }

  nlohmann::json migrate_report() { return nlohmann::json::parse(read_file(report_path())); }
};

TEST_F(VerifyTest, CleanCopyVerifiesPerChunk) {
  CutoverRun r = verify();
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(r.report["command"], "verify");
  const auto& items = report_table(r.report, "items");
  EXPECT_EQ(items["verify"]["by"], "chunk");
  EXPECT_EQ(items["verify"]["chunks"].size(), 5u);
  for (const auto& c : items["verify"]["chunks"]) {
    EXPECT_TRUE(c["match"].get<bool>()) << c.dump();
    EXPECT_EQ(c["source_checksum"], c["target_checksum"]);
  }
  EXPECT_EQ(report_table(r.report, "log")["verify"]["by"], "table");  // rowid without alias
  EXPECT_EQ(items["checksum"], report_table(migrate_report(), "items")["checksum"])
      << "a new read of the source sums to the checksum recorded while copying";
}

TEST_F(VerifyTest, CorruptedDeletedAndExtraRowsAreFoundAndFixed) {
  damage_items(pg(), "meta = '{\"tags\": []}'");
  ASSERT_NO_FATAL_FAILURE(expect_items_damage_found(verify(), "meta"));
  auto verify_with = [this](const std::vector<std::string>& extra) { return verify(extra); };
  const std::vector<std::string> tables{"items"};
  ASSERT_NO_FATAL_FAILURE(expect_fixed_then_clean(verify_with, tables, 3));
  expect_exact_copy(migrate_report());
  // The chunk records follow the repair: a later verify with the stored run still agrees.
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM cutover_state.chunks WHERE table_name = 'public.items'"), "5");
}

// --stored compares the target with the chunk records of the migrate (no
// second read of the source): it finds damage to the target, narrowed to
// rows, and refuses --fix, which needs the source.
TEST_F(VerifyTest, StoredChecksumsFindDamageWithoutReadingTheSource) {
  CutoverRun clean = verify({"--stored"});
  ASSERT_EQ(clean.exit_code, 0) << describe(clean);
  EXPECT_EQ(report_table(clean.report, "items")["copied_rows"], k_rows);

  pg().exec("UPDATE items SET qty = qty + 1 WHERE id = 42");
  CutoverRun r = verify({"--stored"});
  ASSERT_EQ(r.exit_code, 1) << describe(r);
  auto m = mismatches_of(r.report, "items");
  ASSERT_EQ(m.size(), 1u) << report_table(r.report, "items")["mismatches"].dump(1);
  EXPECT_EQ(m.begin()->second["range"], "id in [-inf, 201)");

  CutoverRun both = verify({"--stored", "--fix"});
  EXPECT_EQ(both.exit_code, 2) << describe(both);
}

TEST_F(VerifyTest, RowidTableWithoutAliasIsComparedAndFixedWhole) {
  pg().exec("UPDATE log SET n = 99 WHERE ctid = (SELECT ctid FROM log LIMIT 1)");
  pg().exec("INSERT INTO log VALUES ('stray', 1)");
  CutoverRun r = verify();
  ASSERT_EQ(r.exit_code, 1) << describe(r);
  auto m = mismatches_of(r.report, "log");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[-1]["range"], "whole table");
  EXPECT_FALSE(m[-1]["narrowed"].get<bool>());
  EXPECT_NE(m[-1]["note"].get<std::string>().find("cannot be narrowed"), std::string::npos);
  EXPECT_EQ(m[-1]["target_rows"], k_rows + 1);

  CutoverRun fix = verify({"--fix"});
  ASSERT_EQ(fix.exit_code, 0) << describe(fix);
  CutoverRun again = verify();
  ASSERT_EQ(again.exit_code, 0) << describe(again);
  expect_exact_copy(migrate_report());
}

TEST_F(VerifyTest, ReferencedTableIsFixedWithoutTouchingReferencingRows) {
  int64_t children = std::stoll(pg().scalar("SELECT count(*) FROM child").value_or("0"));
  pg().exec("UPDATE parent SET label = 'wrong' WHERE code = 'p0007'");
  pg().exec("INSERT INTO parent VALUES ('zzz', 'extra')");
  CutoverRun r = verify();
  ASSERT_EQ(r.exit_code, 1) << describe(r);
  auto m = mismatches_of(r.report, "parent");
  ASSERT_EQ(m.size(), 1u);  // a text key: one whole-table range, narrowed by key
  EXPECT_EQ(row_kinds(m[-1]), "extra:code=zzz different:code=p0007[label]");

  CutoverRun fix = verify({"--fix"});
  ASSERT_EQ(fix.exit_code, 0) << describe(fix);
  EXPECT_EQ(std::stoll(pg().scalar("SELECT count(*) FROM child").value_or("0")), children)
      << "ON DELETE CASCADE must not have removed the rows referencing the repaired parents";
  CutoverRun again = verify();
  ASSERT_EQ(again.exit_code, 0) << describe(again);
  expect_exact_copy(migrate_report());
}

TEST_F(VerifyTest, ChildTableMismatchIsNarrowedToItsChunk) {
  pg().exec("UPDATE child SET code = 'p0001' WHERE id = 3");
  CutoverRun r = verify();
  ASSERT_EQ(r.exit_code, 1) << describe(r);
  auto m = mismatches_of(r.report, "child");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(row_kinds(m[0]), "different:id=3[code]");
  EXPECT_EQ(m[0]["range"], "id in [-inf, 201)");
}

}  // namespace
}  // namespace cutover::it
