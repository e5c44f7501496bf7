#include <gtest/gtest.h>

#include "sources/sqlite/sqlite_expr.hpp"

namespace cutover::sqlite {
namespace {

std::string tr(std::string_view sql) {
  auto r = translate_expression(sql);
  return r ? *r : std::string("<nullopt>");
}

TEST(SqliteExpr, DateTimeNow) {
  EXPECT_EQ(tr("CURRENT_TIMESTAMP"), "CURRENT_TIMESTAMP");
  EXPECT_EQ(tr("current_date"), "current_date");
  EXPECT_EQ(tr("CURRENT_TIME"), "CURRENT_TIME");
  EXPECT_EQ(tr("datetime('now')"), "CURRENT_TIMESTAMP");
  EXPECT_EQ(tr("(datetime('now'))"), "(CURRENT_TIMESTAMP)");
  EXPECT_EQ(tr("DATE('now')"), "CURRENT_DATE");
  EXPECT_EQ(tr("time('now')"), "CURRENT_TIME");
  EXPECT_EQ(tr("strftime('%s','now')"), "extract(epoch from now())::bigint");
  EXPECT_EQ(tr("unixepoch()"), "extract(epoch from now())::bigint");
  EXPECT_EQ(tr("strftime('%Y-%m-%d %H:%M:%f', 'now')"), "CURRENT_TIMESTAMP");
  EXPECT_EQ(tr("strftime('%Y-%m-%dT%H:%M:%SZ','now')"), "CURRENT_TIMESTAMP");
  EXPECT_EQ(tr("strftime('%Y-%m-%d','now')"), "CURRENT_DATE");
}

TEST(SqliteExpr, DateTimeNotTranslatable) {
  EXPECT_EQ(tr("datetime('now','localtime')"), "<nullopt>");
  EXPECT_EQ(tr("datetime('now', '+1 day')"), "<nullopt>");
  EXPECT_EQ(tr("julianday('now')"), "<nullopt>");
  EXPECT_EQ(tr("strftime('%W','now')"), "<nullopt>");
  EXPECT_EQ(tr("datetime(created)"), "<nullopt>");
}

TEST(SqliteExpr, Literals) {
  EXPECT_EQ(tr("0"), "0");
  EXPECT_EQ(tr("(0)"), "(0)");
  EXPECT_EQ(tr("-1"), "-1");
  EXPECT_EQ(tr("(-1.5)"), "(-1.5)");
  EXPECT_EQ(tr("+2.5e3"), "+2.5e3");
  EXPECT_EQ(tr("0x1F"), "31");
  EXPECT_EQ(tr("'it''s'"), "'it''s'");
  EXPECT_EQ(tr("NULL"), "NULL");
  EXPECT_EQ(tr("TRUE"), "TRUE");
  EXPECT_EQ(tr("false"), "false");
  EXPECT_EQ(tr("X'ABcd'"), "'\\xabcd'::bytea");
  EXPECT_EQ(tr("x''"), "'\\x'::bytea");
  EXPECT_EQ(tr("X'ABC'"), "<nullopt>");
}

TEST(SqliteExpr, IdentifiersAreQuotedForPostgres) {
  EXPECT_EQ(tr("price > 0"), "price > 0");
  EXPECT_EQ(tr("\"Price\" > 0"), "\"Price\" > 0");
  EXPECT_EQ(tr("Price >= [min value]"), "\"Price\" >= \"min value\"");
  EXPECT_EQ(tr("`order` = 1"), "\"order\" = 1");
}

TEST(SqliteExpr, Operators) {
  EXPECT_EQ(tr("a == 1 AND b != 2 OR NOT c <> 3"), "a = 1 AND b != 2 OR NOT c <> 3");
  EXPECT_EQ(tr("a*2+b/3-c%4 || 'x'"), "a * 2 + b / 3 - c % 4 || 'x'");
  EXPECT_EQ(tr("a - -1"), "a - -1");
  EXPECT_EQ(tr("status IN ('a', 'b')"), "status IN ('a', 'b')");
  EXPECT_EQ(tr("status NOT IN (1,2)"), "status NOT IN (1, 2)");
  EXPECT_EQ(tr("x BETWEEN 1 AND 10"), "x BETWEEN 1 AND 10");
  EXPECT_EQ(tr("CASE WHEN a > 0 THEN 1 ELSE -1 END = 1"), "CASE WHEN a > 0 THEN 1 ELSE -1 END = 1");
}

TEST(SqliteExpr, NullTests) {
  EXPECT_EQ(tr("a IS NULL"), "a IS NULL");
  EXPECT_EQ(tr("a IS NOT NULL"), "a IS NOT NULL");
  EXPECT_EQ(tr("a NOT NULL"), "a IS NOT NULL");
  EXPECT_EQ(tr("a NOTNULL AND b ISNULL"), "a IS NOT NULL AND b IS NULL");
  EXPECT_EQ(tr("flag IS TRUE"), "flag IS TRUE");
  EXPECT_EQ(tr("a IS b"), "<nullopt>");
}

TEST(SqliteExpr, Like) {
  EXPECT_EQ(tr("name LIKE 'a%'"), "name ILIKE 'a%'");
  EXPECT_EQ(tr("name NOT LIKE '%x_'"), "name NOT ILIKE '%x_'");
  EXPECT_EQ(tr("name LIKE 'a\\%' ESCAPE '\\'"), "name ILIKE 'a\\%' ESCAPE '\\'");
  EXPECT_EQ(tr("name LIKE 'a\\b'"), "<nullopt>");
  EXPECT_EQ(tr("name LIKE other"), "<nullopt>");
  EXPECT_EQ(tr("name GLOB 'a*'"), "<nullopt>");
}

TEST(SqliteExpr, Functions) {
  EXPECT_EQ(tr("length(name) > 0"), "length(name) > 0");
  EXPECT_EQ(tr("LOWER(email) = email"), "lower(email) = email");
  EXPECT_EQ(tr("upper(trim(code))"), "upper(trim(code))");
  EXPECT_EQ(tr("abs(x) < 10"), "abs(x) < 10");
  EXPECT_EQ(tr("coalesce(a, b, 0)"), "coalesce(a, b, 0)");
  EXPECT_EQ(tr("ifnull(a, 0)"), "coalesce(a, 0)");
  EXPECT_EQ(tr("instr(a, '@') > 1"), "strpos(a, '@') > 1");
  EXPECT_EQ(tr("typeof(a) = 'integer'"), "<nullopt>");
  EXPECT_EQ(tr("json_valid(doc)"), "<nullopt>");
  EXPECT_EQ(tr("max(a, b)"), "<nullopt>");
}

TEST(SqliteExpr, Refused) {
  EXPECT_EQ(tr(""), "<nullopt>");
  EXPECT_EQ(tr("CAST(a AS INTEGER)"), "<nullopt>");
  EXPECT_EQ(tr("a COLLATE NOCASE = 'x'"), "<nullopt>");
  EXPECT_EQ(tr("a = ?"), "<nullopt>");
  EXPECT_EQ(tr("t.a > 0"), "<nullopt>");
  EXPECT_EQ(tr("a IN (SELECT x FROM t)"), "<nullopt>");
  EXPECT_EQ(tr("a REGEXP 'x'"), "<nullopt>");
}

}  // namespace
}  // namespace cutover::sqlite
