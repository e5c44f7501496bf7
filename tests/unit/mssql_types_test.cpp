#include <gtest/gtest.h>

#include "sources/mssql/mssql_catalog.hpp"
#include "sources/mssql/mssql_decode.hpp"
#include "sources/mssql/mssql_expr.hpp"
#include "sources/mssql/mssql_types.hpp"

namespace cutover::mssql {
namespace {

TypeDecision map(const std::string& declared) {
  Column c;
  c.name = "c";
  c.declared_type = declared;
  return map_type(c, nullptr);
}

TEST(MssqlTypes, DefaultMapping) {
  EXPECT_EQ(map("datetime").target_type, "timestamp(3)");
  EXPECT_EQ(map("smalldatetime").target_type, "timestamp(0)");
  EXPECT_EQ(map("datetime2(7)").target_type, "timestamp(6)");
  EXPECT_TRUE(map("datetime2(7)").lossy);
  EXPECT_EQ(map("datetime2(3)").target_type, "timestamp(3)");
  EXPECT_FALSE(map("datetime2(3)").lossy);
  EXPECT_EQ(map("datetimeoffset(7)").target_type, "timestamptz");
  EXPECT_EQ(map("datetimeoffset(0)").kind, ValueKind::timestamptz);
  EXPECT_EQ(map("time(0)").target_type, "time(6)");
  EXPECT_EQ(map("money").target_type, "numeric(19,4)");
  EXPECT_EQ(map("smallmoney").target_type, "numeric(10,4)");
  EXPECT_EQ(map("decimal(38,10)").target_type, "numeric(38,10)");
  EXPECT_EQ(map("bit").target_type, "boolean");
  EXPECT_EQ(map("tinyint").target_type, "smallint");
  EXPECT_EQ(map("uniqueidentifier").kind, ValueKind::uuid);
  EXPECT_EQ(map("nvarchar(100)").target_type, "varchar(100)");
  EXPECT_EQ(map("nvarchar(max)").target_type, "text");
  EXPECT_EQ(map("varbinary(max)").target_type, "bytea");
  EXPECT_EQ(map("xml").target_type, "xml");
  EXPECT_EQ(map("sql_variant").target_type, "text");
  EXPECT_EQ(map("hierarchyid").target_type, "text");
  EXPECT_EQ(map("hierarchyid").rule, "mssql.hierarchyid_text");
  EXPECT_EQ(map("geometry").target_type, "bytea");  // PostGIS geometry when the target has it (the planner)
  EXPECT_EQ(map("geography").rule, "mssql.spatial_wkb");
  EXPECT_TRUE(map("geography").lossy);
  EXPECT_EQ(map("rowversion").target_type, "bytea");
  EXPECT_EQ(map("float").target_type, "double precision");
  EXPECT_EQ(map("weird").rule, "mssql.unknown");
}

// Values that are not read as they are: sql_variant converted, hierarchyid
// through ToString(), both on the server.
TEST(MssqlDecode, SelectExpressions) {
  auto select = [](const std::string& declared) {
    Column c;
    c.name = "v]x";
    c.declared_type = declared;
    ColumnPlan p;
    p.source_name = c.name;
    p.type = map_type(c, nullptr);
    return ColumnDecoder(p, c).select_expr();
  };
  EXPECT_EQ(select("int"), "[v]]x]");
  EXPECT_EQ(select("sql_variant"),
            "CASE CAST(SQL_VARIANT_PROPERTY([v]]x], 'BaseType') AS nvarchar(128)) "
            "WHEN 'datetime' THEN CONVERT(nvarchar(max), CAST([v]]x] AS datetime), 121) "
            "WHEN 'smalldatetime' THEN CONVERT(nvarchar(max), CAST([v]]x] AS smalldatetime), 120) "
            "WHEN 'money' THEN CONVERT(nvarchar(max), CAST([v]]x] AS money), 2) "
            "WHEN 'smallmoney' THEN CONVERT(nvarchar(max), CAST([v]]x] AS smallmoney), 2) "
            "WHEN 'float' THEN CONVERT(nvarchar(max), CAST([v]]x] AS float), 3) "
            "WHEN 'real' THEN CONVERT(nvarchar(max), CAST([v]]x] AS real), 3) "
            "ELSE CONVERT(nvarchar(max), [v]]x]) END AS [v]]x]");
  EXPECT_EQ(select("hierarchyid"), "CAST([v]]x] AS nvarchar(4000)) AS [v]]x]");
  EXPECT_EQ(select("geometry"), "[v]]x].AsBinaryZM() AS [v]]x], [v]]x].STSrid AS [v]]x_srid]");
}

// A sql_variant always gets <column>_type (its base type, read on the
// server); a datetimeoffset gets <column>_offset with --keep-offset only.
// Casts get neither.
TEST(MssqlTypes, DerivedColumns) {
  Column c;
  c.name = "v";
  c.declared_type = "sql_variant";
  Options o;
  auto variant = derived_columns(c, map_type(c, nullptr), o);
  ASSERT_EQ(variant.size(), 1u);
  EXPECT_EQ(variant[0].suffix, "_type");
  EXPECT_EQ(variant[0].derived, "base_type");
  EXPECT_EQ(variant[0].type.rule, "mssql.sql_variant_type");
  EXPECT_FALSE(map_type(c, nullptr).lossy);
  ColumnPlan p;
  p.source_name = c.name;
  p.type = variant[0].type;
  p.derived = variant[0].derived;
  EXPECT_EQ(ColumnDecoder(p, c).select_expr(), "CAST(SQL_VARIANT_PROPERTY([v], 'BaseType') AS nvarchar(128)) AS [v_type]");

  c.declared_type = "datetimeoffset(7)";
  EXPECT_TRUE(derived_columns(c, map_type(c, nullptr), o).empty());
  o.keep_offset = true;
  auto offset = derived_columns(c, map_type(c, nullptr), o);
  ASSERT_EQ(offset.size(), 1u);
  EXPECT_EQ(offset[0].suffix, "_offset");
  EXPECT_EQ(offset[0].type.target_type, "smallint");
  CastRule rule;
  rule.target_type = "text";
  EXPECT_TRUE(derived_columns(c, map_type(c, &rule), o).empty());
}

TEST(MssqlTypes, CastsToText) {
  Column c;
  c.declared_type = "int";
  CastRule rule;
  rule.target_type = "text";
  rule.text = "int:text";
  auto d = map_type(c, &rule);
  EXPECT_EQ(d.target_type, "text");
  EXPECT_EQ(d.kind, ValueKind::text);
  EXPECT_EQ(d.rule, "cast");
}

TEST(MssqlCatalog, DeclaredTypeFromSysColumns) {
  EXPECT_EQ(declared_type("nvarchar", 200, 0, 0), "nvarchar(100)");
  EXPECT_EQ(declared_type("nvarchar", -1, 0, 0), "nvarchar(max)");
  EXPECT_EQ(declared_type("varbinary", 50, 0, 0), "varbinary(50)");
  EXPECT_EQ(declared_type("decimal", 17, 38, 10), "decimal(38,10)");
  EXPECT_EQ(declared_type("datetime2", 8, 27, 7), "datetime2(7)");
  EXPECT_EQ(declared_type("int", 4, 10, 0), "int");
  EXPECT_EQ(declared_type("timestamp", 8, 0, 0), "rowversion");  // sys.types' name: not a date
}

TEST(MssqlDecode, TimesRoundTheSeventhDigitHalfUp) {
  EXPECT_EQ(parse_mssql_time("00:00:00"), 0);
  EXPECT_EQ(parse_mssql_time("12:34:56.1234565"), (12 * 3600 + 34 * 60 + 56) * 1'000'000LL + 123457);
  EXPECT_EQ(parse_mssql_time("12:34:56.1234564"), (12 * 3600 + 34 * 60 + 56) * 1'000'000LL + 123456);
  EXPECT_EQ(parse_mssql_time("23:59:59.9999999"), 86'400'000'000LL);
  EXPECT_EQ(parse_mssql_time("23:59:59.5"), 86'399'500'000LL);
  EXPECT_FALSE(parse_mssql_time("24:00:00"));
  EXPECT_FALSE(parse_mssql_time("1:00:00"));
  EXPECT_EQ(round_nanos(999'999'500), 1'000'000);
  EXPECT_EQ(round_nanos(3'000'000), 3'000);
}

TEST(MssqlDecode, OffsetsGiveTheUtcInstant) {
  EXPECT_EQ(parse_mssql_offset("1970-01-01 00:00:00 +00:00"), 0);
  EXPECT_EQ(parse_mssql_offset("1970-01-01 14:00:00.0000000 +14:00"), 0);
  EXPECT_EQ(parse_mssql_offset("1969-12-31 10:00:00.1234567 -14:00"), 123457);
  // FreeTDS prints year 1 without padding.
  EXPECT_EQ(parse_mssql_offset("1-01-01 00:00:00.0000000 +00:00"), parse_mssql_offset("0001-01-01 00:00:00 +00:00"));
  EXPECT_EQ(*parse_mssql_offset("1-01-01 00:00:00 +00:00"), -62'135'596'800LL * 1'000'000);
  EXPECT_FALSE(parse_mssql_offset("2024-01-01 00:00:00"));
  EXPECT_FALSE(parse_mssql_offset("2024-02-30 00:00:00 +00:00"));
}

TEST(MssqlDecode, OffsetMinutesEastOfUtc) {
  EXPECT_EQ(parse_mssql_offset_minutes("2024-06-30 12:00:00.1234567 +05:45"), 345);
  EXPECT_EQ(parse_mssql_offset_minutes("9999-12-31 09:59:59.9999999 -14:00"), -840);
  EXPECT_EQ(parse_mssql_offset_minutes("1-01-01 00:00:00 +00:00"), 0);
  EXPECT_FALSE(parse_mssql_offset_minutes("2024-06-30 12:00:00"));
  EXPECT_FALSE(parse_mssql_offset_minutes("2024-06-30 12:00:00 +14:01"));
}

TEST(MssqlExpr, DefaultsAndChecks) {
  EXPECT_EQ(translate_expression("((0))"), "((0))");
  EXPECT_EQ(translate_expression("(getdate())"), "(LOCALTIMESTAMP)");
  EXPECT_EQ(translate_expression("(newid())"), "(gen_random_uuid())");
  EXPECT_EQ(translate_expression("(N'it''s')"), "('it''s')");
  EXPECT_EQ(translate_expression("([qty]>(0) AND [name] IS NOT NULL)"), "(\"qty\">(0) and \"name\" is not null)");
  EXPECT_EQ(translate_expression("(len([a])>(2))"), "(length(\"a\")>(2))");
  EXPECT_EQ(translate_expression("(NEXT VALUE FOR [dbo].[s])"), "(nextval('dbo.s'::regclass))");
  EXPECT_EQ(translate_expression("(next value for Seq)"), "(nextval('Seq'::regclass))");
  EXPECT_FALSE(translate_expression("(dbo.f([a]))"));
  // '+' with a string in sight may be T-SQL concatenation: without the
  // column types it is not translated.
  EXPECT_FALSE(translate_expression("([FirstName]+N' '+[LastName])"));
  EXPECT_EQ(translate_expression("([qty]+(1))"), "(\"qty\"+(1))");
}

}  // namespace
}  // namespace cutover::mssql
