// `cutover verify` and `verify --fix` with a MySQL/MariaDB source (issue:
// verification, "for each source built so far"): a migrated target is
// damaged by hand — a value changed, a row deleted, a row added, a keyless
// table's row changed — and verify must exit 1 naming the table, the key
// range and the keys, `verify --fix` must repair it, and a second verify must
// be clean with every value equal to the source's.
#include <fmt/format.h>

#include "mysql_harness.hpp"
#include "verify_checks.hpp"

namespace cutover::it {
namespace {

constexpr int k_rows = 1000;
constexpr const char* k_chunk_rows = "200";  // 5 chunks in the keyed table

class MysqlVerifyTest : public MysqlMigrationTest {
 protected:
  void SetUp() override {
    MysqlMigrationTest::SetUp();
    if (IsSkipped()) return;
    my().exec(fmt::format(R"(
      CREATE TABLE items (id int PRIMARY KEY, name varchar(60) NOT NULL, qty int, price decimal(10,2), meta json,
                          at datetime(3), ratio double, data varbinary(16), flag tinyint(1));
      INSERT INTO items SELECT seq, CONCAT('item ', seq, ' é'), seq * 3, (seq % 97) + 0.25,
        CONCAT('{{"tags": ["a", "b"], "n": ', seq, ', "x": 1.50}}'),
        TIMESTAMPADD(SECOND, seq * 61, '2024-05-01 10:00:00.125'), seq / 7, UNHEX(HEX(seq * 2654435761)), seq % 2
      FROM seq_1_to_{0};
      CREATE TABLE log (msg varchar(20), n int);
      INSERT INTO log SELECT CONCAT('line ', seq % 50), seq % 7 FROM seq_1_to_{0};)",
                          k_rows));
    CutoverRun r = migrate_mysql({"--chunk-rows", k_chunk_rows});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
  }

  CutoverRun verify(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"verify",   mysql_url(),          target_url(), "--chunk-rows", k_chunk_rows,
                                     "--report", dir() + "/verify.json", "--quiet"};
    args.insert(args.end(), extra.begin(), extra.end());
    return cutover(args);
  }

  void expect_exact_copy() {
    EXPECT_EQ(pg_digest(pg(), "public.items",
                        "id, name, qty, price, to_char(at, 'YYYY-MM-DD HH24:MI:SS.US'), encode(data, 'hex'), flag::int",
                        "id"),
              mysql_digest(my(), "items", "id, name, qty, price, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), LOWER(HEX(data)), flag",
                           "id"));
    EXPECT_EQ(pg_digest(pg(), "public.log", "msg, n", "msg, n"), mysql_digest(my(), "log", "msg, n", "msg, n"));
  }
};

TEST_F(MysqlVerifyTest, CorruptedDeletedAndExtraRowsAreFoundAndFixed) {
  pg().exec("UPDATE items SET name = 'corrupted' WHERE id = 42");
  pg().exec("DELETE FROM items WHERE id = 555");
  pg().exec("INSERT INTO items (id, name) VALUES (5000, 'extra')");
  pg().exec("UPDATE items SET price = price + 0.01 WHERE id = 950");
  pg().exec("UPDATE log SET n = 99 WHERE ctid = (SELECT ctid FROM log LIMIT 1)");

  CutoverRun r = verify();
  ASSERT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_EQ(r.report["status"], "failed");
  auto m = mismatches_of(r.report, "items");
  ASSERT_EQ(m.size(), 3u) << report_table(r.report, "items")["mismatches"].dump(1);
  EXPECT_EQ(row_kinds(m[0]), "different:id=42[name]");
  EXPECT_EQ(row_kinds(m[2]), "missing:id=555");
  EXPECT_EQ(row_kinds(m[4]), "different:id=950[price] extra:id=5000");
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
  expect_exact_copy();
}

}  // namespace
}  // namespace cutover::it
