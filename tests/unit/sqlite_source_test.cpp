#include <gtest/gtest.h>

#include <unistd.h>

#include "sources/source.hpp"
#include "sqlite_test_db.hpp"

namespace cutover {
namespace {

using sqlite::testing::TempDb;

TEST(SqliteOpenSource, UrlForms) {
  TempDb db("CREATE TABLE t (a);");
  EXPECT_TRUE(open_source(db.path()));
  EXPECT_TRUE(open_source("sqlite://" + db.path()));  // sqlite:///abs/path
  EXPECT_TRUE(open_source("sqlite:" + db.path()));
  char cwd[4096];
  ASSERT_NE(::getcwd(cwd, sizeof cwd), nullptr);
  ASSERT_EQ(::chdir(::testing::TempDir().c_str()), 0);
  std::string rel = db.path().substr(db.path().rfind('/') + 1);
  EXPECT_TRUE(open_source("sqlite://" + rel));
  EXPECT_TRUE(open_source("sqlite:" + rel));
  ASSERT_EQ(::chdir(cwd), 0);
  auto s = open_source(db.path());
  EXPECT_EQ((*s)->engine(), "sqlite");
}

TEST(SqliteOpenSource, ErrorsNameTheSchemeNotTheUrl) {
  auto pg = open_source("oracle://user:secret@host/db");
  ASSERT_FALSE(pg);
  EXPECT_EQ(pg.error().kind, ErrorKind::config);
  EXPECT_EQ(pg.error().message, "unsupported source scheme 'oracle'");
  EXPECT_EQ(pg.error().hint,
            "supported sources: mssql://user@host:1433/db (or sqlserver://, host\\instance), "
            "mysql://user@host:3306/db (or mariadb://), postgresql://user@host:5432/db or a "
            "libpq keyword string 'host=... dbname=...', sqlite:///abs/path, sqlite://rel/path, sqlite:path, or "
            "the path of an existing SQLite file");
  EXPECT_EQ(pg.error().describe().find("secret"), std::string::npos);
  auto missing = open_source("sqlite:///no/such/file.db");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "SQLite source file '/no/such/file.db' does not exist");
  auto plain = open_source("/no/such/file.db");
  ASSERT_FALSE(plain);
  EXPECT_EQ(plain.error().message, "source '/no/such/file.db' is not an existing file");
}

TEST(SqliteSourceEndToEnd, CatalogProfileMapChunkRead) {
  TempDb db(
      "CREATE TABLE ev (id INTEGER PRIMARY KEY, at DATETIME, ok BOOLEAN, price DECIMAL(8,2));"
      "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 250)"
      "  INSERT INTO ev SELECT i, 1700000000 + i, i % 2, i * 0.25 FROM r;");
  auto src = open_source(db.path());
  ASSERT_TRUE(src);
  Source& s = **src;
  auto cat = s.load_catalog();
  ASSERT_TRUE(cat);
  const Table& t = cat->tables.at(0);
  EXPECT_EQ(t.row_estimate, 250);
  auto prof = s.profile(t, ChunkSpec{});
  ASSERT_TRUE(prof);
  TablePlan plan;
  plan.source = t;
  for (size_t i = 0; i < t.columns.size(); ++i) {
    ColumnPlan c;
    c.source_name = c.target_name = t.columns[i].name;
    c.type = s.map_type(t, t.columns[i], &(*prof)[i], nullptr);
    plan.columns.push_back(c);
  }
  EXPECT_EQ(plan.columns[1].type.target_type, "timestamptz");
  EXPECT_EQ(plan.columns[2].type.target_type, "boolean");
  EXPECT_EQ(plan.columns[3].type.target_type, "numeric(8,2)");
  auto chunks = s.plan_chunks(t, 100, plan.chunk_reason);
  ASSERT_TRUE(chunks);
  ASSERT_EQ(chunks->size(), 3u);
  int64_t total = 0;
  for (const auto& c : *chunks) {
    auto reader = s.open_reader(plan, c, ReadOptions{});
    ASSERT_TRUE(reader);
    RowBatch batch;
    for (bool more = true; more;) {
      auto r = (*reader)->next(batch);
      ASSERT_TRUE(r);
      more = *r;
      total += static_cast<int64_t>(batch.rows());
    }
    EXPECT_TRUE((*reader)->take_rejects().empty());
    EXPECT_EQ(s.count_rows(plan, c).value(), c.index == 2 ? 82 : 84);  // equal id spans of 84
  }
  EXPECT_EQ(total, 250);
  EXPECT_EQ(s.translate_expression("datetime('now')"), "CURRENT_TIMESTAMP");
}

}  // namespace
}  // namespace cutover
