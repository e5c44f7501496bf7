// MySQL/MariaDB -> PostgreSQL: keys and chunks (composite, unsigned,
// non-integer keys, no key, many small chunks), structure (identity past
// the maximum, foreign keys incl. self references, indexes, checks,
// defaults, quoted names) and the consistency statement of the report.
#include <fmt/format.h>

#include "mysql_harness.hpp"

namespace cutover::it {
namespace {

using Strings = std::vector<std::string>;

class MysqlTablesTest : public MysqlMigrationTest {
 protected:
  // 1,000 rows in each table, inserted by a recursive CTE.
  void fill(const std::string& table, const std::string& select) {
    my().exec(fmt::format("INSERT INTO {} WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
                          "{}",
                          table, select));
  }
  std::string pg1(const std::string& sql) { return pg().scalar(sql).value_or("NULL"); }
  std::string my1(const std::string& sql) { return my().scalar(sql).value_or("NULL"); }
};

TEST_F(MysqlTablesTest, EveryKindOfKeySplitsIntoChunksAndEveryRowArrives) {
  my().exec(R"(
    CREATE TABLE comp (a int NOT NULL, b varchar(10) NOT NULL, v int, PRIMARY KEY (a, b));
    CREATE TABLE big_unsigned (id bigint unsigned PRIMARY KEY, v int);
    CREATE TABLE strkey (k varchar(20) COLLATE utf8mb4_general_ci PRIMARY KEY, v int);
    CREATE TABLE nokey (v int, w text);
    CREATE TABLE uniq (u int NOT NULL, v int, UNIQUE KEY (u));
  )");
  fill("comp", "SELECT i % 37, CONCAT('k', i), i FROM n");
  fill("big_unsigned", "SELECT 18446744073709551615 - i * 1000003, i FROM n");
  fill("strkey", "SELECT CONCAT(IF(i % 2, 'A', 'a'), LPAD(i, 5, '0')), i FROM n");
  fill("nokey", "SELECT i, REPEAT('x', i % 7) FROM n");
  fill("uniq", "SELECT i * 3, i FROM n");
  CutoverRun r = migrate_mysql({"--chunk-rows", "90", "-j", "2"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  for (const char* t : {"comp", "big_unsigned", "strkey", "nokey", "uniq"}) {
    SCOPED_TRACE(t);
    EXPECT_EQ(pg1(fmt::format("SELECT count(*) FROM {}", t)), "1000");
    EXPECT_EQ(pg1(fmt::format("SELECT sum(v) FROM {}", t)), "500500");
    EXPECT_EQ(report_table(r.report, t)["status"], "ok");
  }
  EXPECT_EQ(report_table(r.report, "comp")["chunks"], 12);
  EXPECT_EQ(report_table(r.report, "strkey")["chunks"], 12);
  EXPECT_GE(report_table(r.report, "big_unsigned")["chunks"].get<int>(), 10);
  EXPECT_GE(report_table(r.report, "uniq")["chunks"].get<int>(), 10);
  EXPECT_EQ(report_table(r.report, "nokey")["chunks"], 1);
  EXPECT_EQ(report_table(r.report, "nokey")["chunk_reason"],
            "one chunk: no primary key or unique key on NOT NULL columns");
  EXPECT_EQ(pg1("SELECT sum(id) FROM big_unsigned"), my1("SELECT SUM(id) FROM big_unsigned"));
  EXPECT_EQ(pg1("SELECT string_agg(k, ',' ORDER BY v) FROM strkey"), my1("SELECT GROUP_CONCAT(k ORDER BY v) FROM strkey"));
  EXPECT_EQ(pg1("SELECT string_agg(a || b, ',' ORDER BY v) FROM comp"),
            my1("SELECT GROUP_CONCAT(CONCAT(a, b) ORDER BY v) FROM comp"));
  EXPECT_EQ(pg1("SELECT string_agg(w, ',' ORDER BY v) FROM nokey"), my1("SELECT GROUP_CONCAT(w ORDER BY v) FROM nokey"));
  EXPECT_NE(std::string(r.report["consistency"]).find("point-in-time consistent: yes"), std::string::npos)
      << r.report["consistency"];
}

TEST_F(MysqlTablesTest, StructureArrives) {
  my().exec(R"(
    CREATE TABLE `Order Items` (
      id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
      parent_id int unsigned NULL,
      `Name` varchar(50) NOT NULL DEFAULT 'it''s',
      qty smallint NOT NULL DEFAULT 1 CHECK (qty > 0),
      price decimal(10,2) NOT NULL DEFAULT 0.00,
      total decimal(12,2) AS (qty * price) STORED,
      created datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      note text,
      KEY by_name (`Name`(10)),
      UNIQUE KEY uq_name_qty (`Name`, qty),
      CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES `Order Items` (id) ON DELETE CASCADE
    ) AUTO_INCREMENT = 500;
    INSERT INTO `Order Items` (id, parent_id, `Name`, qty, price) VALUES (1, NULL, 'root', 2, 1.50), (2, 1, 'child', 3, 2.25);
    CREATE VIEW v_items AS SELECT id, `Name` FROM `Order Items` WHERE qty > 1;
    CREATE TABLE plain (id int PRIMARY KEY, label varchar(10), body text, FULLTEXT KEY ft_body (body),
      FULLTEXT KEY ft_both (label, body));
    INSERT INTO plain VALUES (1, 'one', 'The quick brown fox'), (2, 'two', NULL);
    CREATE VIEW v_plain AS SELECT p.id, upper(p.label) AS up FROM plain p WHERE p.id > 1;
    CREATE TRIGGER trg BEFORE INSERT ON `Order Items` FOR EACH ROW SET NEW.qty = NEW.qty;
  )");
  CutoverRun r = migrate_mysql();
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(pg1("SELECT string_agg(total::text, ',' ORDER BY id) FROM \"order items\""), "3.00,6.75");
  EXPECT_EQ(pg1("SELECT count(*) FROM pg_constraint WHERE conrelid = '\"order items\"'::regclass AND contype = 'f' "
                "AND confrelid = conrelid AND confdeltype = 'c'"),
            "1");
  EXPECT_EQ(pg1("SELECT count(*) FROM pg_constraint WHERE conrelid = '\"order items\"'::regclass AND contype = 'c'"), "1");
  EXPECT_EQ(pg1("SELECT count(*) FROM pg_indexes WHERE tablename = 'order items' AND indexdef LIKE '%\"left\"((name)::text, 10)%'"),
            "1");
  // Identity restarts past the source's AUTO_INCREMENT (500).
  pg().exec("INSERT INTO \"order items\" (name, qty, price) VALUES ('new', 1, 1)");
  EXPECT_EQ(pg1("SELECT max(id) FROM \"order items\""), "500");
  EXPECT_EQ(pg1("SELECT name || '/' || qty || '/' || price FROM \"order items\" WHERE id = 500"), "new/1/1.00");
  pg().exec("INSERT INTO \"order items\" (qty) VALUES (5)");
  EXPECT_EQ(pg1("SELECT name FROM \"order items\" WHERE qty = 5"), "it's");
  EXPECT_EQ(pg1("SELECT count(*) FROM \"order items\" WHERE qty = 5 AND created > now() - interval '1 hour'"), "1");
  EXPECT_EQ(pg1("SELECT string_agg(up, ',' ORDER BY id) FROM v_plain"), "TWO");
  // A unique key over a case-insensitive column is said to change meaning.
  bool said = false;
  for (const auto& w : report_table(r.report, "Order Items")["warnings"])
    said = said || w.get<std::string>().starts_with("unique key uq_name_qty (Name, qty) is case-insensitive in the source");
  EXPECT_TRUE(said) << report_table(r.report, "Order Items")["warnings"].dump();
  // FULLTEXT: GIN on to_tsvector('simple', ...), one column or several.
  EXPECT_EQ(pg1("SELECT string_agg(indexname || ':' || substr(indexdef, strpos(indexdef, 'USING')), ';' ORDER BY "
                "indexname) FROM pg_indexes WHERE tablename = 'plain' AND indexname LIKE 'ft%'"),
            "ft_body:USING gin (to_tsvector('simple'::regconfig, body));"
            "ft_both:USING gin (to_tsvector('simple'::regconfig, (((COALESCE(label, ''::character varying))::text || "
            "' '::text) || COALESCE(body, ''::text))))");
  EXPECT_EQ(pg1("SELECT id FROM plain WHERE to_tsvector('simple', body) @@ plainto_tsquery('simple', 'QUICK fox')"), "1");
  // A view over mixed-case names: MariaDB stores it with qualified names in
  // their source case ("Order Items"."Name"), resolved to the target's.
  EXPECT_EQ(r.report["views_not_migrated"].size(), 0U) << r.report["views_not_migrated"].dump();
  EXPECT_EQ(pg1("SELECT string_agg(id || ':' || name, ',' ORDER BY id) FROM v_items WHERE id < 3"), "1:root,2:child");
  bool trigger_listed = false;
  for (const auto& n : r.report["not_migrated"]) trigger_listed = trigger_listed || n.get<std::string>().starts_with("trigger trg");
  EXPECT_TRUE(trigger_listed) << r.report["not_migrated"].dump();
}

// ON UPDATE CURRENT_TIMESTAMP becomes a trigger created after the data: the
// copied values stay as they were; a later UPDATE in PostgreSQL that changes
// the row sets the column, one that sets it explicitly keeps that value.
TEST_F(MysqlTablesTest, OnUpdateCurrentTimestampBecomesATrigger) {
  my().exec(R"(
    CREATE TABLE stamped (id int PRIMARY KEY, v int,
      updated datetime(3) NOT NULL DEFAULT '2000-01-01 00:00:00' ON UPDATE CURRENT_TIMESTAMP(3),
      touched timestamp NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP, twice int AS (v * 2) STORED);
    INSERT INTO stamped (id, v, updated, touched) VALUES (1, 1, '2001-01-01 01:01:01.5', NULL),
      (2, 2, '2002-02-02', NULL), (3, 3, '2003-03-03', '2003-03-03 03:03:03');
  )");
  CutoverRun r = migrate_mysql({"--chunk-rows", "2"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(pg1("SELECT string_agg(updated || '/' || coalesce(touched::text, '-'), ',' ORDER BY id) FROM stamped"),
            "2001-01-01 01:01:01.5/-,2002-02-02 00:00:00/-,2003-03-03 00:00:00/2003-03-03 03:03:03+00");
  bool step_listed = false;
  for (const auto& s : r.report["steps"]) step_listed = step_listed || s["step"] == "trigger:public.stamped";
  EXPECT_TRUE(step_listed) << r.report["steps"].dump();
  for (const auto& n : r.report["not_migrated"]) EXPECT_EQ(n.get<std::string>().find("ON UPDATE"), std::string::npos) << n;

  pg().exec("UPDATE stamped SET v = 10 WHERE id = 1");
  pg().exec("UPDATE stamped SET v = v WHERE id = 2");
  pg().exec("UPDATE stamped SET v = 30, updated = '2010-10-10 10:10:10' WHERE id = 3");
  EXPECT_EQ(pg1("SELECT updated > now() - interval '1 hour' AND touched > now() - interval '1 hour' "
                "AND updated = date_trunc('milliseconds', updated) FROM stamped WHERE id = 1"),
            "t");
  EXPECT_EQ(pg1("SELECT updated || '/' || coalesce(touched::text, '-') FROM stamped WHERE id = 2"),
            "2002-02-02 00:00:00/-");
  EXPECT_EQ(pg1("SELECT updated = '2010-10-10 10:10:10' AND touched > now() - interval '1 hour' FROM stamped "
                "WHERE id = 3"),
            "t");
}

}  // namespace
}  // namespace cutover::it
