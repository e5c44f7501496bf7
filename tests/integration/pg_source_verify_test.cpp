// `cutover verify` and `verify --fix` with a PostgreSQL source (issue:
// verification, "for each source built so far"): a migrated target is
// damaged by hand — a value changed, a row deleted, a row added, a keyless
// table's row changed — and verify must exit 1 naming the table, the key
// range and the keys, `verify --fix` must repair it, and a second verify must
// be clean with every row equal to the source's.
#include <fmt/format.h>

#include "pg_source_harness.hpp"
#include "verify_checks.hpp"

namespace cutover::it {
namespace {

constexpr int k_rows = 1000;
constexpr const char* k_chunk_rows = "200";  // 5 chunks in the keyed table

class PgSourceVerifyTest : public PgSourceTest {
 protected:
  void SetUp() override {
    PgSourceTest::SetUp();
    if (IsSkipped()) return;
    src().exec(fmt::format(R"(
      CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, qty int, price numeric(10,2), meta jsonb,
                          at timestamptz, ratio float8, data bytea, tags text[]);
      INSERT INTO items SELECT i, 'item ' || i || ' é', i * 3, (i % 97) + 0.25,
        jsonb_build_object('tags', jsonb_build_array('a', 'b'), 'n', i, 'x', 1.50),
        '2024-05-01 10:00:00.125+00'::timestamptz + i * interval '61 seconds',
        CASE WHEN i % 10 = 0 THEN '-0'::float8 ELSE i / 7.0 END, int8send(i * 2654435761), ARRAY['t', i::text]
      FROM generate_series(1, {0}) i;
      CREATE TABLE log (msg text, n int);
      INSERT INTO log SELECT 'line ' || (i % 50), i % 7 FROM generate_series(1, {0}) i;
      ANALYZE;)",
                           k_rows));
    CutoverRun r = migrate_pg({"--chunk-rows", k_chunk_rows});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
  }

  CutoverRun verify(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"verify",   source_url(),          target_url(), "--chunk-rows", k_chunk_rows,
                                     "--report", dir() + "/verify.json", "--quiet"};
    args.insert(args.end(), extra.begin(), extra.end());
    return cutover(args);
  }
};

TEST_F(PgSourceVerifyTest, CorruptedDeletedAndExtraRowsAreFoundAndFixed) {
  pg().exec("UPDATE items SET name = 'corrupted' WHERE id = 42");
  pg().exec("DELETE FROM items WHERE id = 555");
  pg().exec("INSERT INTO items (id, name) VALUES (5000, 'extra')");
  pg().exec("UPDATE items SET tags = ARRAY['changed'] WHERE id = 950");
  pg().exec("UPDATE log SET n = 99 WHERE ctid = (SELECT ctid FROM log LIMIT 1)");

  CutoverRun r = verify();
  ASSERT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_EQ(r.report["status"], "failed");
  auto m = mismatches_of(r.report, "items");
  ASSERT_EQ(m.size(), 3u) << report_table(r.report, "items")["mismatches"].dump(1);
  EXPECT_EQ(row_kinds(m[0]), "different:id=42[name]");
  EXPECT_EQ(row_kinds(m[2]), "missing:id=555");
  EXPECT_EQ(row_kinds(m[4]), "different:id=950[tags] extra:id=5000");
  EXPECT_EQ(m[2]["source_rows"], 200);
  EXPECT_EQ(m[2]["target_rows"], 199);
  const auto& diff = m[0]["rows"][0]["columns"][0];
  EXPECT_EQ(diff["target"], "corrupted");
  EXPECT_EQ(diff["source"], "item 42 é");
  std::string range = m[2]["range"].get<std::string>();
  EXPECT_TRUE(range.starts_with("id in [")) << range;
  EXPECT_NE(r.out.find("items"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(range), std::string::npos) << "the summary does not name the key range: " << r.out;
  EXPECT_NE(r.out.find("different id=42 name"), std::string::npos) << r.out;
  EXPECT_EQ(mismatches_of(r.report, "log").size(), 1u);

  CutoverRun fix = verify({"--fix"});
  ASSERT_EQ(fix.exit_code, 0) << describe(fix);
  for (const char* t : {"items", "log"})
    for (const auto& [chunk, mm] : mismatches_of(fix.report, t)) EXPECT_TRUE(mm["fixed"].get<bool>()) << t << chunk;
  EXPECT_EQ(fix.report["totals"]["mismatches_fixed"], 4);

  CutoverRun again = verify();
  ASSERT_EQ(again.exit_code, 0) << describe(again);
  EXPECT_EQ(again.report["totals"]["mismatches"], 0);
  expect_same_data();
}

}  // namespace
}  // namespace cutover::it
