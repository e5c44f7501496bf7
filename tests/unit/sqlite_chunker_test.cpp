#include <gtest/gtest.h>

#include <fmt/format.h>

#include <map>

#include "sources/sqlite/sqlite_catalog.hpp"
#include "sources/sqlite/sqlite_chunker.hpp"
#include "sources/sqlite/sqlite_lexer.hpp"
#include "sqlite_test_db.hpp"

namespace cutover::sqlite {
namespace {

using testing::TempDb;

struct Planned {
  Table table;
  std::vector<ChunkSpec> chunks;
  std::string reason;
};

Planned plan(const TempDb& db, const char* name, int64_t chunk_rows) {
  auto s = db.read_only();
  Planned p{db.table(name), {}, {}};
  auto chunks = plan_chunks(s, p.table, chunk_rows, p.reason);
  EXPECT_TRUE(chunks) << chunks.error().describe();
  p.chunks = std::move(*chunks);
  return p;
}

// How many chunks select each row (by the given key expression).
std::map<std::string, int> coverage(const TempDb& db, const Planned& p, const std::string& key) {
  auto s = db.read_only();
  std::map<std::string, int> seen;
  for (const auto& c : p.chunks) {
    auto sql = fmt::format("SELECT {} FROM {}{}", key, quote_identifier(p.table.name), chunk_where(p.table, c));
    auto st = s.query(sql, [&](Statement& row) {
      ++seen[row.column_text(0)];
      return true;
    });
    EXPECT_TRUE(st);
  }
  return seen;
}

void expect_each_once(const std::map<std::string, int>& seen, size_t rows) {
  EXPECT_EQ(seen.size(), rows);
  for (const auto& [k, n] : seen) EXPECT_EQ(n, 1) << k;
}

TEST(SqliteChunker, EmptyAndSmallTablesAreOneChunk) {
  TempDb db("CREATE TABLE e (a); CREATE TABLE s (a); INSERT INTO s VALUES (1), (2);");
  auto e = plan(db, "e", 100);
  ASSERT_EQ(e.chunks.size(), 1u);
  EXPECT_EQ(e.chunks[0].describe(), "whole table");
  EXPECT_EQ(e.reason, "one chunk: 0 rows <= chunk size 100");
  auto s = plan(db, "s", 2);
  ASSERT_EQ(s.chunks.size(), 1u);
  EXPECT_EQ(s.chunks[0].estimated_rows, 2);
  EXPECT_EQ(s.reason, "one chunk: 2 rows <= chunk size 2");
}

TEST(SqliteChunker, RowidRangesCoverEveryRowOnceWithGaps) {
  TempDb db(
      "CREATE TABLE t (v);"
      "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 1000)"
      "  INSERT INTO t (rowid, v) SELECT i * 3, i FROM r;"
      "INSERT INTO t (rowid, v) VALUES (-7, 0), (100000, 0);");
  auto p = plan(db, "t", 100);
  ASSERT_EQ(p.chunks.size(), 11u);
  EXPECT_EQ(p.reason, "split into 11 chunks of ~91 rows by rowid range -7..100000 (sparse keys: 1002 rows over a "
                      "span of 100008; equal spans, chunk sizes may be uneven)");
  EXPECT_EQ(p.chunks[0].describe(), "rowid in [-inf, 9085)");
  EXPECT_EQ(p.chunks[1].describe(), "rowid in [9085, 18177)");
  EXPECT_EQ(p.chunks.back().describe(), "rowid in [90913, +inf)");
  expect_each_once(coverage(db, p, "rowid"), 1002);
}

TEST(SqliteChunker, DenseRowidAliasUsesTheColumnName) {
  TempDb db(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, v);"
      "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 1000)"
      "  INSERT INTO t SELECT i, i FROM r;");
  auto p = plan(db, "t", 100);
  ASSERT_EQ(p.chunks.size(), 10u);
  EXPECT_EQ(p.reason, "split into 10 chunks of ~100 rows by id range 1..1000");
  EXPECT_EQ(p.chunks[0].key_column, "id");
  EXPECT_EQ(p.chunks[0].describe(), "id in [-inf, 101)");
  EXPECT_EQ(p.chunks[9].describe(), "id in [901, +inf)");
  EXPECT_EQ(p.chunks[3].estimated_rows, 100);
  expect_each_once(coverage(db, p, "id"), 1000);
}

TEST(SqliteChunker, WithoutRowidIntegerKeyIncludesStrayTexts) {
  TempDb db(
      "CREATE TABLE w (k INT PRIMARY KEY, v) WITHOUT ROWID;"
      "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 300)"
      "  INSERT INTO w SELECT i, i FROM r;"
      "INSERT INTO w VALUES ('text key', 0), (2.5, 0);");
  auto p = plan(db, "w", 100);
  ASSERT_EQ(p.chunks.size(), 4u);  // 302 rows: the two stray keys count too
  EXPECT_EQ(p.reason, "split into 4 chunks of ~75 rows by k range 1..300");
  auto seen = coverage(db, p, "k");
  EXPECT_EQ(seen.size(), 302u);
  EXPECT_EQ(seen["text key"], 1);
  EXPECT_EQ(seen["2.5"], 1);
}

TEST(SqliteChunker, WithoutRowidOtherKeysAreOneChunk) {
  TempDb db(
      "CREATE TABLE tk (k TEXT PRIMARY KEY) WITHOUT ROWID;"
      "CREATE TABLE ck (a INT, b INT, PRIMARY KEY (a, b)) WITHOUT ROWID;"
      "INSERT INTO tk VALUES ('a'), ('b'), ('c'); INSERT INTO ck VALUES (1, 1), (1, 2), (2, 1);");
  auto tk = plan(db, "tk", 1);
  ASSERT_EQ(tk.chunks.size(), 1u);
  EXPECT_EQ(tk.chunks[0].estimated_rows, 3);
  EXPECT_EQ(tk.reason, "one chunk: WITHOUT ROWID table with a non-integer key");
  auto ck = plan(db, "ck", 1);
  EXPECT_EQ(ck.reason, "one chunk: WITHOUT ROWID table with a composite key");
}

TEST(SqliteChunker, RowidNameWhenAColumnTakesIt) {
  Table t;
  t.columns.push_back(Column{.name = "rowid"});
  EXPECT_EQ(rowid_name(t), "_rowid_");
  ChunkSpec c{.key_column = "rowid", .lo = 5, .hi = 9};
  EXPECT_EQ(chunk_where(t, c), " WHERE \"rowid\" >= 5 AND \"rowid\" < 9");
  t.without_rowid = true;
  EXPECT_EQ(rowid_name(t), "");
}

}  // namespace
}  // namespace cutover::sqlite
