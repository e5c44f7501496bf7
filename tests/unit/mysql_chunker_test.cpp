#include <gtest/gtest.h>

#include "sources/mysql/mysql_chunker.hpp"

namespace cutover::mysql {
namespace {

TEST(MysqlChunker, IntegerRangesCoverUnsignedExtremes) {
  auto c = integer_ranges("id", true, "0", "18446744073709551615", 1000, 250);
  ASSERT_EQ(c.size(), 4U);
  EXPECT_TRUE(c[0].lower.empty());
  EXPECT_TRUE(c[3].upper.empty());
  for (size_t i = 1; i < c.size(); ++i) EXPECT_EQ(c[i].lower, c[i - 1].upper);
  EXPECT_EQ(c[1].lower, std::vector<std::string>{"4611686018427387904"});
  EXPECT_EQ(c[3].describe(), "id in [13835058055282163712, +inf)");
}

TEST(MysqlChunker, IntegerRangesSigned) {
  auto c = integer_ranges("id", false, "-9223372036854775808", "9223372036854775807", 10, 5);
  ASSERT_EQ(c.size(), 2U);
  EXPECT_EQ(c[0].describe(), "id in [-inf, 0)");
  EXPECT_EQ(c[1].describe(), "id in [0, +inf)");
}

TEST(MysqlChunker, WhereForTuples) {
  ChunkSpec c;
  c.key_columns = {"a", "b`c"};
  c.lower = {"1", "'x'"};
  c.upper = {"5", "'y'"};
  EXPECT_EQ(chunk_where(c), " WHERE (`a`, `b``c`) >= (1, 'x') AND (`a`, `b``c`) < (5, 'y')");
  EXPECT_EQ(c.describe(), "(a, b`c) in [(1, 'x'), (5, 'y'))");
  c.lower.clear();
  EXPECT_EQ(chunk_where(c), " WHERE (`a`, `b``c`) < (5, 'y')");
  EXPECT_EQ(chunk_where(ChunkSpec{}), "");
  EXPECT_EQ(ChunkSpec{}.describe(), "whole table");
}

TEST(MysqlChunker, KeyChoice) {
  Table t;
  t.name = "t";
  t.columns = {{.name = "a", .declared_type = "int", .not_null = true},
               {.name = "f", .declared_type = "double", .not_null = true}};
  std::string why;
  EXPECT_TRUE(chunk_key(t, why).empty());
  EXPECT_EQ(why, "no primary key or unique key on NOT NULL columns");
  t.indexes.push_back({.name = "u", .unique = true, .columns = {{.name = "a"}}});
  EXPECT_EQ(chunk_key(t, why), std::vector<std::string>{"a"});
  t.primary_key = {"f"};
  EXPECT_TRUE(chunk_key(t, why).empty());
  EXPECT_EQ(why, "key column f is floating point (no exact boundaries)");
}

}  // namespace
}  // namespace cutover::mysql
