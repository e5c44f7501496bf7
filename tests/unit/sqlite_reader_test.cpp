#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cmath>

#include "core/convert.hpp"
#include "sources/sqlite/sqlite_catalog.hpp"
#include "sources/sqlite/sqlite_decode.hpp"
#include "sources/sqlite/sqlite_reader.hpp"
#include "sqlite_test_db.hpp"

namespace cutover::sqlite {
namespace {

using testing::TempDb;

ColumnPlan col(const std::string& name, ValueKind kind, Decode decode = Decode::native,
               const std::string& type = "x") {
  ColumnPlan c;
  c.source_name = c.target_name = name;
  c.type = TypeDecision{type, kind, decode, "test", "", false};
  return c;
}

std::string hex(std::string_view s) {
  std::string out = "\\x";
  for (unsigned char c : s) out += fmt::format("{:02x}", c);
  return out;
}

std::string cell_text(const RowBatch& b, size_t r, size_t c) {
  const Cell& x = b.at(r, c);
  switch (x.kind) {
    case ValueKind::null: return "NULL";
    case ValueKind::boolean: return x.i ? "true" : "false";
    case ValueKind::int16:
    case ValueKind::int32:
    case ValueKind::int64: return fmt::format("{}:{}", to_string(x.kind), x.i);
    case ValueKind::float64: return fmt::format("f64:{}", x.f64);
    case ValueKind::float32: return fmt::format("f32:{}", x.f32);
    case ValueKind::bytes: return hex(b.payload(x));
    case ValueKind::uuid: return format_uuid(reinterpret_cast<const uint8_t*>(b.payload(x).data()));
    case ValueKind::date: return format_date(static_cast<int32_t>(x.i));
    case ValueKind::timestamp: return "ts:" + format_timestamp(x.i);
    case ValueKind::timestamptz: return "tstz:" + format_timestamp(x.i);
    case ValueKind::time: return fmt::format("time:{}", x.i);
    default: return fmt::format("{}:{}", to_string(x.kind), b.payload(x));
  }
}

TablePlan plan_for(const TempDb& db, const char* table, std::vector<ColumnPlan> cols) {
  TablePlan plan;
  plan.source = db.table(table);
  plan.columns = std::move(cols);
  return plan;
}

struct ReadResult {
  std::vector<std::string> rows;  // cells joined with " | "
  std::vector<RejectedRow> rejects;
  RuleCounts counts;
  std::vector<size_t> batch_sizes;
};

class SqliteReader : public ::testing::Test {
 protected:
  ReadResult read(const TempDb& db, const char* table, std::vector<ColumnPlan> cols, ReadOptions opts = {},
                  ChunkSpec chunk = {}) {
    TablePlan plan = plan_for(db, table, std::move(cols));
    auto reader = open_reader(db.path(), plan, chunk, opts);
    EXPECT_TRUE(reader) << reader.error().describe();
    ReadResult out;
    RowBatch batch;
    for (bool more = true; more;) {
      auto r = (*reader)->next(batch);
      EXPECT_TRUE(r) << r.error().describe();
      more = r && *r;
      if (batch.rows() > 0) out.batch_sizes.push_back(batch.rows());
      for (size_t i = 0; i < batch.rows(); ++i) {
        std::string row;
        for (size_t c = 0; c < batch.columns(); ++c) row += (c ? " | " : "") + cell_text(batch, i, c);
        out.rows.push_back(row);
      }
    }
    out.rejects = (*reader)->take_rejects();
    out.counts = (*reader)->rule_counts();
    return out;
  }
};

constexpr const char* k_classes =
    "CREATE TABLE v (a); INSERT INTO v VALUES (42), (1.5), ('hi'), (X'C3A9'), (NULL);";

TEST_F(SqliteReader, EveryStorageClassIntoTextAndBytes) {
  TempDb db(k_classes);
  auto t = read(db, "v", {col("a", ValueKind::text, Decode::text_any)});
  EXPECT_EQ(t.rows, (std::vector<std::string>{"text:42", "text:1.5", "text:hi", "text:é", "NULL"}));
  EXPECT_EQ(t.counts.counts, (std::map<std::string, int64_t>{{"sqlite.blob_as_text", 1}, {"sqlite.number_as_text", 2}}));
  auto b = read(db, "v", {col("a", ValueKind::bytes, Decode::bytes_any)});
  EXPECT_EQ(b.rows, (std::vector<std::string>{"\\x3432", "\\x312e35", "\\x6869", "\\xc3a9", "NULL"}));
}

TEST_F(SqliteReader, EveryStorageClassIntoNumbers) {
  TempDb db(k_classes);
  auto i = read(db, "v", {col("a", ValueKind::int64)});
  EXPECT_EQ(i.rows, (std::vector<std::string>{"int64:42", "NULL"}));
  ASSERT_EQ(i.rejects.size(), 3u);
  EXPECT_EQ(i.rejects[0].key, "rowid=2");
  EXPECT_EQ(i.rejects[0].column, "a");
  EXPECT_EQ(i.rejects[0].value, "1.5");
  EXPECT_EQ(i.rejects[0].rule, "not_integer");
  EXPECT_EQ(i.rejects[0].reason, "real value in x column; --cast 'v.a=double precision' keeps it");
  EXPECT_EQ(i.rejects[1].reason, "text value in x column; --cast 'v.a=text' keeps it");
  EXPECT_EQ(i.counts.counts.at("not_integer"), 3);
  auto f = read(db, "v", {col("a", ValueKind::float64)});
  EXPECT_EQ(f.rows, (std::vector<std::string>{"f64:42", "f64:1.5", "NULL"}));
  auto d = read(db, "v", {col("a", ValueKind::decimal, Decode::decimal_any)});
  EXPECT_EQ(d.rows, (std::vector<std::string>{"decimal:42", "decimal:1.5", "NULL"}));
  EXPECT_EQ(d.counts.counts.at("sqlite.decimal_from_real"), 1);
  EXPECT_EQ(d.rejects[0].rule, "not_number");
}

TEST_F(SqliteReader, InfinitiesAndNegativeZeroKept) {
  // Untyped column: a REAL-affinity column stores -0.0 as the integer 0 (SQLite's
  // own space optimisation), so the sign is gone before any reader sees it.
  TempDb db("CREATE TABLE r (x); INSERT INTO r VALUES (9e999), (-9e999), (-0.0), (0.1);");
  TablePlan plan = plan_for(db, "r", {col("x", ValueKind::float64)});
  auto reader = open_reader(db.path(), plan, {}, {});
  ASSERT_TRUE(reader);
  RowBatch batch;
  ASSERT_TRUE((*reader)->next(batch));
  ASSERT_EQ(batch.rows(), 4u);
  EXPECT_EQ(batch.at(0, 0).f64, INFINITY);
  EXPECT_EQ(batch.at(1, 0).f64, -INFINITY);
  EXPECT_EQ(batch.at(2, 0).f64, 0.0);
  EXPECT_TRUE(std::signbit(batch.at(2, 0).f64));
  EXPECT_EQ(batch.at(3, 0).f64, 0.1);
}

TEST_F(SqliteReader, NulPolicyBothWays) {
  TempDb db("CREATE TABLE n (t TEXT); INSERT INTO n VALUES ('a' || char(0) || 'b'), ('ok');");
  auto rejected = read(db, "n", {col("t", ValueKind::text)});
  EXPECT_EQ(rejected.rows, std::vector<std::string>{"text:ok"});
  ASSERT_EQ(rejected.rejects.size(), 1u);
  EXPECT_EQ(rejected.rejects[0].rule, "nul_in_text");
  EXPECT_EQ(rejected.rejects[0].key, "rowid=1");
  EXPECT_EQ(rejected.rejects[0].reason,
            "text contains a NUL byte, which PostgreSQL text cannot hold; --nul-policy strip or replace keeps the row");
  ReadOptions strip;
  strip.nul_policy = NulPolicy::strip;
  auto s = read(db, "n", {col("t", ValueKind::text)}, strip);
  EXPECT_EQ(s.rows, (std::vector<std::string>{"text:ab", "text:ok"}));
  EXPECT_EQ(s.counts.counts.at("nul_in_text.strip"), 1);
  ReadOptions replace;
  replace.nul_policy = NulPolicy::replace;
  replace.nul_replacement = "?";
  auto r = read(db, "n", {col("t", ValueKind::text)}, replace);
  EXPECT_EQ(r.rows, (std::vector<std::string>{"text:a?b", "text:ok"}));
  EXPECT_EQ(r.counts.counts.at("nul_in_text.replace"), 1);
}

TEST_F(SqliteReader, InvalidUtf8IsRejectedWithRowidKey) {
  TempDb db("CREATE TABLE u (id INTEGER PRIMARY KEY, t TEXT); INSERT INTO u VALUES (7, 'fine'), (9, CAST(X'FF41' AS TEXT));");
  auto r = read(db, "u", {col("id", ValueKind::int64), col("t", ValueKind::text)});
  EXPECT_EQ(r.rows, std::vector<std::string>{"int64:7 | text:fine"});
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].table, "u");
  EXPECT_EQ(r.rejects[0].key, "rowid=9");
  EXPECT_EQ(r.rejects[0].column, "t");
  EXPECT_EQ(r.rejects[0].rule, "invalid_utf8");
  EXPECT_EQ(r.rejects[0].reason, "text is not valid UTF-8 (SQLite does not check); --cast 'u.t=bytea' keeps the bytes");
  auto bytes = read(db, "u", {col("t", ValueKind::bytes, Decode::bytes_any)});
  EXPECT_EQ(bytes.rows, (std::vector<std::string>{"\\x66696e65", "\\xff41"}));
}

