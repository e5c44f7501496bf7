#include <gtest/gtest.h>

#include "sources/mysql/mysql_expr.hpp"

namespace cutover::mysql {
namespace {

std::string tr(std::string_view e) { return translate_expression(e).value_or("<none>"); }

TEST(MysqlExpr, Literals) {
  EXPECT_EQ(tr("12"), "12");
  EXPECT_EQ(tr("'it\\'s'"), "'it''s'");
  EXPECT_EQ(tr("'a''b'"), "'a''b'");
  EXPECT_EQ(tr("b'0101'"), "B'0101'");
  EXPECT_EQ(tr("0x0aFF"), "'\\x0aff'::bytea");
  EXPECT_EQ(tr("NULL"), "NULL");
  EXPECT_EQ(tr("'0000-00-00 00:00:00'"), "<none>");
}

TEST(MysqlExpr, Clock) {
  EXPECT_EQ(tr("current_timestamp()"), "CURRENT_TIMESTAMP");
  EXPECT_EQ(tr("current_timestamp(3)"), "CURRENT_TIMESTAMP(3)");
  EXPECT_EQ(tr("CURRENT_TIMESTAMP"), "CURRENT_TIMESTAMP");
  EXPECT_EQ(tr("now(6)"), "CURRENT_TIMESTAMP(6)");
  EXPECT_EQ(tr("curdate()"), "CURRENT_DATE");
}

TEST(MysqlExpr, ChecksAndGenerated) {
  EXPECT_EQ(tr("`e` IN ('a', 'b c', 'it\\'s')"), "\"e\" IN ('a', 'b c', 'it''s')");
  EXPECT_EQ(tr("`price` * `qty`"), "\"price\" * \"qty\"");
  EXPECT_EQ(tr("`a` > 0 and `b` <> 'x'"), "\"a\" > 0 AND \"b\" <> 'x'");
  EXPECT_EQ(tr("ifnull(`a`,0)"), "coalesce(\"a\", 0)");
  EXPECT_EQ(tr("json_valid(`j`)"), "<none>");
  EXPECT_EQ(tr("left(`name`, 10)"), "left(\"name\", 10)");
}

TEST(MysqlExpr, Views) {
  EXPECT_EQ(translate_view("select `db`.`t`.`a` AS `a` from `db`.`t` where `db`.`t`.`b` = 'x'", "db"),
            "select \"t\".\"a\" AS \"a\" from \"t\" where \"t\".\"b\" = 'x'");
  // GROUP_CONCAT -> string_agg (separator, DISTINCT, ORDER BY), IF -> CASE,
  // MySQL function names, charset introducers.
  EXPECT_EQ(translate_view("select group_concat(concat(`a`.`f`,' ',`a`.`l`) separator ', ') AS `x` from `a`", "db"),
            "select string_agg((concat(\"a\".\"f\", ' ', \"a\".\"l\"))::text, ', ') AS \"x\" from \"a\"");
  EXPECT_EQ(translate_view("select group_concat(distinct `t` order by `t` ASC separator '; ') from `f`", "db"),
            "select string_agg(DISTINCT (\"t\")::text, '; ' ORDER BY \"t\" ASC) from \"f\"");
  EXPECT_EQ(translate_view("select group_concat(`t`) from `f`", "db"), "select string_agg((\"t\")::text, ',') from \"f\"");
  EXPECT_EQ(translate_view("select if(`cu`.`active`,'active','') AS `notes`, ucase(_utf8mb4'a') from `cu`", "db"),
            "select CASE WHEN \"cu\".\"active\" THEN 'active' ELSE '' END AS \"notes\", upper('a') from \"cu\"");
  // Forms without a clean equivalent stay as written (PostgreSQL refuses them).
  EXPECT_EQ(translate_view("select group_concat(`a`, `b`) from `f`", "db"), "select group_concat(\"a\", \"b\") from \"f\"");
}

}  // namespace
}  // namespace cutover::mysql
