// Declared meanings read from the data: epoch seconds/milliseconds/
// microseconds, ISO-8601 texts with and without offset, Julian days, UUID
// texts and blobs, JSON, and 0/1 booleans.
#include "compare.hpp"
#include "harness.hpp"

namespace cutover::it {
namespace {

class DecodeTest : public MigrationTest {
 protected:
  std::string type_of(const CutoverRun& r, const std::string& table, const std::string& column) {
    return report_column(r.report, table, column)["type"].get<std::string>();
  }
  // The value as PostgreSQL prints it in UTC.
  std::string text_at(const std::string& table, const std::string& column, int id) {
    return pg()
        .scalar("SELECT " + quote_ident(column) + "::text FROM " + quote_ident(table) +
                    " WHERE id = $1",
                {std::to_string(id)})
        .value_or("NULL");
  }
};

TEST_F(DecodeTest, EpochSecondsMillisecondsAndMicrosecondsBecomeTheSameInstant) {
  source().exec(R"(
    CREATE TABLE s (id INTEGER PRIMARY KEY, at DATETIME);
    CREATE TABLE ms (id INTEGER PRIMARY KEY, at DATETIME);
    CREATE TABLE us (id INTEGER PRIMARY KEY, at DATETIME);
    INSERT INTO s VALUES (1, 1627303906), (2, 0), (3, NULL), (4, -86400);
    INSERT INTO ms VALUES (1, 1627303906122), (2, 1627303906000);
    INSERT INTO us VALUES (1, 1627303906122000), (2, 1627303906122001);
  )");
  CutoverRun r = migrate();
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  for (const char* t : {"s", "ms", "us"}) {
    expect_same_rows(source(), pg(), r.report, t);
    EXPECT_EQ(type_of(r, t, "at"), "timestamptz") << t;
  }
  EXPECT_EQ(report_column(r.report, "s", "at")["decode"], "epoch_s");
  EXPECT_EQ(report_column(r.report, "ms", "at")["decode"], "epoch_ms");
  EXPECT_EQ(report_column(r.report, "us", "at")["decode"], "epoch_us");
  EXPECT_EQ(text_at("s", "at", 1), "2021-07-26 12:51:46+00");
  EXPECT_EQ(text_at("s", "at", 4), "1969-12-31 00:00:00+00");
  EXPECT_EQ(text_at("ms", "at", 1), "2021-07-26 12:51:46.122+00");
  EXPECT_EQ(text_at("us", "at", 1), "2021-07-26 12:51:46.122+00");
  EXPECT_EQ(text_at("us", "at", 2), "2021-07-26 12:51:46.122001+00");
}

TEST_F(DecodeTest, IsoTextsWithAndWithoutOffset) {
  source().exec(R"(
    CREATE TABLE naive (id INTEGER PRIMARY KEY, at DATETIME);
    CREATE TABLE zoned (id INTEGER PRIMARY KEY, at TIMESTAMP);
    CREATE TABLE mixed (id INTEGER PRIMARY KEY, at DATETIME);
    CREATE TABLE days (id INTEGER PRIMARY KEY, d DATE);
    INSERT INTO naive VALUES (1, '2021-07-26 12:51:46.122'), (2, '2021-07-26T12:51:46'), (3, '1999-12-31 23:59');
    INSERT INTO zoned VALUES (1, '2021-07-26T14:51:46.122+02:00'), (2, '2021-07-26 12:51:46Z');
    INSERT INTO mixed VALUES (1, '2021-07-26 12:51:46'), (2, '2021-07-26T07:51:46-05:00');
    INSERT INTO days VALUES (1, '2021-07-26'), (2, '1970-01-01');
  )");
  CutoverRun r = migrate();
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  for (const char* t : {"naive", "zoned", "mixed", "days"})
    expect_same_rows(source(), pg(), r.report, t);
  EXPECT_EQ(type_of(r, "naive", "at"), "timestamp");
  EXPECT_EQ(type_of(r, "zoned", "at"), "timestamptz");
  EXPECT_EQ(type_of(r, "mixed", "at"), "timestamptz");
  EXPECT_EQ(type_of(r, "days", "d"), "date");
  EXPECT_EQ(text_at("naive", "at", 1), "2021-07-26 12:51:46.122");
  EXPECT_EQ(text_at("zoned", "at", 1), "2021-07-26 12:51:46.122+00");
  EXPECT_EQ(text_at("mixed", "at", 1), "2021-07-26 12:51:46+00") << "naive text read as UTC";
  EXPECT_EQ(text_at("mixed", "at", 2), "2021-07-26 12:51:46+00");
  EXPECT_EQ(text_at("days", "d", 1), "2021-07-26");
}

TEST_F(DecodeTest, JulianDayRealsBecomeTimestamps) {
  source().exec(R"(
    CREATE TABLE jd (id INTEGER PRIMARY KEY, at DATETIME);
    INSERT INTO jd VALUES (1, 2459421.5), (2, 2459421.75), (3, 2440587.5);
  )");
  CutoverRun r = migrate();
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(report_column(r.report, "jd", "at")["decode"], "julian_day");
  expect_same_rows(source(), pg(), r.report, "jd");
  EXPECT_EQ(pg().scalar("SELECT at::timestamp::text FROM jd WHERE id = 1"), "2021-07-26 00:00:00");
  EXPECT_EQ(pg().scalar("SELECT at::timestamp::text FROM jd WHERE id = 2"), "2021-07-26 06:00:00");
  EXPECT_EQ(pg().scalar("SELECT at::timestamp::text FROM jd WHERE id = 3"), "1970-01-01 00:00:00");
}

TEST_F(DecodeTest, UuidTextsAndSixteenByteBlobsBecomeUuid) {
  source().exec(R"(
    CREATE TABLE ut (id INTEGER PRIMARY KEY, u UUID);
    CREATE TABLE ub (id INTEGER PRIMARY KEY, u UUID);
    INSERT INTO ut VALUES (1, '0f8fad5b-d9cb-469f-a165-70867728950e'), (2, '7C9E6679-7425-40DE-944B-E07FC1F90AE7'), (3, NULL);
    INSERT INTO ub VALUES (1, x'0f8fad5bd9cb469fa16570867728950e'), (2, x'00000000000000000000000000000000');
  )");
  CutoverRun r = migrate();
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  for (const char* t : {"ut", "ub"}) {
    expect_same_rows(source(), pg(), r.report, t);
    EXPECT_EQ(type_of(r, t, "u"), "uuid") << t;
  }
  EXPECT_EQ(text_at("ut", "u", 2), "7c9e6679-7425-40de-944b-e07fc1f90ae7");
  EXPECT_EQ(text_at("ub", "u", 1), "0f8fad5b-d9cb-469f-a165-70867728950e");
}

TEST_F(DecodeTest, ValidJsonBecomesJsonbAndOneInvalidValueKeepsText) {
  source().exec(R"(
    CREATE TABLE good (id INTEGER PRIMARY KEY, doc JSON);
    CREATE TABLE bad (id INTEGER PRIMARY KEY, doc JSON);
    INSERT INTO good VALUES (1, '{"b": 1, "a": [true, null, 2.5]}'), (2, '"text"'), (3, '[]'), (4, NULL);
    INSERT INTO bad VALUES (1, '{"a": 1}'), (2, '{not json'), (3, '[1, 2]');
  )");
  CutoverRun r = migrate();
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(type_of(r, "good", "doc"), "jsonb");
  EXPECT_EQ(type_of(r, "bad", "doc"), "text");
  expect_same_rows(source(), pg(), r.report, "good");
  expect_same_rows(source(), pg(), r.report, "bad");
  EXPECT_EQ(pg().scalar("SELECT doc->'a'->>2 FROM good WHERE id = 1"), "2.5");
  EXPECT_EQ(text_at("bad", "doc", 2), "{not json");
}

TEST_F(DecodeTest, BooleansFromZeroOneButNotFromZeroOneTwo) {
  source().exec(R"(
    CREATE TABLE flags (id INTEGER PRIMARY KEY, b BOOLEAN);
    CREATE TABLE levels (id INTEGER PRIMARY KEY, b BOOLEAN);
    INSERT INTO flags VALUES (1, 0), (2, 1), (3, NULL), (4, 1);
    INSERT INTO levels VALUES (1, 0), (2, 1), (3, 2);
  )");
  CutoverRun r = migrate();
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(type_of(r, "flags", "b"), "boolean");
  EXPECT_NE(type_of(r, "levels", "b"), "boolean");
  expect_same_rows(source(), pg(), r.report, "flags");
  expect_same_rows(source(), pg(), r.report, "levels");
  EXPECT_EQ(pg().scalar("SELECT string_agg(b::text, ',' ORDER BY id) FROM flags"),
            "false,true,true");
  EXPECT_EQ(pg().scalar("SELECT string_agg(b::text, ',' ORDER BY id) FROM levels"), "0,1,2");
}

}  // namespace
}  // namespace cutover::it
