// Hostile values: IEEE edge cases, integers beyond 2^53, a 1 MB text, every
// byte value, empty versus NULL, NUL bytes and invalid UTF-8 in TEXT.
#include <cfloat>
#include <climits>

#include "compare.hpp"
#include "harness.hpp"

namespace cutover::it {
namespace {

class ValuesTest : public MigrationTest {
 protected:
  // Every row of `table` equal, none rejected, exit 0.
  void expect_all_copied(const CutoverRun& r, const std::string& table) {
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    TableCompare cmp = expect_same_rows(source(), pg(), r.report, table);
    EXPECT_EQ(cmp.rejected, 0u);
    EXPECT_EQ(cmp.target_rows, cmp.source_rows);
  }
};

TEST_F(ValuesTest, RealInfinitiesNegativeZeroAndExtremesKeepTheirBits) {
  // NaN cannot be stored by SQLite (it becomes NULL), so it is not tested.
  // A REAL column stores integral values as integers on disk, which loses the
  // sign of -0.0 inside SQLite itself; a column without a type keeps it.
  source().exec(
      "CREATE TABLE r (id INTEGER PRIMARY KEY, x REAL);"
      "INSERT INTO r VALUES (1, 9e999), (2, -9e999), (3, 0.0), (4, NULL);"
      "CREATE TABLE raw (id INTEGER PRIMARY KEY, x);"
      "INSERT INTO raw VALUES (1, -0.0), (2, 0.0), (3, 9e999), (4, -9e999), (5, 0.25);");
  int64_t id = 4;
  for (double v :
       {DBL_MAX, -DBL_MAX, DBL_MIN, -DBL_MIN, DBL_TRUE_MIN, 0.1, 1.0 / 3, 1e-300, 123456789.125})
    source().insert("r", {SqlValue::integer(++id), SqlValue::real(v)});
  CutoverRun r = migrate();
  expect_all_copied(r, "r");
  expect_all_copied(r, "raw");
  EXPECT_EQ(report_column(r.report, "r", "x")["type"], "double precision");
  EXPECT_EQ(report_column(r.report, "raw", "x")["type"], "double precision");
  EXPECT_EQ(pg().scalar("SELECT x::text FROM r WHERE id = 1"), "Infinity");
  EXPECT_EQ(pg().scalar("SELECT x::text FROM r WHERE id = 2"), "-Infinity");
  EXPECT_EQ(pg().scalar("SELECT float8send(x)::text FROM raw WHERE id = 1"), "\\x8000000000000000")
      << "sign of -0.0";
  EXPECT_EQ(pg().scalar("SELECT float8send(x)::text FROM raw WHERE id = 2"), "\\x0000000000000000");
  EXPECT_EQ(pg().scalar("SELECT x::text FROM raw WHERE id = 3"), "Infinity");
}

// Regression (fixed): real_as_text (src/sources/sqlite/sqlite_decode.cpp) renders -0.0 as "0.0":
// decimal_from_double goes through normalize_decimal, which maps "-0" to "0", so a mixed column
// widened to text/bytea loses the sign.
TEST_F(ValuesTest, NegativeZeroRenderedAsTextKeepsItsSign) {
  source().exec(
      "CREATE TABLE m (id INTEGER PRIMARY KEY, v);"
      "INSERT INTO m VALUES (1, 'text'), (2, -0.0), (3, 0.0), (4, 1.5);");
  CutoverRun r = migrate();
  expect_all_copied(r, "m");
  EXPECT_EQ(report_column(r.report, "m", "v")["type"], "text");
  EXPECT_EQ(pg().scalar("SELECT v FROM m WHERE id = 2"), "-0.0");
}

TEST_F(ValuesTest, IntegersBeyondTwoToThe53StayExact) {
  // `mixed` has no type: a REAL column would turn the integers into doubles inside SQLite.
  source().exec("CREATE TABLE i (id INTEGER PRIMARY KEY, n INTEGER, mixed);");
  const int64_t big = (int64_t{1} << 53) + 1;
  source().insert("i", {SqlValue::integer(1), SqlValue::integer(big), SqlValue::real(0.5)});
  source().insert("i", {SqlValue::integer(2), SqlValue::integer(-big), SqlValue::integer(big)});
  source().insert("i", {SqlValue::integer(3), SqlValue::integer(INT64_MAX), SqlValue::real(1.25)});
  source().insert("i", {SqlValue::integer(4), SqlValue::integer(INT64_MIN), SqlValue::null()});
  CutoverRun r = migrate();
  expect_all_copied(r, "i");
  EXPECT_EQ(pg().scalar("SELECT n::text FROM i WHERE id = 1"), "9007199254740993");
  EXPECT_EQ(pg().scalar("SELECT mixed::text FROM i WHERE id = 2"), "9007199254740993")
      << "a column mixing reals and an integer beyond 2^53 needs an exact type";
  EXPECT_EQ(report_column(r.report, "i", "mixed")["type"], "numeric");
}

TEST_F(ValuesTest, MegabyteTextEveryByteValueAndEmptyVersusNull) {
  source().exec("CREATE TABLE big (id INTEGER PRIMARY KEY, t TEXT, b BLOB);");
  std::string mb;
  while (mb.size() < (1u << 20)) mb += "line of text \xE2\x9C\x93 with a multi-byte character\n";
  std::string all_bytes;
  for (int c = 0; c < 256; ++c) all_bytes += static_cast<char>(c);
  source().insert("big", {SqlValue::integer(1), SqlValue::text(mb), SqlValue::blob(all_bytes)});
  source().insert("big", {SqlValue::integer(2), SqlValue::text(""), SqlValue::blob("")});
  source().insert("big", {SqlValue::integer(3), SqlValue::null(), SqlValue::null()});
  source().insert(
      "big", {SqlValue::integer(4), SqlValue::text("x"), SqlValue::blob(all_bytes + all_bytes)});
  CutoverRun r = migrate({"--batch-rows", "1"});
  expect_all_copied(r, "big");
  EXPECT_EQ(pg().scalar("SELECT octet_length(t) FROM big WHERE id = 1"), std::to_string(mb.size()));
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM big WHERE t = '' AND b = ''::bytea"), "1");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM big WHERE t IS NULL AND b IS NULL"), "1");
}

