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
  std::string my1(const std::string& db, const std::string& sql) {
    return MyConn(sample_url(db)).scalar(sql).value_or("NULL");
  }
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
  EXPECT_EQ(pg1("SELECT special_features::text || '|' || rating || '|' || rental_rate || '|' || last_update FROM film "
                "WHERE film_id = 1"),
            "{\"Deleted Scenes\",\"Behind the Scenes\"}|PG|0.99|2006-02-15 05:03:42+00");
  EXPECT_EQ(pg1("SELECT sum(amount) FROM payment"), "67416.51");
  EXPECT_GE(report_table(r.report, "payment")["chunks"].get<int>(), 3);
  EXPECT_EQ(pg1("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'customer'::regclass "
                "AND attname = 'active'"),
            "boolean");
  // FULLTEXT (title, description) became GIN on the 'simple' text search vector.
  EXPECT_EQ(pg1("SELECT indexdef LIKE '%USING gin (to_tsvector(''simple''::regconfig%' FROM pg_indexes WHERE "
                "indexname = 'idx_title_description'"),
            "t");
  EXPECT_EQ(pg1("SELECT count(*) FROM film_text WHERE to_tsvector('simple', coalesce(title, '') || ' ' || "
                "coalesce(description, '')) @@ plainto_tsquery('simple', 'Drama Dentist')"),
            my1("sakila", "SELECT COUNT(*) FROM film_text WHERE MATCH (title, description) AGAINST "
                          "('+Drama +Dentist' IN BOOLEAN MODE)"));
  pg().exec("INSERT INTO actor (first_name, last_name) VALUES ('NEW', 'ACTOR')");
  EXPECT_EQ(pg1("SELECT max(actor_id) FROM actor"), "201");
  // last_update ... ON UPDATE CURRENT_TIMESTAMP: a trigger per table.
  EXPECT_EQ(pg1("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE '%_on_update'"),
            my1("sakila", "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = 'sakila' AND "
                          "extra LIKE '%on update%' AND table_name IN (SELECT table_name FROM "
                          "information_schema.tables WHERE table_schema = 'sakila' AND table_type = 'BASE TABLE')"));
  // Views: qualified names, group_concat and if() translated; the two that
  // PostgreSQL still refuses are listed (docs/types-mysql.md).
  EXPECT_EQ(r.report["views_created"].size(), 5U) << r.report["views_created"].dump();
  EXPECT_EQ(r.report["views_not_migrated"].size(), 2U);
  EXPECT_EQ(pg1("SELECT count(*) FROM film_list"), my1("sakila", "SELECT COUNT(*) FROM film_list"));
  EXPECT_EQ(pg1("SELECT string_agg(\"ID\" || notes, ',' ORDER BY \"ID\") FROM customer_list WHERE \"ID\" <= 20"),
            my1("sakila", "SELECT GROUP_CONCAT(CONCAT(ID, notes) ORDER BY ID) FROM customer_list WHERE ID <= 20"));
  EXPECT_EQ(pg1("SELECT sum(total_sales) FROM sales_by_film_category"),
            my1("sakila", "SELECT SUM(total_sales) FROM sales_by_film_category"));
  pg().exec("UPDATE actor SET first_name = 'PENNY' WHERE actor_id = 1");
  EXPECT_EQ(pg1("SELECT last_update > now() - interval '1 hour' FROM actor WHERE actor_id = 1"), "t");
  EXPECT_EQ(pg1("SELECT last_update FROM actor WHERE actor_id = 2"), "2006-02-15 04:34:33+00");
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
