// The COPY binary decoder against the encoder: every canonical kind
// survives encode -> decode with the same value hash (what verification
// compares), numerics decode to PostgreSQL's text, and the canonical JSON
// form makes a source's JSON text and jsonb's normalised output agree.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>

#include "core/text_array.hpp"
#include "targets/postgres/pg_copy_decoder.hpp"
#include "verify/checksum.hpp"

namespace cutover::pg {
namespace {

using Put = std::function<void(RowBatch&)>;

// Encodes one single-column row (with header and trailer) and decodes it
// into `kind`; the decoded batch.
RowBatch round_trip(PgWire wire, ValueKind kind, const Put& put, size_t step = 0) {
  RowBatch in(1);
  put(in);
  std::string bytes;
  CopyBinaryEncoder::append_header(bytes);
  EXPECT_TRUE(CopyBinaryEncoder({wire}).append_rows(in, bytes));
  CopyBinaryEncoder::append_trailer(bytes);
  CopyBinaryDecoder decoder({wire}, {kind});
  RowBatch out(1);
  if (step == 0) {
    auto used = decoder.decode(bytes, out);
    EXPECT_TRUE(used.has_value());
    EXPECT_EQ(used.value_or(0), bytes.size());
  } else {  // fed in pieces, as a split stream would arrive
    std::string pending;
    for (size_t at = 0; at < bytes.size(); at += step) {
      pending += bytes.substr(at, step);
      auto used = decoder.decode(pending, out);
      EXPECT_TRUE(used.has_value());
      pending.erase(0, used.value_or(0));
    }
    EXPECT_TRUE(pending.empty());
  }
  EXPECT_TRUE(decoder.finished());
  return out;
}

// Encode -> decode keeps the value hash (and the kind).
void expect_same(PgWire wire, ValueKind kind, const Put& put) {
  RowBatch in(1);
  put(in);
  RowBatch out = round_trip(wire, kind, put);
  ASSERT_EQ(out.rows(), 1u) << to_string(wire);
  EXPECT_EQ(out.at(0, 0).kind, in.at(0, 0).kind) << to_string(wire);
  EXPECT_EQ(value_hash(out, 0, 0), value_hash(in, 0, 0)) << to_string(wire);
  EXPECT_EQ(row_hash(out, 0), row_hash(in, 0)) << to_string(wire);
}

TEST(PgCopyDecoder, EveryKindRoundTripsWithTheSameHash) {
  expect_same(PgWire::boolean, ValueKind::boolean, [](RowBatch& b) { b.put_bool(true); });
  expect_same(PgWire::boolean, ValueKind::boolean, [](RowBatch& b) { b.put_bool(false); });
  expect_same(PgWire::int2, ValueKind::int16, [](RowBatch& b) { b.put_int16(-32768); });
  expect_same(PgWire::int4, ValueKind::int32, [](RowBatch& b) { b.put_int32(2147483647); });
  expect_same(PgWire::int8, ValueKind::int64, [](RowBatch& b) { b.put_int64(INT64_MIN); });
  expect_same(PgWire::float4, ValueKind::float32, [](RowBatch& b) { b.put_float32(-1.5f); });
  expect_same(PgWire::float8, ValueKind::float64, [](RowBatch& b) { b.put_float64(0.1); });
  expect_same(PgWire::numeric, ValueKind::decimal, [](RowBatch& b) { b.put_decimal("-12345678901234567890.000123"); });
  expect_same(PgWire::numeric, ValueKind::decimal, [](RowBatch& b) { b.put_decimal("0.5"); });
  expect_same(PgWire::numeric, ValueKind::decimal, [](RowBatch& b) { b.put_decimal("NaN"); });
  expect_same(PgWire::text, ValueKind::text, [](RowBatch& b) { b.put_text("héllo\twörld €"); });
  expect_same(PgWire::text, ValueKind::text, [](RowBatch& b) { b.put_text(""); });
  expect_same(PgWire::bytea, ValueKind::bytes, [](RowBatch& b) { b.put_bytes(std::string("\0\xff\x01", 3)); });
  expect_same(PgWire::date, ValueKind::date, [](RowBatch& b) { b.put_date(-719162); });  // 0001-01-01
  expect_same(PgWire::time, ValueKind::time, [](RowBatch& b) { b.put_time(86'400'000'000LL); });
  expect_same(PgWire::timestamp, ValueKind::timestamp, [](RowBatch& b) { b.put_timestamp(-1); });
  expect_same(PgWire::timestamptz, ValueKind::timestamptz, [](RowBatch& b) { b.put_timestamptz(1714571100250000LL); });
  expect_same(PgWire::interval, ValueKind::interval, [](RowBatch& b) { b.put_interval({14, -3, 5'000'001}); });
  const uint8_t id[16] = {0x12, 0x3e, 0x45, 0x67, 0xe8, 0x9b, 0x12, 0xd3, 0xa4, 0x56, 0x42, 0x66, 0x14, 0x17, 0x40, 0x00};
  expect_same(PgWire::uuid, ValueKind::uuid, [&](RowBatch& b) { b.put_uuid(id); });
  expect_same(PgWire::json, ValueKind::json, [](RowBatch& b) { b.put_json(R"({"a": [1, "x"]})"); });
  expect_same(PgWire::jsonb, ValueKind::json, [](RowBatch& b) { b.put_json(R"({"a": [1, "x"]})"); });
  expect_same(PgWire::text, ValueKind::enum_label, [](RowBatch& b) { b.put_var(ValueKind::enum_label, "red"); });
  expect_same(PgWire::int8, ValueKind::int64, [](RowBatch& b) { b.put_null(); });
  for (std::vector<std::string> members : {std::vector<std::string>{}, {"x"}, {"y z", "q\"b", ""}}) {
    std::string p;
    for (const auto& m : members) append_array_element(p, m);
    expect_same(PgWire::text_array, ValueKind::array, [&](RowBatch& b) { b.put_var(ValueKind::array, p); });
  }
  for (const char* bits : {"1", "0", "10110", "1000000000000000000000000000000000000000000000000000000000000001", ""})
    expect_same(PgWire::varbit, ValueKind::text, [&](RowBatch& b) { b.put_text(bits); });
}

TEST(PgCopyDecoder, SpecialFloatsKeepTheirBits) {
  double inf = std::numeric_limits<double>::infinity();
  for (double d : {inf, -inf, -0.0, 0.0, std::nan(""), 5e-324, 1.7976931348623157e308}) {
    expect_same(PgWire::float8, ValueKind::float64, [&](RowBatch& b) { b.put_float64(d); });
    RowBatch out = round_trip(PgWire::float8, ValueKind::float64, [&](RowBatch& b) { b.put_float64(d); });
    if (!std::isnan(d)) {
      EXPECT_EQ(std::signbit(out.at(0, 0).f64), std::signbit(d));
    }
  }
  expect_same(PgWire::float4, ValueKind::float32, [](RowBatch& b) { b.put_float32(-0.0f); });
  // -0.0 and 0.0 are different values to the checksum.
  RowBatch z(1);
  z.put_float64(0.0);
  z.put_float64(-0.0);
  EXPECT_NE(value_hash(z, 0, 0), value_hash(z, 1, 0));
}

TEST(PgCopyDecoder, NumericsDecodeToTheirDisplayScale) {
  auto text = [](std::string_view digits) {
    RowBatch out = round_trip(PgWire::numeric, ValueKind::decimal, [&](RowBatch& b) { b.put_decimal(digits); });
    return std::string(out.payload(out.at(0, 0)));
  };
  EXPECT_EQ(text("0"), "0");
  EXPECT_EQ(text("1.50"), "1.50");
  EXPECT_EQ(text("-0.001"), "-0.001");
  EXPECT_EQ(text("10000"), "10000");
  EXPECT_EQ(text("123456789.123456789"), "123456789.123456789");
  EXPECT_EQ(text("0.00000000000000000001"), "0.00000000000000000001");
  EXPECT_EQ(text("1e3"), "1000");
  EXPECT_EQ(text("Infinity"), "Infinity");
  EXPECT_EQ(text("-Infinity"), "-Infinity");
  // numeric(10,2) sends "1.5" back as "1.50": hashed alike.
  RowBatch b(1);
  b.put_decimal("1.5");
  b.put_decimal("1.50");
  EXPECT_EQ(value_hash(b, 0, 0), value_hash(b, 1, 0));
}

TEST(PgCopyDecoder, WiderAndNarrowerWiresBecomeThePlansKind) {
  RowBatch out = round_trip(PgWire::int4, ValueKind::int64, [](RowBatch& b) { b.put_int64(7); });
  EXPECT_EQ(out.at(0, 0).kind, ValueKind::int64);
  out = round_trip(PgWire::numeric, ValueKind::int64, [](RowBatch& b) { b.put_int64(-42); });
  EXPECT_EQ(out.at(0, 0).kind, ValueKind::int64);
  EXPECT_EQ(out.at(0, 0).i, -42);
  out = round_trip(PgWire::numeric, ValueKind::float64, [](RowBatch& b) { b.put_float64(0.1); });
  EXPECT_EQ(out.at(0, 0).f64, 0.1);
  out = round_trip(PgWire::float4, ValueKind::float64, [](RowBatch& b) { b.put_float64(0.5); });
  EXPECT_EQ(out.at(0, 0).kind, ValueKind::float64);
}

TEST(PgCopyDecoder, TuplesSplitAcrossMessagesDecodeOnce) {
  for (size_t step : {1u, 3u, 7u}) {
    RowBatch out = round_trip(PgWire::text, ValueKind::text, [](RowBatch& b) { b.put_text("split me"); }, step);
    ASSERT_EQ(out.rows(), 1u);
    EXPECT_EQ(out.payload(out.at(0, 0)), "split me");
  }
}

TEST(PgCopyDecoder, MalformedInputIsAnError) {
  CopyBinaryDecoder d({PgWire::int4}, {ValueKind::int32});
  RowBatch out(1);
  EXPECT_FALSE(d.decode(std::string(19, 'x'), out).has_value());
  std::string bytes;
  CopyBinaryEncoder::append_header(bytes);
  bytes += std::string("\0\1\0\0\0\3abc", 9);  // an int4 field of 3 bytes
  CopyBinaryDecoder d2({PgWire::int4}, {ValueKind::int32});
  auto r = d2.decode(bytes, out);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message, "COPY binary column 0 (int4): field of 3 bytes, expected 4");
  EXPECT_EQ(out.rows(), 0u);
}

TEST(CanonicalJson, SourceTextAndJsonbOutputAgree) {
  // What PostgreSQL's jsonb prints back for the source text on the left.
  EXPECT_EQ(canonical_json(R"({ "b" : 1, "a" : [1, 2.0, "x"] })"), canonical_json(R"({"a": [1, 2.0, "x"], "b": 1})"));
  EXPECT_EQ(canonical_json(R"({"a": 1e2})"), canonical_json(R"({"a": 100})"));
  EXPECT_EQ(canonical_json(R"({"a":1,"a":2})"), canonical_json(R"({"a": 2})"));
  EXPECT_EQ(canonical_json(R"(["\u00e9"])"), canonical_json("[\"\xC3\xA9\"]"));
  EXPECT_EQ(canonical_json(R"({ "b" : 1, "a" : [1, 2.0, "x"] })"), R"({"a":[1,2,"x"],"b":1})");
  EXPECT_EQ(canonical_json("[0.1, -1.5e300, 18446744073709551615]"), "[0.1,-1.5e+300,18446744073709551615]");
  EXPECT_NE(canonical_json(R"({"a": 1})"), canonical_json(R"({"a": "1"})"));
  EXPECT_EQ(canonical_json("not json"), "not json");
}

}  // namespace
}  // namespace cutover::pg
