#include <gtest/gtest.h>

#include "sources/mysql/mysql_decode.hpp"
#include "sources/mysql/mysql_types.hpp"

namespace cutover::mysql {
namespace {

Column col(std::string type, std::string collation = "utf8mb4_general_ci") {
  Column c;
  c.name = "c";
  c.declared_type = std::move(type);
  c.collation = std::move(collation);
  return c;
}

TypeDecision map(const std::string& type, const ColumnProfile* p = nullptr) { return map_type(col(type), p, nullptr); }

TEST(MysqlTypes, UnsignedWidenOneStep) {
  EXPECT_EQ(map("tinyint(4)").target_type, "smallint");
  EXPECT_EQ(map("smallint(5) unsigned").target_type, "integer");
  EXPECT_EQ(map("smallint(5) unsigned").rule, "mysql.unsigned_widen");
  EXPECT_EQ(map("mediumint(8) unsigned").target_type, "integer");
  EXPECT_EQ(map("int(10) unsigned").target_type, "bigint");
  EXPECT_EQ(map("int(11)").target_type, "integer");
  EXPECT_EQ(map("bigint(20) unsigned").target_type, "numeric(20,0)");
  EXPECT_EQ(map("bigint(20) unsigned").kind, ValueKind::decimal);
  EXPECT_EQ(map("bigint unsigned zerofill").target_type, "numeric(20,0)");
}

TEST(MysqlTypes, TinyintOneByProfile) {
  ColumnProfile p;
  p.rows = 3;
  p.int_min = 0;
  p.int_max = 1;
  EXPECT_EQ(map("tinyint(1)", &p).target_type, "boolean");
  EXPECT_EQ(map("tinyint(1)", &p).rule, "mysql.tinyint1_boolean");
  p.int_max = 2;
  auto d = map("tinyint(1)", &p);
  EXPECT_EQ(d.target_type, "smallint");
  EXPECT_NE(d.reason.find("outside 0/1"), std::string::npos);
  EXPECT_EQ(map("tinyint(1)").target_type, "smallint");  // not profiled
  ColumnProfile empty;
  EXPECT_EQ(map("tinyint(1)", &empty).target_type, "boolean");
}

TEST(MysqlTypes, TimeByProfile) {
  ColumnProfile p;
  p.int_min = 0;
  p.int_max = 86399;
  EXPECT_EQ(map("time(3)", &p).target_type, "time(3)");
  p.int_max = 86400;
  EXPECT_EQ(map("time(3)", &p).target_type, "interval");
  p.int_max = 5;
  p.int_min = -1;
  EXPECT_EQ(map("time", &p).rule, "mysql.time_interval");
}

TEST(MysqlTypes, DatesAndZeroDates) {
  EXPECT_EQ(map("datetime(6)").target_type, "timestamp(6)");
  EXPECT_EQ(map("timestamp").target_type, "timestamptz(0)");
  EXPECT_EQ(map("timestamp(3)").kind, ValueKind::timestamptz);
  EXPECT_EQ(map("date").target_type, "date");
  ColumnProfile p;
  p.invalid_dates = 2;
  auto d = map("datetime", &p);
  EXPECT_EQ(d.rule, "mysql.zero_date");
  EXPECT_TRUE(d.relax_not_null);
  EXPECT_TRUE(d.lossy);
  EXPECT_FALSE(map("datetime").relax_not_null);
}

TEST(MysqlTypes, Others) {
  EXPECT_EQ(map("decimal(65,30)").target_type, "numeric(65,30)");
  EXPECT_EQ(map("float").target_type, "real");
  EXPECT_EQ(map("double").target_type, "double precision");
  EXPECT_EQ(map("bit(1)").target_type, "boolean");
  EXPECT_EQ(map("bit(64)").target_type, "bit(64)");
  EXPECT_EQ(map("year(4)").target_type, "smallint");
  EXPECT_EQ(map("enum('a','b')").rule, "mysql.enum_check");
  EXPECT_EQ(map("set('a','b')").target_type, "text[]");
  EXPECT_EQ(map("set('a','b')").kind, ValueKind::array);
  EXPECT_EQ(map("enum('a','b c')").labels, (std::vector<std::string>{"a", "b c"}));
  EXPECT_EQ(map("json").target_type, "jsonb");
  EXPECT_EQ(map("char(3)").target_type, "varchar(3)");
  EXPECT_EQ(map("varchar(255)").target_type, "varchar(255)");
  EXPECT_EQ(map("longtext").target_type, "text");
  EXPECT_EQ(map("varbinary(16)").target_type, "bytea");
  EXPECT_EQ(map("longblob").target_type, "bytea");
  EXPECT_EQ(map("point").rule, "mysql.spatial_wkb");
  EXPECT_EQ(map("weird").rule, "mysql.unknown");
}

TEST(MysqlTypes, CastOverrides) {
  CastRule r;
  r.target_type = "boolean";
  r.text = "mysql:tinyint(4)=boolean";
  auto d = map_type(col("tinyint(4)"), nullptr, &r);
  EXPECT_EQ(d.target_type, "boolean");
  EXPECT_EQ(d.rule, "cast");
  EXPECT_EQ(d.decode, Decode::bool01);
  r.target_type = "text";
  EXPECT_EQ(map_type(col("datetime"), nullptr, &r).kind, ValueKind::text);
}

TEST(MysqlTypes, ParseType) {
  auto t = parse_mysql_type("decimal(10,2) unsigned");
  EXPECT_EQ(t.base, "decimal");
  EXPECT_EQ(t.args, (std::vector<int64_t>{10, 2}));
  EXPECT_TRUE(t.is_unsigned);
  auto e = parse_mysql_type("enum('a,b','it''s')");
  EXPECT_EQ(e.labels, (std::vector<std::string>{"a,b", "it's"}));
}

TEST(MysqlDecode, TimeAndDates) {
  EXPECT_EQ(parse_mysql_time("-838:59:59.000000"), -(838LL * 3600 + 59 * 60 + 59) * 1'000'000);
  EXPECT_EQ(parse_mysql_time("12:00:00.5"), 43'200'500'000);
  EXPECT_EQ(parse_mysql_time("x"), std::nullopt);
  EXPECT_TRUE(is_zero_or_partial_date("0000-00-00"));
  EXPECT_TRUE(is_zero_or_partial_date("2020-00-15 00:00:00"));
  EXPECT_FALSE(is_zero_or_partial_date("0009-12-04"));
  EXPECT_EQ(bits_value(std::string("\x02\xAA", 2)), 682U);
}

}  // namespace
}  // namespace cutover::mysql
