// SQL Server chunk keys, integer ranges and the T-SQL of tuple ranges
// (sampling itself runs against the TDS test server: tests/integration).
#include <gtest/gtest.h>

#include "sources/mssql/mssql_chunker.hpp"
#include "sources/mssql/mssql_keys.hpp"

namespace cutover::mssql {
namespace {

TEST(MssqlChunker, RangesCoverTheKeysOnce) {
  auto c = key_ranges("id", 1, 1000, 1000, 300);
  ASSERT_EQ(c.size(), 4u);
  EXPECT_FALSE(c[0].lo);
  EXPECT_EQ(c[0].hi, 251);
  EXPECT_EQ(c[1].lo, 251);
  EXPECT_EQ(c[3].lo, 751);
  EXPECT_FALSE(c[3].hi);
  EXPECT_EQ(chunk_where(c[1]), " WHERE [id] >= 251 AND [id] < 501");
  EXPECT_EQ(chunk_where(c[0]), " WHERE [id] < 251");
  EXPECT_EQ(key_ranges("id", 5, 5, 1, 1).size(), 1u);
  auto extreme = key_ranges("id", INT64_MIN, INT64_MAX, 10, 5);
  ASSERT_EQ(extreme.size(), 2u);
  EXPECT_EQ(extreme[1].lo, 0);
}

TEST(MssqlChunker, KeyIsThePrimaryKeyElseAUniqueIndexOverNotNullColumns) {
  Table t;
  t.columns = {{"id", "bigint"}, {"g", "uniqueidentifier"}, {"f", "float"}, {"code", "nvarchar(10)"}};
  t.columns[3].not_null = true;
  std::string why;
  EXPECT_TRUE(chunk_key(t, why).columns.empty());
  t.indexes.push_back({"ux_code", true, false, {{"code", "", false}}, std::nullopt, ""});
  ChunkKey by_index = chunk_key(t, why);
  EXPECT_EQ(by_index.columns, std::vector<std::string>{"code"});
  EXPECT_EQ(by_index.forms, std::vector<KeyForm>{KeyForm::nstring});
  t.primary_key = {"g"};
  EXPECT_EQ(chunk_key(t, why).forms, std::vector<KeyForm>{KeyForm::guid});
  EXPECT_FALSE(chunk_key(t, why).single_integer);
  t.primary_key = {"id"};
  EXPECT_TRUE(chunk_key(t, why).single_integer);
  t.primary_key = {"id", "f"};
  EXPECT_TRUE(chunk_key(t, why).columns.empty());
  EXPECT_NE(why.find("key column f is float"), std::string::npos) << why;
}

TEST(MssqlChunker, KeyFormsAndLiterals) {
  EXPECT_EQ(key_form("decimal(18,2)"), KeyForm::number);
  EXPECT_EQ(key_form("money"), KeyForm::number);
  EXPECT_EQ(key_form("datetime2(7)"), KeyForm::temporal);
  EXPECT_EQ(key_form("char(5)"), KeyForm::string);
  EXPECT_FALSE(key_form("nvarchar(max)"));
  EXPECT_FALSE(key_form("real"));
  EXPECT_FALSE(key_form("varbinary(16)"));
  EXPECT_EQ(key_literal("O'Hara", KeyForm::nstring), "N'O''Hara'");
  EXPECT_EQ(key_literal("abc", KeyForm::string), "'abc'");
  EXPECT_EQ(key_literal("-12.5000", KeyForm::number), "-12.5000");
  EXPECT_EQ(key_select_expr("d", KeyForm::temporal), "CONVERT(nvarchar(40), [d], 126)");
  EXPECT_EQ(key_select_expr("g", KeyForm::guid), "[g]");
}

TEST(MssqlChunker, TupleComparisonsAreSpelledOutInKeyOrder) {
  EXPECT_EQ(tuple_compare({"g"}, {"'A'"}, ">="), "[g] >= 'A'");
  EXPECT_EQ(tuple_compare({"a", "b"}, {"1", "N'x'"}, ">="), "[a] >= 1 AND ([a] > 1 OR ([a] = 1 AND [b] >= N'x'))");
  EXPECT_EQ(tuple_compare({"a", "b"}, {"1", "2"}, "<"), "[a] <= 1 AND ([a] < 1 OR ([a] = 1 AND [b] < 2))");
  EXPECT_EQ(tuple_compare({"a", "b", "c"}, {"1", "2", "3"}, ">"),
            "[a] >= 1 AND ([a] > 1 OR ([a] = 1 AND ([b] > 2 OR ([b] = 2 AND [c] > 3))))");
}

TEST(MssqlChunker, TupleChunkWhere) {
  ChunkSpec c;
  c.key_columns = {"a", "b"};
  c.lower = {"1", "2"};
  c.upper = {"5", "6"};
  EXPECT_EQ(chunk_where(c), " WHERE ([a] >= 1 AND ([a] > 1 OR ([a] = 1 AND [b] >= 2))) AND "
                            "([a] <= 5 AND ([a] < 5 OR ([a] = 5 AND [b] < 6)))");
  c.lower.clear();
  EXPECT_EQ(chunk_where(c), " WHERE [a] <= 5 AND ([a] < 5 OR ([a] = 5 AND [b] < 6))");
  ChunkSpec g;
  g.key_columns = {"g"};
  g.lower = {"'0A'"};
  g.upper = {"'0B'"};
  EXPECT_EQ(chunk_where(g), " WHERE [g] >= '0A' AND [g] < '0B'");
  EXPECT_EQ(chunk_where(ChunkSpec{}), "");
}

}  // namespace
}  // namespace cutover::mssql
