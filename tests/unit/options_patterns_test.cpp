#include <gtest/gtest.h>

#include "options_test_util.hpp"
#include "plan/options_loader.hpp"
#include "plan/options_settings.hpp"

namespace cutover {
namespace {

using testing_options::error_of;

TEST(CastRuleParse, ByType) {
  auto r = parse_cast_rule(" sqlite:TINYINT ( 1 )=boolean ");
  ASSERT_TRUE(r) << error_of(r);
  EXPECT_EQ(r->engine, "sqlite");
  EXPECT_EQ(r->source_type, "tinyint(1)");
  EXPECT_EQ(r->target_type, "boolean");
  EXPECT_EQ(r->text, "sqlite:TINYINT ( 1 )=boolean");
  EXPECT_TRUE(r->column.empty());
  auto any = parse_cast_rule("Double   Precision=numeric");
  ASSERT_TRUE(any) << error_of(any);
  EXPECT_EQ(any->engine, "");
  EXPECT_EQ(any->source_type, "double precision");
  auto dec = parse_cast_rule("decimal(10, 2)=numeric(10,2)");
  ASSERT_TRUE(dec) << error_of(dec);
  EXPECT_EQ(dec->source_type, "decimal(10,2)");
  EXPECT_EQ(dec->target_type, "numeric(10,2)");
}

TEST(CastRuleParse, ByColumn) {
  auto r = parse_cast_rule("orders.created_at=timestamptz");
  ASSERT_TRUE(r) << error_of(r);
  EXPECT_EQ(r->table, "orders");
  EXPECT_EQ(r->column, "created_at");
  EXPECT_EQ(r->source_type, "");
  auto prefixed = parse_cast_rule("column:created_at=text");
  ASSERT_TRUE(prefixed) << error_of(prefixed);
  EXPECT_EQ(prefixed->table, "");
  EXPECT_EQ(prefixed->column, "created_at");
  auto schema = parse_cast_rule("column:main.orders.total=numeric(12,2)");
  ASSERT_TRUE(schema) << error_of(schema);
  EXPECT_EQ(schema->table, "main.orders");
  EXPECT_EQ(schema->column, "total");
  EXPECT_EQ(schema->target_type, "numeric(12,2)");
}

TEST(CastRuleParse, Errors) {
  const std::string hint =
      " — write SOURCE=TARGET: a type such as 'sqlite:tinyint(1)=boolean' or "
      "'datetime=timestamptz', or a column such as 'orders.created_at=timestamptz'";
  EXPECT_EQ(error_of(parse_cast_rule("int")), "config error: cast rule 'int' has no '='" + hint);
  EXPECT_EQ(error_of(parse_cast_rule("a=b=c")),
            "config error: cast rule 'a=b=c' has more than one '='" + hint);
  EXPECT_EQ(error_of(parse_cast_rule("=text")),
            "config error: cast rule '=text' has no source type or column before '='" + hint);
  EXPECT_EQ(error_of(parse_cast_rule("int= ")),
            "config error: cast rule 'int=' has no target type after '='" + hint);
  EXPECT_EQ(error_of(parse_cast_rule("decimal(10=numeric")),
            "config error: cast rule 'decimal(10=numeric' has unbalanced parentheses" + hint);
  EXPECT_EQ(error_of(parse_cast_rule("orders.=text")),
            "config error: cast rule 'orders.=text' has no column name after '.'" + hint);
  EXPECT_EQ(error_of(parse_cast_rule(".x=text")),
            "config error: cast rule '.x=text' has no table name before '.'" + hint);
  EXPECT_EQ(error_of(parse_cast_rule("oracle:number=numeric")),
            "config error: cast rule 'oracle:number=numeric' names unknown engine 'oracle' — "
            "engines are sqlite, mysql, mariadb, mssql and postgresql; leave the prefix out to "
            "match any engine");
}

TEST(TablePatterns, GlobMatching) {
  EXPECT_TRUE(matches_pattern("orders", "main", "orders"));
  EXPECT_TRUE(matches_pattern("ORDER_*", "main", "order_items"));
  EXPECT_FALSE(matches_pattern("order_*", "main", "orders"));
  EXPECT_TRUE(matches_pattern("main.*", "main", "x"));
  EXPECT_FALSE(matches_pattern("other.*", "main", "x"));
  EXPECT_TRUE(matches_pattern("t?", "", "t1"));
  EXPECT_FALSE(matches_pattern("t?", "", "t12"));
  EXPECT_TRUE(matches_pattern("caf?", "", "café"));
  EXPECT_TRUE(matches_pattern("*a*b*", "", "xxaxxbxx"));
  EXPECT_FALSE(matches_pattern("*a*b", "", "xxbxxa"));
  EXPECT_TRUE(matches_pattern("*", "", ""));
}

TEST(TablePatterns, IncludeMinusExclude) {
  Options o;
  EXPECT_TRUE(table_selected(o, "main", "anything"));
  o.tables = {"orders", "order_*"};
  o.exclude = {"order_tmp"};
  EXPECT_TRUE(table_selected(o, "main", "orders"));
  EXPECT_TRUE(table_selected(o, "main", "order_items"));
  EXPECT_FALSE(table_selected(o, "main", "order_tmp"));
  EXPECT_FALSE(table_selected(o, "main", "customers"));
  o.tables.clear();
  EXPECT_TRUE(table_selected(o, "main", "customers"));
  EXPECT_FALSE(table_selected(o, "main", "ORDER_TMP"));
}

TEST(OptionValues, ByteSizes) {
  EXPECT_EQ(parse_byte_size("65536").value_or(-1), 65536);
  EXPECT_EQ(parse_byte_size("64k").value_or(-1), 65536);
  EXPECT_EQ(parse_byte_size("8M").value_or(-1), 8 << 20);
  EXPECT_EQ(parse_byte_size("8mb").value_or(-1), 8 << 20);
  EXPECT_EQ(parse_byte_size("1GiB").value_or(-1), int64_t{1} << 30);
  EXPECT_FALSE(parse_byte_size("1.5G"));
  EXPECT_FALSE(parse_byte_size("G"));
  EXPECT_FALSE(parse_byte_size("-1"));
  EXPECT_FALSE(parse_byte_size("99999999999999999999"));
  EXPECT_FALSE(parse_byte_size("9999999999T"));
  EXPECT_EQ(error_of(parse_byte_size("8X")),
            "config error: '8X' is not a byte size — write a number of bytes with an optional "
            "suffix k, M or G, e.g. 64k, 8M or 1G");
}

TEST(OptionValues, Booleans) {
  for (const char* yes : {"1", "true", "TRUE", "yes", "Yes"})
    EXPECT_EQ(parse_bool(yes).value_or(false), true);
  for (const char* no : {"0", "false", "no", "NO"}) EXPECT_EQ(parse_bool(no).value_or(true), false);
  EXPECT_EQ(error_of(parse_bool("on")),
            "config error: 'on' is not a boolean — write one of 1, 0, true, false, yes, no");
}

}  // namespace
}  // namespace cutover
