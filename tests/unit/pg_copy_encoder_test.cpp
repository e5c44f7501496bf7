// Golden bytes of PostgreSQL's binary COPY format, computed by hand from the
// format description (and checked once against a PostgreSQL 15 server with
// COPY ... TO STDOUT (FORMAT binary) and COPY ... FROM (FORMAT binary)).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "pg_copy_test_util.hpp"

namespace cutover::pg {
namespace {

using namespace cutover::pg::copytest;

TEST(PgCopyEncoder, HeaderAndTrailer) {
  std::string out;
  CopyBinaryEncoder::append_header(out);
  EXPECT_EQ(out.size(), 19u);
  EXPECT_EQ(hex(out), "5047434f50590aff0d0a00" "00000000" "00000000");
  CopyBinaryEncoder::append_trailer(out);
  EXPECT_EQ(hex(out).substr(38), "ffff");
}

TEST(PgCopyEncoder, Boolean) {
  EXPECT_EQ(field(PgWire::boolean, [](RowBatch& b) { b.put_bool(true); }), "0000000101");
  EXPECT_EQ(field(PgWire::boolean, [](RowBatch& b) { b.put_bool(false); }), "0000000100");
}

TEST(PgCopyEncoder, IntegersAtTheirLimits) {
  EXPECT_EQ(field(PgWire::int2, [](RowBatch& b) { b.put_int16(32767); }), "000000027fff");
  EXPECT_EQ(field(PgWire::int2, [](RowBatch& b) { b.put_int64(-32768); }), "000000028000");
  EXPECT_EQ(field(PgWire::int2, [](RowBatch& b) { b.put_int32(-1); }), "00000002ffff");
  EXPECT_EQ(field(PgWire::int4, [](RowBatch& b) { b.put_int32(INT32_MIN); }), "0000000480000000");
  EXPECT_EQ(field(PgWire::int4, [](RowBatch& b) { b.put_int64(INT32_MAX); }), "000000047fffffff");
  EXPECT_EQ(field(PgWire::int8, [](RowBatch& b) { b.put_int64(INT64_MIN); }),
            strip("00000008 8000000000000000"));
  EXPECT_EQ(field(PgWire::int8, [](RowBatch& b) { b.put_int64(INT64_MAX); }),
            strip("00000008 7fffffffffffffff"));
  EXPECT_EQ(field(PgWire::int8, [](RowBatch& b) { b.put_uint64(INT64_MAX); }),
            strip("00000008 7fffffffffffffff"));
  EXPECT_EQ(field(PgWire::int8, [](RowBatch& b) { b.put_int16(258); }), strip("00000008 0000000000000102"));
}

TEST(PgCopyEncoder, IntegerRangeErrorsNameColumnAndValue) {
  EXPECT_EQ(encode(PgWire::int2, [](RowBatch& b) { b.put_int32(70000); }),
            "error: batch row 0, column 0: int32 value is out of range for int2 [70000]");
  EXPECT_EQ(encode(PgWire::int2, [](RowBatch& b) { b.put_int32(-32769); }),
            "error: batch row 0, column 0: int32 value is out of range for int2 [-32769]");
  EXPECT_EQ(encode(PgWire::int4, [](RowBatch& b) { b.put_int64(2147483648LL); }),
            "error: batch row 0, column 0: int64 value is out of range for int4 [2147483648]");
  EXPECT_EQ(encode(PgWire::int8, [](RowBatch& b) { b.put_uint64(UINT64_MAX); }),
            "error: batch row 0, column 0: uint64 value is out of range for int8 "
            "[18446744073709551615]");
}

TEST(PgCopyEncoder, Float4BitExact) {
  EXPECT_EQ(field(PgWire::float4, [](RowBatch& b) { b.put_float32(1.5f); }), "000000043fc00000");
  EXPECT_EQ(field(PgWire::float4, [](RowBatch& b) { b.put_float32(-0.0f); }), "0000000480000000");
  EXPECT_EQ(field(PgWire::float4, [](RowBatch& b) { b.put_float32(INFINITY); }), "000000047f800000");
  EXPECT_EQ(field(PgWire::float4, [](RowBatch& b) { b.put_float32(-INFINITY); }), "00000004ff800000");
  EXPECT_EQ(field(PgWire::float4, [](RowBatch& b) { b.put_float32(std::numeric_limits<float>::quiet_NaN()); }),
            "000000047fc00000");
  EXPECT_EQ(field(PgWire::float4, [](RowBatch& b) { b.put_float64(0.5); }), "000000043f000000");
  EXPECT_EQ(encode(PgWire::float4, [](RowBatch& b) { b.put_float64(0.1); }),
            "error: batch row 0, column 0: float64 value cannot be stored exactly in float4 [0.1]");
}

TEST(PgCopyEncoder, Float8BitExact) {
  EXPECT_EQ(field(PgWire::float8, [](RowBatch& b) { b.put_float64(1.5); }), strip("00000008 3ff8000000000000"));
  EXPECT_EQ(field(PgWire::float8, [](RowBatch& b) { b.put_float64(-0.0); }), strip("00000008 8000000000000000"));
  EXPECT_EQ(field(PgWire::float8, [](RowBatch& b) { b.put_float64(INFINITY); }), strip("00000008 7ff0000000000000"));
  EXPECT_EQ(field(PgWire::float8, [](RowBatch& b) { b.put_float64(-INFINITY); }), strip("00000008 fff0000000000000"));
  EXPECT_EQ(field(PgWire::float8, [](RowBatch& b) { b.put_float64(std::numeric_limits<double>::quiet_NaN()); }),
            strip("00000008 7ff8000000000000"));
  EXPECT_EQ(field(PgWire::float8, [](RowBatch& b) { b.put_float32(1.5f); }), strip("00000008 3ff8000000000000"));
  EXPECT_EQ(field(PgWire::float8, [](RowBatch& b) { b.put_int32(7); }), strip("00000008 401c000000000000"));
  EXPECT_EQ(field(PgWire::float8, [](RowBatch& b) { b.put_int64(1LL << 53); }), strip("00000008 4340000000000000"));
  EXPECT_EQ(encode(PgWire::float8, [](RowBatch& b) { b.put_int64((1LL << 53) + 1); }),
            "error: batch row 0, column 0: int64 value cannot be stored exactly in float8 [9007199254740993]");
  EXPECT_EQ(encode(PgWire::float8, [](RowBatch& b) { b.put_int64(INT64_MAX); }),
            "error: batch row 0, column 0: int64 value cannot be stored exactly in float8 [9223372036854775807]");
  EXPECT_EQ(encode(PgWire::float8, [](RowBatch& b) { b.put_uint64(UINT64_MAX); }),
            "error: batch row 0, column 0: uint64 value cannot be stored exactly in float8 "
            "[18446744073709551615]");
}

// Numeric payloads: ndigits, weight, sign, dscale, then base-10000 digits.
std::string numeric(std::string_view digits) {
  std::string out;
  auto s = append_numeric(digits, out);
  return s ? hex(out) : "error: " + s.error().message;
}

TEST(PgCopyNumeric, GoldenPayloads) {
  EXPECT_EQ(numeric("0"), strip("0000 0000 0000 0000"));
  EXPECT_EQ(numeric("0.00"), strip("0000 0000 0000 0002"));
  EXPECT_EQ(numeric("-0.00"), strip("0000 0000 0000 0002"));
  EXPECT_EQ(numeric("1"), strip("0001 0000 0000 0000 0001"));
  EXPECT_EQ(numeric("-1"), strip("0001 0000 4000 0000 0001"));
  EXPECT_EQ(numeric("0.0001"), strip("0001 ffff 0000 0004 0001"));
  EXPECT_EQ(numeric("12345.678"), strip("0003 0001 0000 0003 0001 0929 1a7c"));
  EXPECT_EQ(numeric("10000"), strip("0001 0001 0000 0000 0001"));
  EXPECT_EQ(numeric("0.00000000000000000001"), strip("0001 fffb 0000 0014 0001"));
  EXPECT_EQ(numeric("99999999999999999999.99"),
            strip("0006 0004 0000 0002 270f 270f 270f 270f 270f 26ac"));
  EXPECT_EQ(numeric("-0.5"), strip("0001 ffff 4000 0001 1388"));
  EXPECT_EQ(numeric("1.50"), strip("0002 0000 0000 0002 0001 1388"));
  EXPECT_EQ(numeric("100000000"), strip("0001 0002 0000 0000 0001"));
  EXPECT_EQ(numeric("NaN"), strip("0000 0000 c000 0000"));
  EXPECT_EQ(numeric("Infinity"), strip("0000 0000 d000 0000"));
  EXPECT_EQ(numeric("-Infinity"), strip("0000 0000 f000 0000"));
}

TEST(PgCopyNumeric, AcceptsUnnormalizedText) {
  EXPECT_EQ(numeric("1e-20"), numeric("0.00000000000000000001"));
  EXPECT_EQ(numeric("1e+20"), strip("0001 0005 0000 0000 0001"));
  EXPECT_EQ(numeric("+007.50"), numeric("7.50"));
  EXPECT_EQ(numeric(".5"), numeric("0.5"));
  EXPECT_EQ(numeric("1.2345e2"), numeric("123.45"));
  EXPECT_EQ(numeric("nan"), numeric("NaN"));
}

TEST(PgCopyNumeric, Errors) {
  EXPECT_EQ(numeric("abc"), "error: 'abc' is not a valid number");
  EXPECT_EQ(numeric(""), "error: '' is not a valid number");
  EXPECT_EQ(numeric("1.2.3"), "error: '1.2.3' is not a valid number");
  EXPECT_EQ(numeric("1e-20000"), "error: '1e-20000' exceeds PostgreSQL numeric limits");
  EXPECT_EQ(numeric("1e200000"), "error: '1e200000' exceeds PostgreSQL numeric limits");
  std::string out = "keep";
  EXPECT_FALSE(append_numeric("x", out));
  EXPECT_EQ(out, "keep");
}

TEST(PgCopyNumeric, FromOtherKinds) {
  EXPECT_EQ(field(PgWire::numeric, [](RowBatch& b) { b.put_decimal("-12345.678"); }),
            strip("0000000e 0003 0001 4000 0003 0001 0929 1a7c"));
  EXPECT_EQ(field(PgWire::numeric, [](RowBatch& b) { b.put_int64(-12345); }),
            strip("0000000c 0002 0001 4000 0000 0001 0929"));
  EXPECT_EQ(field(PgWire::numeric, [](RowBatch& b) { b.put_uint64(UINT64_MAX); }),
            strip("00000012 0005 0004 0000 0000 0734 1a58 02e1 03bb 064f"));
  EXPECT_EQ(field(PgWire::numeric, [](RowBatch& b) { b.put_float64(0.1); }),
            strip("0000000a 0001 ffff 0000 0001 03e8"));
  EXPECT_EQ(field(PgWire::numeric, [](RowBatch& b) { b.put_float64(1e20); }),
            strip("0000000a 0001 0005 0000 0000 0001"));
  EXPECT_EQ(field(PgWire::numeric, [](RowBatch& b) { b.put_float32(0.1f); }),
            strip("0000000a 0001 ffff 0000 0001 03e8"));
  EXPECT_EQ(field(PgWire::numeric, [](RowBatch& b) { b.put_float64(NAN); }),
            strip("00000008 0000 0000 c000 0000"));
  EXPECT_EQ(field(PgWire::numeric, [](RowBatch& b) { b.put_float64(-INFINITY); }),
            strip("00000008 0000 0000 f000 0000"));
  EXPECT_EQ(encode(PgWire::numeric, [](RowBatch& b) { b.put_decimal("abc"); }),
            "error: batch row 0, column 0: decimal value is not a valid number [abc]");
}

}  // namespace
}  // namespace cutover::pg