TEST_F(ValuesTest, NulInTextRejectsTheRowByDefault) {
  source().exec("CREATE TABLE n (id INTEGER PRIMARY KEY, t TEXT);");
  source().insert("n", {SqlValue::integer(1), SqlValue::text("fine")});
  source().insert("n", {SqlValue::integer(2), SqlValue::text(std::string("a\0b", 3))});
  source().insert("n", {SqlValue::integer(3), SqlValue::text("also fine")});
  CutoverRun r = migrate();
  EXPECT_EQ(r.exit_code, 3) << describe(r);
  TableCompare cmp = expect_same_rows(source(), pg(), r.report, "n");
  EXPECT_EQ(cmp.rejected, 1u);
  expect_reject_file_lists(report_table(r.report, "n"), cmp);
  auto lines = read_json_lines(report_table(r.report, "n")["reject_file"].get<std::string>());
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["column"], "t");
  EXPECT_EQ(lines[0]["rule"], "nul_in_text");
  EXPECT_EQ(report_table(r.report, "n")["status"], "rejected_rows");
}

TEST_F(ValuesTest, NulInTextIsStrippedAndCountedWithStripPolicy) {
  source().exec("CREATE TABLE n (id INTEGER PRIMARY KEY, t TEXT);");
  source().insert("n", {SqlValue::integer(1), SqlValue::text(std::string("a\0b\0", 4))});
  source().insert("n", {SqlValue::integer(2), SqlValue::text("plain")});
  CutoverRun r = migrate({"--nul-policy", "strip"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  expect_same_rows(source(), pg(), r.report, "n", NulHandling{"strip"});
  EXPECT_EQ(pg().scalar("SELECT t FROM n WHERE id = 1"), "ab");
  EXPECT_EQ(report_table(r.report, "n")["rules"].value("nul_in_text.strip", 0), 1)
      << r.report.dump(2);
}

TEST_F(ValuesTest, InvalidUtf8InTextIsRejectedWithAReason) {
  source().exec("CREATE TABLE u (id INTEGER PRIMARY KEY, t TEXT);");
  const std::vector<std::string> bad = {"\xFF", "ok\xC3\x28", "\xED\xA0\x80", "\xC0\xAF",
                                        "\xF4\x90\x80\x80"};
  int64_t id = 0;
  source().insert("u", {SqlValue::integer(++id), SqlValue::text("valid \xC3\xA9")});
  for (const auto& b : bad) source().insert("u", {SqlValue::integer(++id), SqlValue::text(b)});
  CutoverRun r = migrate();
  EXPECT_EQ(r.exit_code, 3) << describe(r);
  TableCompare cmp = expect_same_rows(source(), pg(), r.report, "u");
  EXPECT_EQ(cmp.rejected, bad.size());
  expect_reject_file_lists(report_table(r.report, "u"), cmp);
  for (const auto& line :
       read_json_lines(report_table(r.report, "u")["reject_file"].get<std::string>())) {
    EXPECT_EQ(line["rule"], "invalid_utf8") << line.dump();
    EXPECT_NE(line["reason"].get<std::string>().find("UTF-8"), std::string::npos) << line.dump();
  }
}

}  // namespace
}  // namespace cutover::it
