#include <gtest/gtest.h>

#include "sources/sqlite/sqlite_types.hpp"

namespace cutover::sqlite {
namespace {

TypeDecision map(const std::string& declared, const ColumnProfile& p) {
  Table t;
  t.name = "t";
  Column c;
  c.name = "c";
  c.declared_type = declared;
  return map_type(t, c, &p, nullptr);
}

TypeDecision cast(const std::string& declared, const ColumnProfile* p, const std::string& target) {
  Table t;
  t.name = "events";
  Column c;
  c.name = "at";
  c.declared_type = declared;
  CastRule r;
  r.column = "at";
  r.table = "events";
  r.target_type = target;
  r.text = "events.at=" + target;
  return map_type(t, c, p, &r);
}

void expect(const TypeDecision& d, const char* type, ValueKind kind, Decode decode, const char* rule) {
  EXPECT_EQ(d.target_type, type);
  EXPECT_EQ(d.kind, kind) << to_string(d.kind);
  EXPECT_EQ(d.decode, decode) << to_string(d.decode);
  EXPECT_EQ(d.rule, rule);
}

ColumnProfile ints(int64_t n, int64_t lo, int64_t hi) {
  return ColumnProfile{.rows = n, .integers = n, .int_min = lo, .int_max = hi};
}

TEST(SqliteAffinity, RulesOfSection3_1) {
  EXPECT_EQ(affinity_of("INTEGER"), Affinity::integer);
  EXPECT_EQ(affinity_of("FLOATING POINT"), Affinity::integer);  // "INT" wins
  EXPECT_EQ(affinity_of("CHARINT"), Affinity::integer);
  EXPECT_EQ(affinity_of("VARCHAR(10)"), Affinity::text);
  EXPECT_EQ(affinity_of("CLOB"), Affinity::text);
  EXPECT_EQ(affinity_of(""), Affinity::blob);
  EXPECT_EQ(affinity_of("BLOB"), Affinity::blob);
  EXPECT_EQ(affinity_of("DOUBLE PRECISION"), Affinity::real);
  EXPECT_EQ(affinity_of("STRING"), Affinity::numeric);
  EXPECT_EQ(affinity_of("DATETIME"), Affinity::numeric);
  auto d = parse_declared_type("Character  Varying ( 20 )");
  EXPECT_EQ(d.base, "character varying");
  EXPECT_EQ(d.args, std::vector<int64_t>{20});
  EXPECT_EQ(d.hint, Hint::sized_text);
}

TEST(SqliteTypes, IntegerStaysBigintAndWidensWhenMixed) {
  auto d = map("INTEGER", ints(1000, -5, 1204));
  expect(d, "bigint", ValueKind::int64, Decode::native, "sqlite.integer");
  EXPECT_EQ(d.reason, "declared INTEGER; 1,000 integers in -5..1,204");
  EXPECT_FALSE(d.lossy);
  expect(map("INT", ints(3, 1, 3)), "bigint", ValueKind::int64, Decode::native, "sqlite.integer");

  auto reals = map("INTEGER", ColumnProfile{.rows = 12, .integers = 10, .reals = 2, .int_min = 1, .int_max = 9});
  expect(reals, "numeric", ValueKind::decimal, Decode::decimal_any, "sqlite.widen_mixed");
  EXPECT_EQ(reals.reason, "declared INTEGER; 10 integers, 2 reals: numeric holds both exactly (reals by their "
                          "shortest round-trip text)");
  EXPECT_TRUE(reals.lossy);
  auto texts = map("INTEGER", ColumnProfile{.rows = 13, .integers = 10, .texts = 3, .int_min = 1, .int_max = 9});
  expect(texts, "text", ValueKind::text, Decode::text_any, "sqlite.widen_mixed");
  EXPECT_EQ(texts.reason, "declared INTEGER; 10 integers, 3 texts: text holds every value (numbers as their text)");
  auto blobs = map("INTEGER", ColumnProfile{.rows = 2, .integers = 1, .blobs = 1, .int_min = 1, .int_max = 1});
  expect(blobs, "bytea", ValueKind::bytes, Decode::bytes_any, "sqlite.widen_mixed");
}

TEST(SqliteTypes, SmallIntOnlyWhenDeclaredAndFits) {
  auto d = map("SMALLINT", ints(5, 0, 300));
  expect(d, "smallint", ValueKind::int16, Decode::native, "sqlite.smallint");
  auto wide = map("SMALLINT", ints(5, 0, 70000));
  expect(wide, "bigint", ValueKind::int64, Decode::native, "sqlite.integer");
  EXPECT_EQ(wide.reason, "declared SMALLINT but integers range 0..70,000, beyond smallint; 5 integers in 0..70,000");
}

TEST(SqliteTypes, Boolean01BothWays) {
  auto d = map("BOOLEAN", ints(1204, 0, 1));
  expect(d, "boolean", ValueKind::boolean, Decode::bool01, "sqlite.bool01");
  EXPECT_EQ(d.reason, "declared BOOLEAN; 1,204 values all 0/1");
  auto words = map("BOOL", ColumnProfile{.rows = 12, .integers = 10, .texts = 2, .int_min = 0, .int_max = 1,
                                         .texts_boolean = 2});
  expect(words, "boolean", ValueKind::boolean, Decode::bool01, "sqlite.bool01");
  EXPECT_EQ(words.reason, "declared BOOL; 10 integers 0/1 and 2 texts true/false/t/f/0/1");
  auto wide = map("BOOLEAN", ints(6, -1, 5));
  expect(wide, "smallint", ValueKind::int16, Decode::native, "sqlite.bool_not01");
  EXPECT_EQ(wide.reason, "declared BOOLEAN but 6 integers range -1..5; smallint");
  auto maybe = map("BOOLEAN", ColumnProfile{.rows = 3, .integers = 2, .texts = 1, .int_min = 0, .int_max = 1});
  expect(maybe, "text", ValueKind::text, Decode::text_any, "sqlite.widen_mixed");
  EXPECT_EQ(maybe.reason, "declared BOOLEAN but holds 2 integers, 1 text; 2 integers, 1 text: text holds every "
                          "value (numbers as their text)");
}

TEST(SqliteTypes, RealIsDoubleUnlessIntegersTooBig) {
  expect(map("REAL", ColumnProfile{.rows = 3, .reals = 3, .reals_nonfinite = 1}), "double precision",
         ValueKind::float64, Decode::native, "sqlite.real");
  auto big = ColumnProfile{.rows = 3, .integers = 1, .reals = 2, .int_min = int64_t{1} << 60, .int_max = int64_t{1} << 60};
  expect(map("FLOAT", big), "numeric", ValueKind::decimal, Decode::decimal_any, "sqlite.widen_mixed");
  big.reals_nonfinite = 1;
  expect(map("FLOAT", big), "text", ValueKind::text, Decode::text_any, "sqlite.widen_mixed");
  auto small = ColumnProfile{.rows = 3, .integers = 1, .reals = 2, .int_min = 7, .int_max = 7};
  expect(map("DOUBLE", small), "double precision", ValueKind::float64, Decode::native, "sqlite.real");
  expect(map("", small), "double precision", ValueKind::float64, Decode::native, "sqlite.real");
}

TEST(SqliteTypes, DecimalKeepsTypmodOnlyWhenEveryValueFits) {
  auto fits = ColumnProfile{.rows = 5, .integers = 2, .reals = 3, .int_min = 1, .int_max = 99,
                            .max_decimal_scale = 2, .max_decimal_precision = 4};
  auto d = map("DECIMAL(10,2)", fits);
  expect(d, "numeric(10,2)", ValueKind::decimal, Decode::decimal_any, "sqlite.decimal_from_real");
  EXPECT_EQ(d.reason, "declared DECIMAL(10,2); 2 integers, 3 reals, all fit; 3 reals converted by their shortest "
                      "round-trip text");
  auto exact = ColumnProfile{.rows = 2, .integers = 2, .int_min = 1, .int_max = 99, .max_decimal_precision = 2};
  expect(map("NUMERIC(4,0)", exact), "numeric(4,0)", ValueKind::decimal, Decode::decimal_any, "sqlite.decimal");
  fits.max_decimal_scale = 3;
  fits.max_decimal_precision = 5;
  auto wide = map("DECIMAL(10,2)", fits);
  expect(wide, "numeric", ValueKind::decimal, Decode::decimal_any, "sqlite.decimal_widen");
  EXPECT_EQ(wide.reason, "declared DECIMAL(10,2) but values need up to 2 integer digits and 3 decimal places "
                         "(SQLite does not enforce precision); numeric without limits holds them; 3 reals "
                         "converted by their shortest round-trip text");
  expect(map("NUMERIC", ints(2, 1, 2)), "numeric", ValueKind::decimal, Decode::decimal_any, "sqlite.decimal");
  auto words = ColumnProfile{.rows = 2, .integers = 1, .texts = 1, .int_min = 1, .int_max = 1};
  expect(map("DECIMAL(10,2)", words), "text", ValueKind::text, Decode::text_any, "sqlite.widen_mixed");
  auto inf = ColumnProfile{.rows = 2, .reals = 2, .reals_nonfinite = 1};
  expect(map("DECIMAL(10,2)", inf), "double precision", ValueKind::float64, Decode::native,
         "sqlite.decimal_nonfinite");
}

TEST(SqliteTypes, TextsVarcharAndBlobs) {
  auto t = ColumnProfile{.rows = 4, .texts = 4, .texts_with_nul = 1, .max_text_bytes = 8};
  auto d = map("VARCHAR(10)", t);
  expect(d, "varchar(10)", ValueKind::text, Decode::native, "sqlite.varchar");
  EXPECT_EQ(d.reason, "declared VARCHAR(10); 4 texts, the longest 8 bytes; 1 texts contain NUL bytes (handled by "
                      "--nul-policy)");
  auto over = map("VARCHAR(5)", t);
  expect(over, "text", ValueKind::text, Decode::native, "sqlite.varchar_overflow");
  expect(map("TEXT", t), "text", ValueKind::text, Decode::native, "sqlite.text");
  auto with_blob = map("TEXT", ColumnProfile{.rows = 3, .texts = 2, .blobs = 1});
  expect(with_blob, "bytea", ValueKind::bytes, Decode::bytes_any, "sqlite.widen_mixed");
  EXPECT_EQ(with_blob.reason, "declared TEXT; 2 texts, 1 blob: bytea holds every value (texts as their UTF-8 bytes, "
                              "numbers as their text)");
  expect(map("BLOB", ColumnProfile{.rows = 1, .blobs = 1}), "bytea", ValueKind::bytes, Decode::native, "sqlite.blob");
}

TEST(SqliteTypes, UntypedAndUnknownFollowTheData) {
  auto d = map("", ints(3, 1, 3));
  expect(d, "bigint", ValueKind::int64, Decode::native, "sqlite.integer");
  EXPECT_EQ(d.reason, "no declared type; 3 integers in 1..3");
  auto empty = map("", ColumnProfile{});
  expect(empty, "text", ValueKind::text, Decode::text_any, "sqlite.untyped_empty");
  auto unknown = map("STRING", ColumnProfile{.rows = 3, .texts = 3});
  expect(unknown, "text", ValueKind::text, Decode::native, "sqlite.text");
  EXPECT_EQ(unknown.reason, "unknown declared type STRING (SQLite affinity NUMERIC); 3 texts");
}

TEST(SqliteTypes, IsoDateTimes) {
  auto naive = ColumnProfile{.rows = 10, .texts = 10, .texts_iso_datetime = 10};
  expect(map("DATETIME", naive), "timestamp", ValueKind::timestamp, Decode::iso_datetime, "sqlite.iso_timestamp");
  auto tz = map("TIMESTAMPTZ", naive);
  expect(tz, "timestamptz", ValueKind::timestamptz, Decode::iso_datetime, "sqlite.naive_as_utc");
  auto all_off = ColumnProfile{.rows = 10, .texts = 10, .texts_iso_datetime = 10, .texts_iso_offset = 10};
  expect(map("TIMESTAMP", all_off), "timestamptz", ValueKind::timestamptz, Decode::iso_datetime,
         "sqlite.iso_timestamptz");
  auto mixed = ColumnProfile{.rows = 10, .texts = 10, .texts_iso_datetime = 10, .texts_iso_offset = 7};
  auto m = map("DATETIME", mixed);
  expect(m, "timestamptz", ValueKind::timestamptz, Decode::iso_datetime, "sqlite.naive_as_utc");
  EXPECT_EQ(m.reason, "declared DATETIME; 3 of 10 ISO date-time texts have no zone offset and are read as UTC");
  EXPECT_TRUE(m.lossy);
  auto dates = ColumnProfile{.rows = 4, .texts = 4, .texts_iso_datetime = 4, .texts_iso_date_only = 4};
  expect(map("DATE", dates), "date", ValueKind::date, Decode::iso_datetime, "sqlite.iso_date");
  auto date_times = map("DATE", naive);
  expect(date_times, "timestamp", ValueKind::timestamp, Decode::iso_datetime, "sqlite.iso_timestamp");
  EXPECT_EQ(date_times.reason, "declared DATE; 10 ISO date-time texts, none with a zone offset (10 have a time of "
                               "day, which date would drop)");
}

TEST(SqliteTypes, NumericDateTimes) {
  auto s = map("DATETIME", ints(5000, 1600000000, 1700000000));
  expect(s, "timestamptz", ValueKind::timestamptz, Decode::epoch_s, "sqlite.epoch_seconds");
  EXPECT_EQ(s.reason, "declared DATETIME; numbers in 1,600,000,000..1,700,000,000 read as Unix seconds");
  expect(map("TIMESTAMP", ints(2, 0, 1700000000000)), "timestamptz", ValueKind::timestamptz, Decode::epoch_ms,
         "sqlite.epoch_millis");
  expect(map("TIMESTAMP", ints(2, 0, 1700000000000000)), "timestamptz", ValueKind::timestamptz, Decode::epoch_us,
         "sqlite.epoch_micros");
  auto jd = ColumnProfile{.rows = 2, .reals = 2, .real_min = 2460000.5, .real_max = 2460100.25};
  auto j = map("DATETIME", jd);
  expect(j, "timestamp", ValueKind::timestamp, Decode::julian_day, "sqlite.julian_day");
  EXPECT_EQ(j.reason, "declared DATETIME; numbers in 2460000.5..2460100.25 read as Julian days");
}

TEST(SqliteTypes, DateTimeMixtureStaysTextWithCastHint) {
  auto p = ColumnProfile{.rows = 11, .integers = 1, .texts = 10, .int_min = 5, .int_max = 5, .texts_iso_datetime = 9};
  auto d = map("DATETIME", p);
  expect(d, "text", ValueKind::text, Decode::text_any, "sqlite.datetime_mixed");
  EXPECT_EQ(d.reason, "declared DATETIME but holds 1 integer, 10 texts (9 ISO date-time texts): no single rule reads "
                      "them all; --cast 't.c=timestamptz' reads the ISO texts and rejects the other rows; 1 integer, "
                      "10 texts: text holds every value (numbers as their text)");
}

TEST(SqliteTypes, JsonUuidTime) {
  auto json = ColumnProfile{.rows = 3, .integers = 1, .texts = 2, .int_min = 1, .int_max = 1, .texts_json = 2};
  expect(map("JSON", json), "jsonb", ValueKind::json, Decode::json_text, "sqlite.json_to_jsonb");
  json.texts_json = 1;
  auto bad = map("JSON", json);
  expect(bad, "text", ValueKind::text, Decode::text_any, "sqlite.widen_mixed");
  EXPECT_TRUE(bad.reason.starts_with("declared JSON but 1 of 2 texts are not valid JSON; ")) << bad.reason;
  expect(map("UUID", ColumnProfile{.rows = 2, .texts = 2, .texts_uuid = 2}), "uuid", ValueKind::uuid,
         Decode::uuid_text, "sqlite.uuid_text");
  expect(map("GUID", ColumnProfile{.rows = 2, .blobs = 2, .blobs_16 = 2}), "uuid", ValueKind::uuid,
         Decode::uuid_blob, "sqlite.uuid_blob");
  expect(map("UUID", ColumnProfile{.rows = 2, .texts = 2, .texts_uuid = 1}), "text", ValueKind::text,
         Decode::native, "sqlite.text");
  expect(map("TIME", ColumnProfile{.rows = 2, .texts = 2, .texts_time_of_day = 2}), "time", ValueKind::time,
         Decode::iso_datetime, "sqlite.time_text");
  expect(map("TIME", ColumnProfile{.rows = 2, .texts = 2, .texts_time_of_day = 1}), "text", ValueKind::text,
         Decode::native, "sqlite.text");
}

TEST(SqliteTypes, WithoutProfileTheDeclarationDecides) {
  Table t;
  Column c;
  c.declared_type = "BOOLEAN";
  expect(map_type(t, c, nullptr, nullptr), "boolean", ValueKind::boolean, Decode::bool01, "sqlite.bool01");
  c.declared_type = "DATETIME";
  expect(map_type(t, c, nullptr, nullptr), "timestamp", ValueKind::timestamp, Decode::iso_datetime,
         "sqlite.iso_timestamp");
  c.declared_type = "DECIMAL(10,2)";
  expect(map_type(t, c, nullptr, nullptr), "numeric(10,2)", ValueKind::decimal, Decode::decimal_any,
         "sqlite.decimal");
}

TEST(SqliteTypeCasts, TargetKindAndDecodeFromProfile) {
  auto ms = ints(3, 0, 1700000000000);
  auto d = cast("INTEGER", &ms, "timestamptz");
  expect(d, "timestamptz", ValueKind::timestamptz, Decode::epoch_ms, "cast");
  EXPECT_EQ(d.reason, "cast rule 'events.at=timestamptz'; numbers in 0..1,700,000,000,000 read as Unix milliseconds");
  auto texts = ColumnProfile{.rows = 1, .texts = 1};
  expect(cast("TEXT", &texts, "timestamp"), "timestamp", ValueKind::timestamp, Decode::iso_datetime, "cast");
  expect(cast("TEXT", &texts, "date"), "date", ValueKind::date, Decode::iso_datetime, "cast");
  expect(cast("TEXT", &texts, "time"), "time", ValueKind::time, Decode::iso_datetime, "cast");
  expect(cast("INTEGER", &ms, "boolean"), "boolean", ValueKind::boolean, Decode::bool01, "cast");
  expect(cast("TEXT", &texts, "jsonb"), "jsonb", ValueKind::json, Decode::json_text, "cast");
  expect(cast("TEXT", &texts, "json"), "json", ValueKind::json, Decode::json_text, "cast");
  auto blobs = ColumnProfile{.rows = 1, .blobs = 1, .blobs_16 = 1};
  expect(cast("BLOB", &blobs, "uuid"), "uuid", ValueKind::uuid, Decode::uuid_blob, "cast");
  expect(cast("TEXT", &texts, "uuid"), "uuid", ValueKind::uuid, Decode::uuid_text, "cast");
  expect(cast("REAL", nullptr, "numeric(12,4)"), "numeric(12,4)", ValueKind::decimal, Decode::decimal_any, "cast");
  expect(cast("REAL", nullptr, "double precision"), "double precision", ValueKind::float64, Decode::native, "cast");
  expect(cast("REAL", nullptr, "real"), "real", ValueKind::float32, Decode::native, "cast");
  expect(cast("INTEGER", nullptr, "bigint"), "bigint", ValueKind::int64, Decode::native, "cast");
  expect(cast("INTEGER", nullptr, "integer"), "integer", ValueKind::int32, Decode::native, "cast");
  expect(cast("INTEGER", nullptr, "smallint"), "smallint", ValueKind::int16, Decode::native, "cast");
  expect(cast("INTEGER", nullptr, "varchar(20)"), "varchar(20)", ValueKind::text, Decode::text_any, "cast");
  expect(cast("TEXT", nullptr, "bytea"), "bytea", ValueKind::bytes, Decode::bytes_any, "cast");
  auto unknown = cast("TEXT", nullptr, " inet ");
  expect(unknown, "inet", ValueKind::text, Decode::text_any, "cast");
  EXPECT_EQ(unknown.reason, "cast rule 'events.at= inet '; warning: unknown target type 'inet', values are sent as "
                            "text for PostgreSQL to convert");
}

}  // namespace
}  // namespace cutover::sqlite
