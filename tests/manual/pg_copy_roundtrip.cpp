// Hand-run check of the COPY binary encoder against a real PostgreSQL server
// (not part of the unit suite: it needs a server). Writes binary COPY files
// whose rows also carry the expected value as text; scripts/check_pg_copy.sh
// loads them and counts the rows where the server disagrees.
//
//   ./pg_copy_roundtrip OUTDIR   -> OUTDIR/{numeric,float,temporal,all}.bin
#include <cstdio>
#include <random>
#include <string>

#include <fmt/format.h>

#include "core/convert.hpp"
#include "targets/postgres/pg_copy_encoder.hpp"

using namespace cutover;
using namespace cutover::pg;

namespace {

void write_file(const std::string& path, const std::vector<PgWire>& cols, const RowBatch& batch) {
  std::string out;
  CopyBinaryEncoder::append_header(out);
  auto s = CopyBinaryEncoder(cols).append_rows(batch, out);
  if (!s) {
    fmt::print(stderr, "{}: {}\n", path, s.error().describe());
    std::exit(1);
  }
  CopyBinaryEncoder::append_trailer(out);
  FILE* f = std::fopen(path.c_str(), "wb");
  std::fwrite(out.data(), 1, out.size(), f);
  std::fclose(f);
}

std::string random_decimal(std::mt19937_64& rng) {
  std::uniform_int_distribution<int> len(1, 40), digit(0, 9), coin(0, 3);
  std::string s = coin(rng) == 0 ? "-" : "";
  int n = len(rng);
  int point = std::uniform_int_distribution<int>(0, n)(rng);
  for (int i = 0; i < n; ++i) {
    if (i == point && i > 0) s += '.';
    s += static_cast<char>('0' + (coin(rng) == 0 ? 0 : digit(rng)));
  }
  return *normalize_decimal(s);
}

// numeric(n numeric, expected text): every row must satisfy n::text = expected.
void numeric_file(const std::string& dir, std::mt19937_64& rng) {
  RowBatch b(2);
  for (const char* v : {"0", "0.00", "1", "-1", "0.0001", "12345.678", "10000", "-0.5",
                        "0.00000000000000000001", "99999999999999999999.99", "NaN"}) {
    b.put_decimal(v);
    b.put_text(v);
  }
  for (int i = 0; i < 20000; ++i) {
    std::string v = random_decimal(rng);
    b.put_decimal(v);
    b.put_text(v);
  }
  write_file(dir + "/numeric.bin", {PgWire::numeric, PgWire::text}, b);
}

// float(d float8, f float4, bits8, bits4): float8send/float4send must equal the bits.
void float_file(const std::string& dir, std::mt19937_64& rng) {
  RowBatch b(4);
  auto add = [&](double d) {
    auto f = static_cast<float>(d);
    b.put_float64(d);
    b.put_float32(f);
    b.put_text(fmt::format("{:016x}", std::bit_cast<uint64_t>(d)));
    b.put_text(fmt::format("{:08x}", std::bit_cast<uint32_t>(f)));
  };
  for (double d : {0.0, -0.0, 1.5, double{INFINITY}, -double{INFINITY}, double{NAN}, 1e300, 5e-324}) add(d);
  for (int i = 0; i < 5000; ++i) {
    double d = std::bit_cast<double>(rng());
    if (std::isfinite(d)) add(d);
  }
  write_file(dir + "/float.bin", {PgWire::float8, PgWire::float4, PgWire::text, PgWire::text}, b);
}

// temporal(ts, tz, dt, tm, iv, expected ts/date/time text, interval as text).
void temporal_file(const std::string& dir, std::mt19937_64& rng) {
  RowBatch b(9);
  std::uniform_int_distribution<int64_t> when(-62'135'596'800'000'000LL, 253'402'300'799'999'999LL);
  std::uniform_int_distribution<int64_t> tod(0, 86'400'000'000LL);
  std::uniform_int_distribution<int32_t> small(-1000, 1000);
  for (int i = 0; i < 5000; ++i) {
    int64_t ts = when(rng), t = tod(rng);
    auto days = static_cast<int32_t>(ts >= 0 ? ts / 86'400'000'000LL : (ts + 1) / 86'400'000'000LL - 1);
    Interval iv{small(rng), small(rng), when(rng) / 1000};
    b.put_timestamp(ts);
    b.put_timestamptz(ts);
    b.put_date(days);
    b.put_time(t);
    b.put_interval(iv);
    b.put_text(format_timestamp(ts));
    b.put_text(format_date(days));
    b.put_text(format_time_of_day(t));
    b.put_interval(iv);  // into a text column: ISO 8601 form
  }
  write_file(dir + "/temporal.bin",
             {PgWire::timestamp, PgWire::timestamptz, PgWire::date, PgWire::time, PgWire::interval,
              PgWire::text, PgWire::text, PgWire::text, PgWire::text},
             b);
}

// all: one row of every wire form, inspected by eye.
void all_file(const std::string& dir) {
  RowBatch b(17);
  const uint8_t u[16] = {0x0f, 0x8f, 0xad, 0x5b, 0xd9, 0xcb, 0x46, 0x9f,
                         0xa1, 0x65, 0x70, 0x86, 0x77, 0x28, 0x95, 0x0e};
  b.put_bool(true); b.put_int16(-32768); b.put_int32(INT32_MAX); b.put_int64(INT64_MIN);
  b.put_float32(-0.0f); b.put_float64(NAN); b.put_float64(-INFINITY); b.put_text("h\xc3\xa9llo");
  b.put_bytes(std::string_view("\0\xff", 2)); b.put_date(-2451545 + 10957); b.put_time(86'400'000'000LL);
  b.put_timestamp(0); b.put_timestamptz(1714571100250000LL); b.put_interval({14, 3, 3'723'500'000LL});
  b.put_uuid(u); b.put_json("{\"a\": [1, 2]}"); b.put_json("{\"b\": null, \"a\": 1}");
  write_file(dir + "/all.bin",
             {PgWire::boolean, PgWire::int2, PgWire::int4, PgWire::int8, PgWire::float4, PgWire::float8,
              PgWire::numeric, PgWire::text, PgWire::bytea, PgWire::date, PgWire::time, PgWire::timestamp,
              PgWire::timestamptz, PgWire::interval, PgWire::uuid, PgWire::json, PgWire::jsonb},
             b);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    fmt::print(stderr, "usage: {} OUTDIR\n", argv[0]);
    return 2;
  }
  std::mt19937_64 rng(20240501);
  numeric_file(argv[1], rng);
  float_file(argv[1], rng);
  temporal_file(argv[1], rng);
  all_file(argv[1]);
  return 0;
}