TEST_F(SqliteReader, BatchesRespectRowAndByteLimits) {
  TempDb db("CREATE TABLE b (x);"
            "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 25) INSERT INTO b SELECT i FROM r;");
  ReadOptions rows;
  rows.batch_rows = 10;
  EXPECT_EQ(read(db, "b", {col("x", ValueKind::int64)}, rows).batch_sizes, (std::vector<size_t>{10, 10, 5}));
  ReadOptions bytes;
  bytes.batch_bytes = 3 * sizeof(Cell);
  EXPECT_EQ(read(db, "b", {col("x", ValueKind::int64)}, bytes).batch_sizes.size(), 9u);
}

TEST_F(SqliteReader, ChunkRangeLimitsRows) {
  TempDb db("CREATE TABLE c (id INTEGER PRIMARY KEY); INSERT INTO c VALUES (1), (5), (10), (15);");
  ChunkSpec chunk{.key_column = "id", .lo = 5, .hi = 15};
  auto r = read(db, "c", {col("id", ValueKind::int64)}, {}, chunk);
  EXPECT_EQ(r.rows, (std::vector<std::string>{"int64:5", "int64:10"}));
  TablePlan plan = plan_for(db, "c", {});
  EXPECT_EQ(count_chunk_rows(db.path(), plan, chunk).value(), 2);
  EXPECT_EQ(count_chunk_rows(db.path(), plan, ChunkSpec{}).value(), 4);
}

