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
  auto verify_with = [this](const std::vector<std::string>& extra) { return verify(extra); };
  ASSERT_NO_FATAL_FAILURE(expect_damage_found_and_fixed(pg(), verify_with, "price = price + 0.01", "price"));
  expect_exact_copy();
}

}  // namespace
}  // namespace cutover::it
