// Identifiers: mixed case, spaces, reserved words, and names over
// PostgreSQL's 63-byte limit (shortened, kept distinct, listed as renames).
#include <set>

#include "canonical_util.hpp"
#include "compare.hpp"
#include "harness.hpp"

namespace cutover::it {
namespace {

using NamesTest = MigrationTest;

std::set<std::string> pg_columns(PgConn& pg, const std::string& table_sql) {
  std::set<std::string> out;
  for (const auto& row : pg.query("SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass "
                                  "AND attnum > 0 AND NOT attisdropped",
                                  {table_sql}))
    out.insert(*row[0]);
  return out;
}

// The case policy (kept as written, or folded to lower case for engines whose
// names are case-insensitive) is the product's; the spelling otherwise is not.
TEST_F(NamesTest, MixedCaseSpacesAndReservedWordsArriveUsable) {
  source().exec(R"(
    CREATE TABLE "Order" ("select" INTEGER PRIMARY KEY, "from" TEXT, "My Col" REAL, "where" TEXT);
    CREATE TABLE "My Table" (id INTEGER PRIMARY KEY, "Order" TEXT, "user" TEXT);
    CREATE TABLE "select" ("from" TEXT, "group" INTEGER);
    INSERT INTO "Order" VALUES (1, 'a', 1.5, 'w'), (2, NULL, -0.25, 'x');
    INSERT INTO "My Table" VALUES (1, 'o', 'u');
    INSERT INTO "select" VALUES ('f', 1), ('f', 1);
  )");
  CutoverRun r = migrate();
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  for (const char* t : {"Order", "My Table", "select"}) {
    SCOPED_TRACE(t);
    std::string target = report_table(r.report, t)["target"];
    EXPECT_EQ(lower(target), lower(std::string("public.") + t));
    std::set<std::string> expected;
    for (const auto& c : report_table(r.report, t)["columns"]) {
      EXPECT_EQ(lower(c["target"].get<std::string>()), lower(c["source"].get<std::string>()));
      expected.insert(c["target"].get<std::string>());
    }
    EXPECT_EQ(pg_columns(pg(), target_table_sql(r.report, t)), expected);
    expect_same_rows(source(), pg(), r.report, t);
  }
  EXPECT_EQ(pg_columns(pg(), target_table_sql(r.report, "select")).count("from"), 1u);
}

TEST_F(NamesTest, NamesOver63BytesAreShortenedDistinctAndReported) {
  const std::string long_table(70, 't');
  const std::string prefix(63, 'c');
  const std::string col_a = prefix + "_alpha", col_b = prefix + "_beta";
  const std::string tab_a = std::string(63, 'x') + "_one", tab_b = std::string(63, 'x') + "_two";
  source().exec("CREATE TABLE " + quote_ident(long_table) + " (id INTEGER PRIMARY KEY, " +
                quote_ident(col_a) + " TEXT, " + quote_ident(col_b) +
                " TEXT);"
                "CREATE TABLE " +
                quote_ident(tab_a) +
                " (v INTEGER);"
                "CREATE TABLE " +
                quote_ident(tab_b) + " (v INTEGER);");
  source().insert(long_table, {SqlValue::integer(1), SqlValue::text("A"), SqlValue::text("B")});
  source().insert(tab_a, {SqlValue::integer(1)});
  source().insert(tab_b, {SqlValue::integer(2)});
  CutoverRun r = migrate();
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  for (const auto& t : {long_table, tab_a, tab_b}) expect_same_rows(source(), pg(), r.report, t);

  std::string a_target = report_column(r.report, long_table, col_a)["target"];
  std::string b_target = report_column(r.report, long_table, col_b)["target"];
  EXPECT_NE(a_target, b_target);
  EXPECT_LE(a_target.size(), 63u);
  EXPECT_LE(b_target.size(), 63u);
  std::string ta = report_table(r.report, tab_a)["target"],
              tb = report_table(r.report, tab_b)["target"];
  EXPECT_NE(ta, tb);
  EXPECT_EQ(
      pg().scalar(
          "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'xxx%'"),
      "2");

  std::set<std::string> renamed;
  for (const auto& n : r.report["renames"]) renamed.insert(n["source"].get<std::string>());
  for (const auto& s :
       {long_table, tab_a, tab_b, long_table + "." + col_a, long_table + "." + col_b})
    EXPECT_TRUE(renamed.count(s)) << s << " missing from renames: " << r.report["renames"].dump(2);
}

}  // namespace
}  // namespace cutover::it