TEST_F(SqliteReader, DateTimes) {
  TempDb db("CREATE TABLE d (t, n); INSERT INTO d VALUES "
            "('2024-01-01 10:00:00', 1700000000), ('2024-01-01T10:00:00+02:00', 0), ('garbage', -1);");
  auto tz = read(db, "d", {col("t", ValueKind::timestamptz, Decode::iso_datetime)});
  EXPECT_EQ(tz.rows, (std::vector<std::string>{"tstz:2024-01-01 10:00:00", "tstz:2024-01-01 08:00:00"}));
  EXPECT_EQ(tz.counts.counts.at("sqlite.naive_as_utc"), 1);
  ASSERT_EQ(tz.rejects.size(), 1u);
  EXPECT_EQ(tz.rejects[0].rule, "bad_datetime");
  auto ts = read(db, "d", {col("t", ValueKind::timestamp, Decode::iso_datetime)});
  EXPECT_EQ(ts.counts.counts.at("sqlite.offset_to_utc"), 1);
  auto epoch = read(db, "d", {col("n", ValueKind::timestamptz, Decode::epoch_s)});
  EXPECT_EQ(epoch.rows, (std::vector<std::string>{"tstz:2023-11-14 22:13:20", "tstz:1970-01-01 00:00:00",
                                                  "tstz:1969-12-31 23:59:59"}));
  auto ms = read(db, "d", {col("n", ValueKind::timestamptz, Decode::epoch_ms)});
  EXPECT_EQ(ms.rows[0], "tstz:1970-01-20 16:13:20");
}

TEST_F(SqliteReader, DatesJulianDaysAndRange) {
  TempDb db("CREATE TABLE j (t, r); INSERT INTO j VALUES ('2024-05-01', 2460000.5), ('2024-05-01 10:00', -1.0);");
  auto d = read(db, "j", {col("t", ValueKind::date, Decode::iso_datetime)});
  EXPECT_EQ(d.rows, std::vector<std::string>{"2024-05-01"});
  EXPECT_EQ(d.rejects.at(0).reason, "has a time of day or zone, which date would drop; --cast 'j.t=timestamptz' keeps it");
  auto jd = read(db, "j", {col("r", ValueKind::timestamp, Decode::julian_day)});
  EXPECT_EQ(jd.rows, std::vector<std::string>{"ts:2023-02-25 00:00:00"});
  EXPECT_EQ(jd.rejects.at(0).rule, "out_of_range");
}

