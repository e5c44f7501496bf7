// The public sample databases in /work/shared/data (nobody on the team wrote
// them) loaded into MariaDB with their own scripts, then migrated: every
// table's count, the foreign keys and a few exact values must arrive.
#include <fmt/format.h>

#include <filesystem>

#include "mysql_harness.hpp"

namespace cutover::it {
namespace {

namespace fs = std::filesystem;

constexpr const char* k_data = "/work/shared/data";

class MysqlSamplesTest : public MysqlMigrationTest {
 protected:
  // The sample scripts create their own database (sakila, Chinook).
  std::string sample_url(const std::string& db) {
    std::string base = *mysql_admin_url();
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/" + db;
  }
  void expect_counts_equal(const std::string& db, const CutoverRun& r, int tables) {
    MyConn src(sample_url(db));
    ASSERT_EQ(static_cast<int>(r.report["tables"].size()), tables);
    for (const auto& t : r.report["tables"]) {
      std::string name = t["source"];
      SCOPED_TRACE(name);
      EXPECT_EQ(t["status"], "ok");
      EXPECT_EQ(std::to_string(t["target_rows"].get<int64_t>()),
                src.scalar(fmt::format("SELECT COUNT(*) FROM `{}`", name)).value());
    }
  }
  std::string pg1(const std::string& sql) { return pg().scalar(sql).value_or("NULL"); }
};

TEST_F(MysqlSamplesTest, Sakila) {
  std::string dir = std::string(k_data) + "/sakila-mysql";
  if (!fs::exists(dir)) GTEST_SKIP() << dir << " not found";
  run_mysql_script(dir + "/sakila-mv-schema.sql");
  run_mysql_script(dir + "/sakila-mv-data.sql");
  CutoverRun r = migrate_mysql({"--chunk-rows", "5000"}, sample_url("sakila"));
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  expect_counts_equal("sakila", r, 16);
  EXPECT_EQ(r.report["totals"]["rows_copied"], 47273);
  EXPECT_EQ(pg1("SELECT count(*) FROM pg_constraint WHERE contype = 'f'"), "22");
  EXPECT_EQ(pg1("SELECT special_features || '|' || rating || '|' || rental_rate || '|' || last_update FROM film "
                "WHERE film_id = 1"),
            "Deleted Scenes,Behind the Scenes|PG|0.99|2006-02-15 05:03:42+00");
  EXPECT_EQ(pg1("SELECT sum(amount) FROM payment"), "67416.51");
  EXPECT_GE(report_table(r.report, "payment")["chunks"].get<int>(), 3);
  EXPECT_EQ(pg1("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'customer'::regclass "
                "AND attname = 'active'"),
            "boolean");
  pg().exec("INSERT INTO actor (first_name, last_name) VALUES ('NEW', 'ACTOR')");
  EXPECT_EQ(pg1("SELECT max(actor_id) FROM actor"), "201");
}

TEST_F(MysqlSamplesTest, Chinook) {
  std::string file = std::string(k_data) + "/chinook/Chinook_MySql.sql";
  if (!fs::exists(file)) GTEST_SKIP() << file << " not found";
  run_mysql_script(file);
  CutoverRun r = migrate_mysql({"--chunk-rows", "1000"}, sample_url("Chinook"));
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  expect_counts_equal("Chinook", r, 11);
  EXPECT_EQ(r.report["totals"]["rows_copied"], 15607);
  EXPECT_EQ(pg1("SELECT count(*) FROM pg_constraint WHERE contype = 'f'"), "11");
  EXPECT_EQ(pg1("SELECT sum(total) FROM invoice"), "2328.60");
  EXPECT_EQ(pg1("SELECT name || '|' || milliseconds || '|' || unitprice FROM track WHERE trackid = 1"),
            "For Those About To Rock (We Salute You)|343719|0.99");
  EXPECT_EQ(pg1("SELECT name FROM artist WHERE artistid = 8"), "Audioslave");
}

}  // namespace
}  // namespace cutover::it
