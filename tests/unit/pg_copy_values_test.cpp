// Golden bytes for temporal, uuid, text-like and bytea fields, whole rows,
// error behaviour and type spellings of the COPY binary encoder.
#include <gtest/gtest.h>

#include <cmath>

#include "core/text_array.hpp"
#include "pg_copy_test_util.hpp"
#include "targets/postgres/pg_copy_internal.hpp"

namespace cutover::pg {
namespace {

using namespace cutover::pg::copytest;

constexpr int64_t k_day = 86'400'000'000LL;

TEST(PgCopyValues, DatesCountFrom2000) {
  EXPECT_EQ(field(PgWire::date, [](RowBatch& b) { b.put_date(10957); }), "0000000400000000");
  EXPECT_EQ(field(PgWire::date, [](RowBatch& b) { b.put_date(0); }), "00000004ffffd533");
  EXPECT_EQ(field(PgWire::date, [](RowBatch& b) { b.put_date(19844); }), "00000004000022b7");
  // Julian day 0 (4714-11-24 BC) is PostgreSQL's first date.
  EXPECT_EQ(field(PgWire::date, [](RowBatch& b) { b.put_date(-2451545 + 10957); }), "00000004ffda97a7");
  EXPECT_EQ(encode(PgWire::date, [](RowBatch& b) { b.put_date(-2451545 + 10957 - 1); }),
            "error: batch row 0, column 0: date value is out of range for date [-4713-11-23]");
}

TEST(PgCopyValues, TimesAndTimestamps) {
  EXPECT_EQ(field(PgWire::time, [](RowBatch& b) { b.put_time(49'507'500'000LL); }),
            strip("00000008 0000000b86e07fe0"));
  EXPECT_EQ(field(PgWire::time, [](RowBatch& b) { b.put_time(k_day); }), strip("00000008 000000141dd76000"));
  EXPECT_EQ(encode(PgWire::time, [](RowBatch& b) { b.put_time(-1); }),
            "error: batch row 0, column 0: time value is out of range for time [<time -1>]");
  EXPECT_EQ(field(PgWire::timestamp, [](RowBatch& b) { b.put_timestamp(946'684'800'000'000LL); }),
            strip("00000008 0000000000000000"));
  EXPECT_EQ(field(PgWire::timestamp, [](RowBatch& b) { b.put_timestamp(0); }),
            strip("00000008 fffca2fec4c82000"));
  EXPECT_EQ(field(PgWire::timestamptz, [](RowBatch& b) { b.put_timestamptz(1714571100250000LL); }),
            strip("00000008 0002ba6376277f90"));
  EXPECT_EQ(encode(PgWire::timestamp, [](RowBatch& b) { b.put_timestamp(INT64_MIN); }).substr(0, 75),
            "error: batch row 0, column 0: timestamp value is out of range for timestamp");
  // PostgreSQL's range (to 294276 AD) covers every later int64 microsecond count.
  EXPECT_EQ(field(PgWire::timestamptz, [](RowBatch& b) { b.put_timestamptz(INT64_MAX); }),
            strip("00000008 7ffca2fec4c81fff"));
  EXPECT_EQ(encode(PgWire::timestamptz, [](RowBatch& b) { b.put_timestamp(0); }),
            "error: batch row 0, column 0: timestamp value cannot be written to a column of type "
            "timestamptz [1970-01-01 00:00:00]");
}

TEST(PgCopyValues, IntervalIsMicrosDaysMonths) {
  EXPECT_EQ(field(PgWire::interval, [](RowBatch& b) { b.put_interval({14, 3, 3'723'000'000LL}); }),
            strip("00000010 00000000dde878c0 00000003 0000000e"));
  EXPECT_EQ(field(PgWire::interval, [](RowBatch& b) { b.put_interval({-1, -2, -3}); }),
            strip("00000010 fffffffffffffffd fffffffe ffffffff"));
}

TEST(PgCopyValues, Uuid) {
  const uint8_t u[16] = {0x0f, 0x8f, 0xad, 0x5b, 0xd9, 0xcb, 0x46, 0x9f,
                         0xa1, 0x65, 0x70, 0x86, 0x77, 0x28, 0x95, 0x0e};
  EXPECT_EQ(field(PgWire::uuid, [&](RowBatch& b) { b.put_uuid(u); }),
            strip("00000010 0f8fad5bd9cb469fa16570867728950e"));
  EXPECT_EQ(field(PgWire::text, [&](RowBatch& b) { b.put_uuid(u); }),
            "00000024" + hex("0f8fad5b-d9cb-469f-a165-70867728950e"));
  EXPECT_EQ(encode(PgWire::uuid, [](RowBatch& b) { b.put_var(ValueKind::uuid, "short"); }),
            "error: batch row 0, column 0: uuid value has 5 bytes instead of 16 [<5 bytes>]");
}

TEST(PgCopyValues, BitStringsAsVarbit) {
  // int32 bit count, then the bits most significant first, zero padded.
  EXPECT_EQ(field(PgWire::varbit, [](RowBatch& b) { b.put_text("1010101010"); }),
            strip("00000006 0000000a aa80"));
  EXPECT_EQ(field(PgWire::varbit, [](RowBatch& b) { b.put_text(""); }), strip("00000004 00000000"));
  EXPECT_EQ(encode(PgWire::varbit, [](RowBatch& b) { b.put_text("102"); }),
            "error: batch row 0, column 0: text value is not a bit string of 0 and 1 [102]");
  EXPECT_EQ(wire_for_type("bit(10)"), PgWire::varbit);
  EXPECT_EQ(wire_for_type("bit varying(5)"), PgWire::varbit);
}

TEST(PgCopyValues, TextArrays) {
  // ndim 1, no NULLs, element type text (25), size 2, lower bound 1, then
  // each element's length and bytes (the canonical payload as it is).
  auto two = [](RowBatch& b) {
    std::string p;
    append_array_element(p, "a");
    append_array_element(p, "b c");
    b.put_var(ValueKind::array, p);
  };
  EXPECT_EQ(field(PgWire::text_array, two),
            strip("00000020 00000001 00000000 00000019 00000002 00000001 00000001 61 00000003 622063"));
  EXPECT_EQ(field(PgWire::text_array, [](RowBatch& b) { b.put_var(ValueKind::array, ""); }),
            strip("0000000c 00000000 00000000 00000019"));
  EXPECT_EQ(wire_for_type("text[]"), PgWire::text_array);
  EXPECT_EQ(wire_for_type("integer[]"), std::nullopt);
  RowBatch b(1);
  two(b);
  std::string text;
  EXPECT_EQ(detail::append_text_form(b, b.at(0, 0), text), detail::CellFault::none);
  EXPECT_EQ(text, "{\"a\",\"b c\"}");
}

TEST(PgCopyValues, TextJsonBytea) {
  EXPECT_EQ(field(PgWire::text, [](RowBatch& b) { b.put_text("h\xc3\xa9llo"); }), "0000000668c3a96c6c6f");
  EXPECT_EQ(field(PgWire::text, [](RowBatch& b) { b.put_text(""); }), "00000000");
  EXPECT_EQ(field(PgWire::json, [](RowBatch& b) { b.put_json("{\"a\":1}"); }), "00000007" + hex("{\"a\":1}"));
  EXPECT_EQ(field(PgWire::jsonb, [](RowBatch& b) { b.put_json("{\"a\":1}"); }), "0000000801" + hex("{\"a\":1}"));
  EXPECT_EQ(field(PgWire::jsonb, [](RowBatch& b) { b.put_text("[]"); }), "00000003015b5d");
  EXPECT_EQ(field(PgWire::bytea, [](RowBatch& b) { b.put_bytes(std::string_view("\0\xff", 2)); }),
            "0000000200ff");
  EXPECT_EQ(field(PgWire::text, [](RowBatch& b) { b.put_var(ValueKind::enum_label, "red"); }),
            "00000003726564");
}

TEST(PgCopyValues, NulInsideTextIsRejected) {
  EXPECT_EQ(encode(PgWire::text, [](RowBatch& b) { b.put_text(std::string_view("a\0b", 3)); }),
            "error: batch row 0, column 0: text value contains a NUL byte, which PostgreSQL "
            "cannot store in text [a\\x00b]");
  EXPECT_EQ(encode(PgWire::jsonb, [](RowBatch& b) { b.put_json(std::string_view("\"\0\"", 3)); }),
            "error: batch row 0, column 0: json value contains a NUL byte, which PostgreSQL "
            "cannot store in jsonb [\"\\x00\"]");
}

TEST(PgCopyValues, TextFormsOfOtherKinds) {
  auto text = [](const std::function<void(RowBatch&)>& put) {
    std::string f = field(PgWire::text, put);
    std::string out;
    for (size_t i = 8; i + 1 < f.size(); i += 2) out += static_cast<char>(std::stoi(f.substr(i, 2), nullptr, 16));
    return out;
  };
  EXPECT_EQ(text([](RowBatch& b) { b.put_int64(-42); }), "-42");
  EXPECT_EQ(text([](RowBatch& b) { b.put_uint64(UINT64_MAX); }), "18446744073709551615");
  EXPECT_EQ(text([](RowBatch& b) { b.put_bool(true); }), "true");
  EXPECT_EQ(text([](RowBatch& b) { b.put_float64(0.1); }), "0.1");
  EXPECT_EQ(text([](RowBatch& b) { b.put_float64(1e20); }), "1e+20");
  EXPECT_EQ(text([](RowBatch& b) { b.put_float64(NAN); }), "NaN");
  EXPECT_EQ(text([](RowBatch& b) { b.put_float32(-INFINITY); }), "-Infinity");
  EXPECT_EQ(text([](RowBatch& b) { b.put_decimal("12.50"); }), "12.50");
  EXPECT_EQ(text([](RowBatch& b) { b.put_date(19844); }), "2024-05-01");
  EXPECT_EQ(text([](RowBatch& b) { b.put_time(49'507'500'000LL); }), "13:45:07.5");
  EXPECT_EQ(text([](RowBatch& b) { b.put_timestamp(1714571100250000LL); }), "2024-05-01 13:45:00.25");
  EXPECT_EQ(text([](RowBatch& b) { b.put_timestamptz(1714571100000000LL); }), "2024-05-01 13:45:00+00");
  EXPECT_EQ(text([](RowBatch& b) { b.put_interval({14, 3, 3'723'500'000LL}); }), "P1Y2M3DT1H2M3.5S");
  EXPECT_EQ(text([](RowBatch& b) { b.put_interval({0, 0, 0}); }), "PT0S");
  EXPECT_EQ(text([](RowBatch& b) { b.put_interval({-1, 0, -90'000'000LL}); }), "P-1MT-1M-30S");
  EXPECT_EQ(encode(PgWire::text, [](RowBatch& b) { b.put_bytes("x"); }),
            "error: batch row 0, column 0: bytes value cannot be written to a column of type text [\\x78]");
}

TEST(PgCopyValues, KindMismatches) {
  EXPECT_EQ(encode(PgWire::int4, [](RowBatch& b) { b.put_text("12"); }),
            "error: batch row 0, column 0: text value cannot be written to a column of type int4 [12]");
  EXPECT_EQ(encode(PgWire::boolean, [](RowBatch& b) { b.put_int32(1); }),
            "error: batch row 0, column 0: int32 value cannot be written to a column of type boolean [1]");
  EXPECT_EQ(encode(PgWire::bytea, [](RowBatch& b) { b.put_text("x"); }),
            "error: batch row 0, column 0: text value cannot be written to a column of type bytea [x]");
  EXPECT_EQ(encode(PgWire::json, [](RowBatch& b) { b.put_int32(1); }),
            "error: batch row 0, column 0: int32 value cannot be written to a column of type json [1]");
  EXPECT_EQ(encode(PgWire::json, [](RowBatch& b) { b.put_var(ValueKind::enum_label, "red"); }),
            "error: batch row 0, column 0: enum_label value cannot be written to a column of type json [red]");
  EXPECT_EQ(encode(PgWire::float4, [](RowBatch& b) { b.put_int32(1); }),
            "error: batch row 0, column 0: int32 value cannot be written to a column of type float4 [1]");
}

TEST(PgCopyValues, RowsWithNulls) {
  RowBatch batch(3);
  batch.put_int32(1);
  batch.put_null();
  batch.put_text("x");
  batch.put_null();
  batch.put_null();
  batch.put_null();
  std::string out;
  ASSERT_TRUE(CopyBinaryEncoder({PgWire::int4, PgWire::text, PgWire::text}).append_rows(batch, out));
  EXPECT_EQ(hex(out), strip("0003 00000004 00000001 ffffffff 00000001 78"
                            "0003 ffffffff ffffffff ffffffff"));
}

TEST(PgCopyValues, FailingRowLeavesEarlierRowsAndNamesColumn) {
  RowBatch batch(3);
  for (int32_t v : {1, 70000}) {
    batch.put_text("a");
    batch.put_null();
    batch.put_int32(v);
  }
  std::string out = "prefix";
  auto s = CopyBinaryEncoder({PgWire::text, PgWire::int8, PgWire::int2}).append_rows(batch, out);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::data);
  EXPECT_EQ(s.error().message, "batch row 1, column 2: int32 value is out of range for int2");
  EXPECT_EQ(s.error().context.value, "70000");
  EXPECT_EQ(s.error().hint, "widen the target type with a cast rule (for example int2 to int4, or to numeric)");
  EXPECT_EQ(hex(out), hex("prefix") + strip("0003 00000001 61 ffffffff 00000002 0001"));
}

TEST(PgCopyValues, ColumnCountMismatchIsABug) {
  RowBatch batch(2);
  std::string out;
  auto s = CopyBinaryEncoder({PgWire::int4}).append_rows(batch, out);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::internal);
  EXPECT_EQ(s.error().message, "batch has 2 columns but the COPY encoder expects 1");
}

TEST(PgCopyTypes, WireForSpellings) {
  const std::pair<const char*, PgWire> cases[] = {
      {"integer", PgWire::int4}, {"INT", PgWire::int4}, {"int4", PgWire::int4},
      {"smallint", PgWire::int2}, {"int2", PgWire::int2}, {"BIGINT", PgWire::int8},
      {"bool", PgWire::boolean}, {"boolean", PgWire::boolean}, {"real", PgWire::float4},
      {"float4", PgWire::float4}, {"double precision", PgWire::float8}, {"Double  Precision", PgWire::float8},
      {"float8", PgWire::float8}, {"float", PgWire::float8}, {"float(24)", PgWire::float4},
      {"float(25)", PgWire::float8}, {"numeric", PgWire::numeric}, {"numeric(10,2)", PgWire::numeric},
      {"NUMERIC (10, 2)", PgWire::numeric}, {"decimal(5)", PgWire::numeric}, {"text", PgWire::text},
      {"varchar", PgWire::text}, {"varchar(20)", PgWire::text}, {"character varying(20)", PgWire::text},
      {"character(3)", PgWire::text}, {"char", PgWire::text}, {"bpchar", PgWire::text},
      {"citext", PgWire::text}, {"xml", PgWire::text}, {"bytea", PgWire::bytea}, {"date", PgWire::date},
      {"time", PgWire::time}, {"time(3) without time zone", PgWire::time},
      {"timestamp", PgWire::timestamp}, {"timestamp(6)", PgWire::timestamp},
      {"timestamp without time zone", PgWire::timestamp}, {"timestamptz", PgWire::timestamptz},
      {"timestamp(3) with time zone", PgWire::timestamptz}, {"TIMESTAMP WITH TIME ZONE", PgWire::timestamptz},
      {"timestamptz(0)", PgWire::timestamptz}, {"interval", PgWire::interval},
      {"interval day to second(3)", PgWire::interval}, {"interval(6)", PgWire::interval},
      {"uuid", PgWire::uuid}, {"json", PgWire::json}, {"jsonb", PgWire::jsonb},
      {" pg_catalog.int8 ", PgWire::int8}, {"integer\n", PgWire::int4}};
  for (auto [spelling, wire] : cases) {
    auto w = wire_for_type(spelling);
    ASSERT_TRUE(w) << spelling;
    EXPECT_EQ(*w, wire) << spelling;
  }
}

TEST(PgCopyTypes, UnsupportedSpellings) {
  for (const char* t : {"", "serial", "bigserial", "timetz", "time with time zone", "integer[]",
                        "integer array", "money", "inet", "point",
                        "float(54)", "float(0)", "float(x)", "\"char\"", "my_enum", "int4range"}) {
    EXPECT_EQ(wire_for_type(t), std::nullopt) << t;
  }
}

TEST(PgCopyTypes, NamesAndCanonicalKinds) {
  EXPECT_STREQ(to_string(PgWire::timestamptz), "timestamptz");
  EXPECT_STREQ(to_string(PgWire::jsonb), "jsonb");
  EXPECT_EQ(canonical_kind(PgWire::int2), ValueKind::int16);
  EXPECT_EQ(canonical_kind(PgWire::numeric), ValueKind::decimal);
  EXPECT_EQ(canonical_kind(PgWire::jsonb), ValueKind::json);
  EXPECT_EQ(canonical_kind(PgWire::bytea), ValueKind::bytes);
  EXPECT_EQ(canonical_kind(PgWire::timestamptz), ValueKind::timestamptz);
}

}  // namespace
}  // namespace cutover::pg