TEST_F(SqliteReader, BooleansUuidsJson) {
  TempDb db("CREATE TABLE m (b, u, j); INSERT INTO m VALUES "
            "(1, '0F8FAD5B-D9CB-469F-A165-70867728950E', '{\"a\": [1, 2]}'),"
            "('false', X'0f8fad5bd9cb469fa16570867728950e', 5),"
            "(2, 'nope', 'not json'), ('T', NULL, '\"\\u0000\"');");
  auto b = read(db, "m", {col("b", ValueKind::boolean, Decode::bool01)});
  EXPECT_EQ(b.rows, (std::vector<std::string>{"true", "false", "true"}));
  EXPECT_EQ(b.rejects.at(0).rule, "not_boolean");
  auto u = read(db, "m", {col("u", ValueKind::uuid, Decode::uuid_text)});
  EXPECT_EQ(u.rows, (std::vector<std::string>{"0f8fad5b-d9cb-469f-a165-70867728950e",
                                              "0f8fad5b-d9cb-469f-a165-70867728950e", "NULL"}));
  EXPECT_EQ(u.rejects.at(0).rule, "bad_uuid");
  auto j = read(db, "m", {col("j", ValueKind::json, Decode::json_text, "jsonb")});
  EXPECT_EQ(j.rows, (std::vector<std::string>{"json:{\"a\": [1, 2]}", "json:5"}));
  ASSERT_EQ(j.rejects.size(), 2u);
  EXPECT_EQ(j.rejects[1].reason, "contains \\u0000, which jsonb cannot store; --cast 'm.j=json' keeps it");
}

TEST_F(SqliteReader, TypmodsAndRanges) {
  TempDb db("CREATE TABLE t (n, s, i); INSERT INTO t VALUES (99.5, 'héé', 300), (12.345, 'abcd', 40000);");
  auto n = read(db, "t", {col("n", ValueKind::decimal, Decode::decimal_any, "numeric(4,2)")});
  EXPECT_EQ(n.rows, std::vector<std::string>{"decimal:99.5"});
  EXPECT_EQ(n.rejects.at(0).rule, "out_of_range");
  auto s = read(db, "t", {col("s", ValueKind::text, Decode::text_any, "varchar(3)")});
  EXPECT_EQ(s.rows, std::vector<std::string>{"text:héé"});
  EXPECT_EQ(s.rejects.at(0).reason, "text has 4 characters, more than varchar(3) allows; --cast 't.s=text' keeps it");
  auto i = read(db, "t", {col("i", ValueKind::int16, Decode::native, "smallint")});
  EXPECT_EQ(i.rows, std::vector<std::string>{"int16:300"});
  EXPECT_EQ(i.rejects.at(0).reason, "40000 does not fit smallint; --cast 't.i=bigint' keeps it");
}

TEST_F(SqliteReader, WithoutRowidRejectKeyIsThePrimaryKey) {
  TempDb db("CREATE TABLE w (k TEXT PRIMARY KEY, v) WITHOUT ROWID; INSERT INTO w VALUES ('abc', 'x');");
  auto r = read(db, "w", {col("k", ValueKind::text), col("v", ValueKind::int64)});
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].key, "k=abc");
}

TEST(SqliteDecode, ShortestDecimalAndRealText) {
  std::string scratch;
  EXPECT_EQ(shortest_decimal(0.1, scratch), "0.1");
  EXPECT_EQ(shortest_decimal(-0.0, scratch), "0");
  EXPECT_EQ(shortest_decimal(100.0, scratch), "100");
  EXPECT_EQ(shortest_decimal(1e20, scratch), "100000000000000000000");
  EXPECT_EQ(shortest_decimal(-1.5e-7, scratch), "-0.00000015");
  EXPECT_EQ(real_as_text(2.0), "2.0");
  EXPECT_EQ(real_as_text(0.30000000000000004), "0.30000000000000004");
  EXPECT_EQ(real_as_text(-INFINITY), "-Inf");
}

}  // namespace
}  // namespace cutover::sqlite
