#include <gtest/gtest.h>

#include "sources/sqlite/sqlite_ddl.hpp"
#include "sources/sqlite/sqlite_lexer.hpp"

namespace cutover::sqlite {
namespace {

TEST(SqliteLexer, QuotesCommentsAndBlobs) {
  auto t = tokenize("a \"b\"\"c\" [d e] `f` 'it''s' X'0A' -- note\n /* x */ 1.5e3 <> ||");
  ASSERT_EQ(t.size(), 9u);
  EXPECT_EQ(identifier_text(t[1]), "b\"c");
  EXPECT_EQ(identifier_text(t[2]), "d e");
  EXPECT_EQ(identifier_text(t[3]), "f");
  EXPECT_EQ(string_text(t[4]), "it's");
  EXPECT_EQ(t[5].kind, TokenKind::blob);
  EXPECT_EQ(t[6].text, "1.5e3");
  EXPECT_EQ(t[7].text, "<>");
  EXPECT_EQ(t[8].text, "||");
  EXPECT_EQ(quote_identifier("a\"b"), "\"a\"\"b\"");
}

TEST(SqliteDdl, ChecksWithNestedParensQuotesAndNames) {
  auto p = parse_create_table(
      "CREATE TABLE t(\n"
      "  a INTEGER CONSTRAINT a_pos CHECK (a > (0)) NOT NULL,\n"
      "  b TEXT DEFAULT 'x,)' CHECK (b <> 'it''s ) here' AND length(b) < (5 * (2))),\n"
      "  \"c d\" DECIMAL(10,2) CONSTRAINT nn NOT NULL CHECK (\"c d\" > 0), -- CHECK (not me)\n"
      "  CONSTRAINT t_ab CHECK ((a + 1) > length(\"c d\")),\n"
      "  CHECK (b IS NOT NULL)\n"
      ")");
  ASSERT_TRUE(p.ok);
  ASSERT_EQ(p.columns.size(), 3u);
  EXPECT_EQ(p.columns[2].name, "c d");
  ASSERT_EQ(p.checks.size(), 5u);
  EXPECT_EQ(p.checks[0].name, "a_pos");
  EXPECT_EQ(p.checks[0].expression, "a > (0)");
  EXPECT_EQ(p.checks[1].name, "");
  EXPECT_EQ(p.checks[1].expression, "b <> 'it''s ) here' AND length(b) < (5 * (2))");
  EXPECT_EQ(p.checks[2].name, "");  // "nn" named the NOT NULL
  EXPECT_EQ(p.checks[2].expression, "\"c d\" > 0");
  EXPECT_EQ(p.checks[3].name, "t_ab");
  EXPECT_EQ(p.checks[3].expression, "(a + 1) > length(\"c d\")");
  EXPECT_EQ(p.checks[4].expression, "b IS NOT NULL");
}

TEST(SqliteDdl, GeneratedAutoincrementCollateAndOptions) {
  auto p = parse_create_table(
      "create table [w](id integer primary key autoincrement, n text collate NOCASE, "
      "g1 int generated always as (id * 2) stored, g2 as (upper(n)) virtual, d integer primary key desc) "
      "without rowid, strict");
  ASSERT_TRUE(p.ok);
  EXPECT_TRUE(p.without_rowid);
  EXPECT_TRUE(p.strict);
  EXPECT_TRUE(p.find_column("ID")->autoincrement);
  EXPECT_EQ(p.find_column("n")->collation, "NOCASE");
  EXPECT_EQ(*p.find_column("g1")->generated_expr, "id * 2");
  EXPECT_TRUE(p.find_column("g1")->generated_stored);
  EXPECT_EQ(*p.find_column("g2")->generated_expr, "upper(n)");
  EXPECT_FALSE(p.find_column("g2")->generated_stored);
  EXPECT_TRUE(p.find_column("d")->primary_key_desc);
}

TEST(SqliteDdl, ForeignKeysAndUniques) {
  auto p = parse_create_table(
      "CREATE TABLE c(id INTEGER PRIMARY KEY, p INT CONSTRAINT c_p REFERENCES parent(id) ON DELETE CASCADE "
      "DEFERRABLE INITIALLY DEFERRED, q INT UNIQUE, r INT, s INT, "
      "CONSTRAINT c_rs UNIQUE (r, s), FOREIGN KEY (r, s) REFERENCES \"other t\"(a, b) NOT DEFERRABLE)");
  ASSERT_EQ(p.foreign_keys.size(), 2u);
  EXPECT_EQ(p.foreign_keys[0].name, "c_p");
  EXPECT_EQ(p.foreign_keys[0].ref_table, "parent");
  EXPECT_TRUE(p.foreign_keys[0].deferrable);
  EXPECT_TRUE(p.foreign_keys[0].initially_deferred);
  EXPECT_EQ(p.foreign_keys[1].ref_table, "other t");
  EXPECT_EQ(p.foreign_keys[1].columns, (std::vector<std::string>{"r", "s"}));
  EXPECT_FALSE(p.foreign_keys[1].deferrable);
  ASSERT_EQ(p.uniques.size(), 2u);
  EXPECT_EQ(p.uniques[0].columns, std::vector<std::string>{"q"});
  EXPECT_EQ(p.uniques[1].name, "c_rs");
}

TEST(SqliteDdl, VirtualTableAndCreateAs) {
  auto v = parse_create_table("CREATE VIRTUAL TABLE docs USING fts5(title, body)");
  EXPECT_TRUE(v.is_virtual);
  EXPECT_EQ(v.module, "fts5");
  EXPECT_FALSE(parse_create_table("CREATE TABLE x AS SELECT 1 AS a").ok);
}

TEST(SqliteDdl, IndexKeysAndPredicate) {
  auto i = parse_create_index(
      "CREATE UNIQUE INDEX i ON t (lower(name) COLLATE NOCASE DESC, \"a,b\", (x + 1) ASC) WHERE x > 0 AND y IS NOT NULL");
  ASSERT_TRUE(i.ok);
  EXPECT_EQ(i.keys, (std::vector<std::string>{"lower(name)", "\"a,b\"", "(x + 1)"}));
  EXPECT_EQ(*i.where, "x > 0 AND y IS NOT NULL");
  EXPECT_FALSE(parse_create_index("CREATE INDEX j ON t(a)").where.has_value());
}

TEST(SqliteDdl, ViewQuery) {
  EXPECT_EQ(view_query("CREATE VIEW v (a, \"as\") AS SELECT 1 AS a, 2;"), "SELECT 1 AS a, 2");
  EXPECT_EQ(view_query("create view if not exists [x] as\n  select * from t"), "select * from t");
}

}  // namespace
}  // namespace cutover::sqlite
